import { openDB, type IDBPDatabase } from 'idb';
import { EngineError } from '../core/errors';

/** One saved copy of the whole database file. */
export interface Snapshot {
  bytes: Uint8Array;
  /** Increases by one with every save; the newest snapshot wins. */
  generation: number;
  savedAt: number;
}

export interface SnapshotStore {
  load(): Promise<Snapshot | null>;
  /**
   * Write `snapshot` if the stored generation is still `expectedGeneration` (compare-and-set in the
   * same IndexedDB transaction), so a tab that lost the lab can never overwrite newer data.
   */
  save(snapshot: Snapshot, expectedGeneration: number): Promise<void>;
}

const DB_NAME = 'dreamlane';
const STORE = 'snapshots';
const KEY = 'main';

/** Maps IndexedDB failures to coded errors a person can act on. */
export function storageError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const name = err instanceof Error || (err instanceof Object && 'name' in err) ? (err as Error).name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError') {
    return new EngineError(
      'STORAGE_QUOTA',
      'The browser refused to store more data (storage quota reached). Your lab keeps working in memory; free some space or export your data.',
    );
  }
  return new EngineError('STORAGE_FAILED', `Saving to this browser's storage failed: ${message}`);
}

/** The IndexedDB-backed store: one object store, one record, written in one transaction. */
export class IdbSnapshotStore implements SnapshotStore {
  private dbp: Promise<IDBPDatabase> | null = null;

  constructor(private readonly name = DB_NAME) {}

  private open(): Promise<IDBPDatabase> {
    // A failed open is forgotten so that the next save retries it (e.g. after the user frees space).
    this.dbp ??= openDB(this.name, 1, {
      upgrade(db) {
        db.createObjectStore(STORE);
      },
    }).catch((err: unknown) => {
      this.dbp = null;
      throw storageError(err);
    });
    return this.dbp;
  }

  async load(): Promise<Snapshot | null> {
    const db = await this.open();
    const value = (await db.get(STORE, KEY)) as Snapshot | undefined;
    return value ?? null;
  }

  async save(snapshot: Snapshot, expectedGeneration: number): Promise<void> {
    const db = await this.open();
    try {
      const tx = db.transaction(STORE, 'readwrite');
      // A put that fails (quota, too large) aborts the transaction: `tx.done` then rejects with an
      // AbortError that nobody awaits; the put's own error is what this method reports.
      tx.done.catch(() => undefined);
      const current = (await tx.store.get(KEY)) as Snapshot | undefined;
      const stored = current?.generation ?? 0;
      if (stored !== expectedGeneration) {
        tx.abort();
        throw new EngineError(
          'NOT_WRITER',
          'Another tab saved newer data; this tab stopped writing so nothing is overwritten.',
          { stored, expected: expectedGeneration },
        );
      }
      await tx.store.put(snapshot, KEY);
      await tx.done;
    } catch (err) {
      throw storageError(err);
    }
  }
}
