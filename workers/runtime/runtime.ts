import type { SqlJsStatic } from 'sql.js';
import type { EngineEvent, LockState, SaveState } from '../contract/base';
import type { Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import { OperationRegistry } from '../core/operation';
import { SqlJsDb, type Db } from '../store/db';
import { openImportCandidate } from '../store/importCheck';
import { MAX_DB_BYTES, maxDbMessage } from '../store/limits';
import { migrate, migrateInPieces } from '../store/migrate';
import type { Migration } from '../store/migrations';
import { adoptDatabase } from '../store/fileChanges';
import { Saver, type Capture, type Timers } from '../store/saver';
import { storageError, type Snapshot, type SnapshotStore } from '../store/snapshotStore';
import { isSegmented, takeChanges } from '../store/takeChanges';
import type { BlobMaker } from '../store/blobMaker';
import { CaptureStaging } from '../store/captureStaging';
import type { WriterLock } from '../store/tabLock';
import { WriteQueue } from '../store/writeQueue';
import type { EngineContext, WriteOptions } from './context';

export interface RuntimeOptions {
  /** sql.js, or the promise of it while its wasm is still loading. */
  sql: SqlJsStatic | Promise<SqlJsStatic>;
  store: SnapshotStore;
  lock: WriterLock;
  clock: Clock;
  migrations: readonly Migration[];
  debounceMs?: number;
  maxWaitMs?: number;
  timers?: Timers;
  /** How long opening waits for the lock before offering "use here" (a reloaded tab's old worker may still hold it). */
  acquireWaitMs?: number;
  /** The largest database that is imported or saved. */
  maxDbBytes?: number;
  /** Told when opening passes each phase (the worker turns them into performance marks). */
  trace?: (phase: OpenPhase) => void;
  /** Makes a large save's segment Blobs off this thread (store/blobMaker.ts); absent: made here. */
  blobMaker?: BlobMaker;
}

/** The steps of opening a lab, in the order they usually finish. */
export type OpenPhase = 'lock-acquired' | 'sqlite-ready' | 'storage-read' | 'opened';

const ACQUIRE_FIRST_RETRY_MS = 5;
const ACQUIRE_RETRY_MS = 100;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Owns the database for this tab: opening it from the last snapshot, the write queue, the saver,
 * hand-over between tabs, and wholesale replacement (import, erase). Engines see it only as an
 * `EngineContext`.
 */
export class EngineRuntime implements EngineContext {
  readonly clock: Clock;
  readonly operations: OperationRegistry;
  private current: SqlJsDb | null = null;
  private saver: Saver | null = null;
  private readonly queue = new WriteQueue();
  /** Where a large save's bytes are copied before they become Blobs (store/captureStaging.ts). */
  private readonly staging = new CaptureStaging();
  private listeners: Array<(e: EngineEvent) => void> = [];
  private resetListeners: Array<() => void> = [];
  private lockState: LockState = { role: 'opening' };
  private opening: Promise<LockState> | null = null;
  /** Set while saving is off after a failed load: the generation an import/erase may replace. */
  private replaceableGeneration: number | null = null;
  /** Set while this tab hands the lab to another: new writes are refused, not acknowledged and lost. */
  private steppingDown = false;

  constructor(private readonly o: RuntimeOptions) {
    this.clock = o.clock;
    this.operations = new OperationRegistry(this.emit);
    o.lock.onTakeOverRequested(() => this.stepDown('taken_over', { mayDecline: true }));
  }

  readonly emit = (event: EngineEvent): void => {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener that throws (e.g. a closed proxy) must not break the engine.
      }
    }
  };

  addListener(listener: (e: EngineEvent) => void): void {
    this.listeners = [listener];
  }

  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  get lock(): LockState {
    return this.lockState;
  }

  private setLock(state: LockState): LockState {
    this.lockState = state;
    this.emit({ type: 'lock', state });
    return state;
  }

  db(): Db {
    if (!this.current) {
      throw new EngineError(
        'NOT_WRITER',
        this.lockState.role === 'opening'
          ? 'The lab is still opening.'
          : 'The lab is open in another tab. Choose "use here" to work in this tab.',
      );
    }
    return this.current;
  }

  read<T>(fn: (db: Db) => T): T {
    return fn(this.db());
  }

  holdQuietSaves(): () => void {
    // Held by the saver of the moment: a saver made later (another lab opened) starts unheld.
    return this.saver?.holdQuietSaves() ?? (() => undefined);
  }

  write<T>(fn: (db: Db) => T, options?: WriteOptions): Promise<T> {
    // During a hand-over the last save may already be running: a write accepted now could be
    // acknowledged and then dropped, so it is refused instead (the caller sees NOT_WRITER).
    if (this.steppingDown) return Promise.reject(this.handingOver());
    return this.queue.enqueue(() => {
      const db = this.db();
      // A save that has waited its maximum goes first, between this write and the one before:
      // batches of a long operation cannot keep postponing it.
      this.saver?.saveIfDue((generation) => this.takeSnapshot(generation));
      const out = db.transaction(() => fn(db));
      this.saver?.markDirty(options?.batch === true);
      return out;
    });
  }

  private handingOver(): EngineError {
    return new EngineError('NOT_WRITER', 'The lab is moving to another tab; this change was not made.');
  }

  /**
   * What a save on top of `expectedGeneration` writes, refused when the lab has grown past what can
   * be saved: what changed in the file since the last save (`takeChanges`). Runs between
   * transactions; it copies only what it hands over.
   */
  private takeSnapshot(expectedGeneration: number): Capture {
    this.db(); // NOT_WRITER once this tab no longer holds the lab
    const db = this.current!;
    const max = this.o.maxDbBytes ?? MAX_DB_BYTES;
    const size = db.sizeBytes();
    if (size > max) {
      throw new EngineError('STORAGE_QUOTA', maxDbMessage(size, max, 'lab'), {
        sizeBytes: size,
        maxBytes: max,
      });
    }
    const changes = db.fileChanges;
    const { store } = this.o;
    if (!changes || !isSegmented(store)) return { image: db.export() };
    return takeChanges(changes, store, expectedGeneration, {
      staging: this.staging,
      ...(this.o.blobMaker ? { blobMaker: this.o.blobMaker } : {}),
    });
  }

  /** The open lab's file gets its room to grow now, in idle time (`FileChanges.makeRoom`). */
  makeFileRoom(): void {
    this.current?.fileChanges?.makeRoom();
  }

  /**
   * A throwaway database in memory with the lab's schema, which nothing saves and the caller closes:
   * warm-ups run a job's statements on it, so the first real job finds SQLite's code compiled (sql.js
   * is WebAssembly, compiled function by function on first call) without a write to the lab.
   *
   * `pause` is awaited before each migration: SQLite's first CREATE statements of a page load run
   * cold, and the whole schema in one go held the worker 138 ms in Chromium (traced) while the lane
   * warmed up after opening, so a request sent then could wait that long.
   */
  async scratchDb(pause: () => Promise<void> = async () => undefined): Promise<Db> {
    const db = new SqlJsDb(new (await this.o.sql).Database());
    await migrateInPieces(db, this.o.migrations, 0, pause);
    return db;
  }

  /** Become the writer if no other tab is; otherwise stay on standby. */
  open(): Promise<LockState> {
    if (this.current) return Promise.resolve(this.lockState);
    this.opening ??= (async () => {
      try {
        if (!(await this.acquireSoon())) {
          // The lab is another tab's: a copy read ahead would only be out of date by "use here".
          this.o.store.dropPrefetch?.();
          return this.setLock({ role: 'standby', reason: 'elsewhere' });
        }
        this.o.trace?.('lock-acquired');
        await this.load();
        this.o.trace?.('opened');
        return this.setLock({ role: 'writer' });
      } finally {
        this.opening = null;
      }
    })();
    return this.opening;
  }

  /**
   * Takes the lock, retrying for a short while: after a reload the old page's worker can hold it
   * for a moment longer, and that tab must not land on "open in another tab".
   */
  private async acquireSoon(): Promise<boolean> {
    const waitMs = this.o.acquireWaitMs ?? 2000;
    const sleep = this.o.timers
      ? (ms: number) => new Promise<void>((r) => this.o.timers!.setTimeout(r, ms))
      : defaultSleep;
    // The old worker usually lets go within a few milliseconds of the reload: look again soon, then
    // less and less often.
    for (
      let waited = 0, step = ACQUIRE_FIRST_RETRY_MS;
      ;
      waited += step, step = Math.min(2 * step, ACQUIRE_RETRY_MS)
    ) {
      if (await this.o.lock.tryAcquire()) return true;
      if (waited >= waitMs) return false;
      await sleep(step);
    }
  }

  /** "Use here": the holder flushes and steps down, then this tab loads its snapshot. */
  async takeOver(): Promise<LockState> {
    if (this.current) return this.lockState;
    const before = this.lockState;
    this.setLock({ role: 'opening' });
    try {
      await this.o.lock.takeOver();
    } catch (err) {
      // The holder declined (its saves fail): this tab stays on standby and says why.
      this.setLock(before);
      throw err;
    }
    await this.load();
    this.notifyReset();
    return this.setLock({ role: 'writer' });
  }

  private async load(): Promise<void> {
    // Read the saved lab while sql.js's wasm is still compiling: a reload waits for the longer of
    // the two, not their sum.
    const loading = this.o.store.load();
    loading.then(
      () => this.o.trace?.('storage-read'),
      () => undefined,
    );
    const SQL = await this.o.sql;
    this.o.trace?.('sqlite-ready');
    // No warm-up of SQLite's code on a throwaway database while the read goes on: the read's bytes
    // are taken in on this thread, and in Chromium a warm-up then (even in small steps) held a 60 MB
    // lab's read back by more than the cold first statements cost once it was there.
    let snap: Snapshot | null = null;
    try {
      snap = await loading;
    } catch (err) {
      // IndexedDB unreadable (blocked, broken profile): work in memory, and never save over a
      // saved lab we could not read.
      return this.openDegraded(SQL, storageError(err).message, null);
    }
    let db: SqlJsDb | null = null;
    try {
      // The file is exactly the stored generation until the first write: saves build on it.
      // The loaded bytes become the file itself (the store keeps no reference to them).
      db = snap
        ? new SqlJsDb(adoptDatabase(SQL, snap.bytes), { trackFile: 'loaded' })
        : new SqlJsDb(new SQL.Database(), { trackFile: 'new' });
      const added = migrate(db, this.o.migrations, this.clock.now());
      this.current = db;
      this.saver = this.makeSaver(snap?.generation ?? 0, snap?.savedAt ?? null);
      // Tell the page where the loaded data stands (e.g. "saved at …") before any new write.
      this.emit({ type: 'save', state: this.saver.state });
      if (added.length > 0) this.saver.markDirty();
    } catch (err) {
      // A damaged snapshot, or one from a newer Dreamlane: keep it untouched in storage.
      db?.close();
      const why = err instanceof Error ? err.message : String(err);
      return this.openDegraded(SQL, `The saved lab could not be opened: ${why}`, snap);
    }
  }

  /**
   * Opens an empty lab in memory with saving switched off, and says why. Importing a file or
   * erasing everything is the user's explicit choice to replace the saved lab, so those switch
   * saving back on (when the stored generation is known, so the compare-and-set still holds).
   */
  private openDegraded(SQL: SqlJsStatic, why: string, snap: Snapshot | null): void {
    const db = new SqlJsDb(new SQL.Database());
    migrate(db, this.o.migrations, this.clock.now());
    this.current = db;
    this.saver = this.makeSaver(snap?.generation ?? 0, snap?.savedAt ?? null);
    this.replaceableGeneration = snap ? snap.generation : null;
    this.saver.disable({
      code: 'STORAGE_FAILED',
      message: `${why} You are working in an empty lab kept in memory only; nothing is saved, so the stored copy stays as it was. Export your work to keep it${snap ? ', or import a file or erase everything to replace the stored lab' : ''}.`,
    });
  }

  private makeSaver(generation: number, lastSavedAt: number | null): Saver {
    const opts = {
      store: this.o.store,
      clock: this.clock,
      generation,
      lastSavedAt,
      snapshot: (generation: number) => this.queue.enqueue(() => this.takeSnapshot(generation)),
      onState: (state: SaveState) => this.emit({ type: 'save', state }),
      // Another tab saved over this one's generation: the lab is already elsewhere.
      onLostOwnership: () => void this.stepDown('taken_over', { mayDecline: false }),
      ...(this.o.debounceMs !== undefined ? { debounceMs: this.o.debounceMs } : {}),
      ...(this.o.maxWaitMs !== undefined ? { maxWaitMs: this.o.maxWaitMs } : {}),
      ...(this.o.timers ? { timers: this.o.timers } : {}),
    };
    return new Saver(opts);
  }

  get saveState(): SaveState {
    return this.saver?.state ?? { status: 'idle' as const, generation: 0, lastSavedAt: null };
  }

  async flush(): Promise<SaveState> {
    await this.queue.idle();
    if (!this.saver) return this.saveState;
    return this.saver.flush();
  }

  /**
   * Finish queued writes, save them, then let go of the database. Writes asked for from now on are
   * refused, so every write this tab acknowledged is in the last save before the lock passes. When
   * another tab asks but the saves keep failing, this tab keeps the lab (the request is declined with
   * the save error) rather than hand over a stored copy that lacks acknowledged writes. A lab kept
   * in memory only (saving switched off, and the page says so) is handed over as it is.
   */
  private async stepDown(reason: 'taken_over', o: { mayDecline: boolean }): Promise<void> {
    if (!this.current) return;
    this.steppingDown = true;
    try {
      await this.queue.enqueue(() => undefined);
      let lastError: unknown = null;
      for (let attempt = 0; attempt < 3 && this.saver?.saving && this.saver.hasUnsavedChanges; attempt++) {
        try {
          await this.saver.flush();
        } catch (err) {
          lastError = err;
        }
      }
      if (o.mayDecline && this.saver?.saving && this.saver.hasUnsavedChanges) {
        const why = storageError(lastError ?? new Error('the save did not finish')).message;
        throw new EngineError(
          'STORAGE_FAILED',
          `The other tab could not save its latest work, so it keeps the lab for now (${why}). ` +
            'Export from that tab, or try "Use here" again once its saves work.',
        );
      }
      this.saver?.stop();
      this.saver = null;
      this.current?.close();
      this.current = null;
      this.setLock({ role: 'standby', reason });
    } finally {
      this.steppingDown = false;
    }
  }

  private notifyReset(): void {
    for (const l of this.resetListeners) l();
    this.emit({ type: 'reset' });
  }

  /** Export the database file exactly as it is between writes. */
  exportBytes(): Promise<Uint8Array> {
    return this.queue.enqueue(() => this.db().export());
  }

  /** Replace everything with a checked import; the old database is closed only after the swap. */
  async importBytes(bytes: Uint8Array): Promise<void> {
    const SQL = await this.o.sql;
    const max = this.o.maxDbBytes ?? MAX_DB_BYTES;
    return this.replace(() => openImportCandidate(SQL, bytes, this.o.migrations, this.clock.now(), max));
  }

  async erase(): Promise<void> {
    const SQL = await this.o.sql;
    return this.replace(() => {
      const db = new SqlJsDb(new SQL.Database());
      migrate(db, this.o.migrations, this.clock.now());
      return db;
    });
  }

  private async replace(make: () => SqlJsDb): Promise<void> {
    if (this.steppingDown) throw this.handingOver();
    await this.queue.enqueue(() => {
      this.db(); // NOT_WRITER on standby
      const old = this.current!;
      const next = make();
      // Nothing of the new file is stored yet: its first save writes it whole.
      next.trackFile(false);
      this.current = next;
      try {
        readBack(next);
      } catch (err) {
        // The new lab does not read back: keep the old one, exactly as it was.
        this.current = old;
        next.close();
        const why = err instanceof Error ? err.message : String(err);
        throw new EngineError(
          'CORRUPT_IMPORT',
          `The imported lab could not be read back (${why}); your lab is unchanged.`,
        );
      }
      old.close();
      if (this.replaceableGeneration !== null) {
        this.saver?.stop();
        this.saver = this.makeSaver(this.replaceableGeneration, null);
        this.replaceableGeneration = null;
      }
      this.saver?.markDirty();
    });
    this.notifyReset();
    await this.flush().catch(() => undefined);
  }
}

/** Reads every table of a lab about to be swapped in, as the pages will. */
function readBack(db: Db): void {
  const tables = db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  for (const t of tables) db.all(`SELECT * FROM "${t.name.replace(/"/g, '""')}" LIMIT 1`);
  db.sizeBytes();
}
