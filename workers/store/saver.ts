import type { ErrorData, SaveState } from '../contract/base';
import type { Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import { storageError, type BlockChanges, type SnapshotStore } from './snapshotStore';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What one save writes, taken between transactions. */
export interface Capture {
  /** The whole database file, or the blocks changed since the stored generation. */
  image: Uint8Array | Omit<BlockChanges, 'generation' | 'savedAt'>;
  /** Called once the store holds it (not after a failed save, whose changes the next one repeats). */
  committed?: () => void;
  /**
   * Finishes `image` after the bytes were taken: a large capture is copied at once into a staging
   * buffer and turned into Blobs and blocks here, in pieces that let chat turns and batches run
   * between them. Called before the store writes; the bytes no longer depend on the live file.
   */
  prepare?: () => Promise<void>;
}

export interface SaverOptions {
  store: SnapshotStore;
  /** Produces what to save; the runtime runs it in the write queue, between transactions. */
  snapshot: (expectedGeneration: number) => Promise<Uint8Array | Capture>;
  clock: Clock;
  onState: (state: SaveState) => void;
  /** Called when the store says another tab owns newer data. */
  onLostOwnership?: (error: ErrorData) => void;
  generation: number;
  lastSavedAt?: number | null;
  /** Quiet time after the last write before saving. */
  debounceMs?: number;
  /** A steady stream of writes still saves at least this often. */
  maxWaitMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  timers?: Timers;
}

/** A long save is followed by at least this many times its duration before writes force the next. */
const SAVE_SPACING = 2;

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Debounced saves. `markDirty()` after every committed write; the saver waits for a quiet moment,
 * takes what changed (or the whole file), and stores it as the next generation. A failed
 * save keeps the data dirty and retries with backoff; the in-memory database is never affected.
 */
export class Saver {
  private dirty = false;
  private firstDirtyAt: number | null = null;
  private timer: unknown = null;
  /** When the armed timer fires (clock time), so a write never pushes back the hard deadline. */
  private timerAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  private st: SaveState;
  private readonly o: Required<Omit<SaverOptions, 'lastSavedAt' | 'onLostOwnership'>> &
    Pick<SaverOptions, 'onLostOwnership'>;

  constructor(options: SaverOptions) {
    this.o = {
      // Save almost at once: a page that is reloaded or closed tears its worker down without
      // waiting for IndexedDB, so the pagehide flush cannot be relied on. The short wait still
      // coalesces the writes of one operation, and a save in flight absorbs the writes behind it.
      debounceMs: 25,
      maxWaitMs: 1000,
      retryBaseMs: 1000,
      retryMaxMs: 30_000,
      timers: defaultTimers,
      ...options,
    };
    this.st = {
      status: options.generation > 0 ? 'saved' : 'idle',
      generation: options.generation,
      lastSavedAt: options.lastSavedAt ?? null,
    };
  }

  get state(): SaveState {
    return this.st;
  }

  private setState(next: SaveState): void {
    this.st = next;
    this.o.onState(next);
  }

  /**
   * @param batch The write is a batch of a long operation that holds the saves (`holdQuietSaves`):
   *   while the hold lasts it starts no save of its own. It is saved when the operation ends, or
   *   with the next write that is not a batch, by that write's deadline.
   */
  markDirty(batch = false): void {
    if (this.stopped) return;
    this.dirty = true;
    // One event when the state changes, not one per write.
    if (this.st.status !== 'error' && this.st.status !== 'saving' && this.st.status !== 'pending') {
      this.setState({ ...this.st, status: 'pending' });
    }
    if (batch && this.holds > 0) return;
    const now = this.o.clock.now();
    this.firstDirtyAt ??= now;
    if (this.failures > 0) return; // a retry is already scheduled
    const deadline = this.firstDirtyAt + this.longestWait;
    // The quiet-time timer moves with each write, but never past the deadline, and a timer armed
    // for the deadline stays armed: a stream of writes cannot postpone the save.
    if (this.timer !== null && this.timerAt !== null && this.timerAt >= deadline) return;
    this.arm(deadline);
  }

  /** Long operations writing in batches hold the quiet-time saves (see `holdQuietSaves`). */
  private holds = 0;

  /**
   * Until the returned function is called, a long operation writes in batches, and its batches
   * (`markDirty(true)`) start no save: they are saved when it ends, or with another write, which
   * keeps its own deadline (`maxWaitMs`) while held, not the quiet time. The pauses between a taught
   * text's steps are not quiet moments: they started two or three saves a second, each taking the
   * worker and the browser's IndexedDB from the text (100k tokens taught 20 % slower in Chromium on
   * the bench machine). Saved at the deadline instead, a 1M-token text still made a save of tens of
   * MB every second or two, whose Blobs and IndexedDB writes took both cores for 0.4–0.6 s each: a
   * request sent meanwhile waited up to 57 ms, against 33 ms without them. Released, a save follows
   * after the usual quiet time.
   */
  holdQuietSaves(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holds--;
      if (this.holds > 0 || !this.dirty || this.stopped) return;
      // The batches' data now waits like any write's.
      this.firstDirtyAt ??= this.o.clock.now();
      if (this.failures > 0 || this.inFlight) return;
      this.arm();
    };
  }

  /**
   * The save timer for unsaved data: after the quiet time (unless held), never past the deadline,
   * `longestWait` after the first unsaved write.
   */
  private arm(deadline = (this.firstDirtyAt ?? this.o.clock.now()) + this.longestWait): void {
    const now = this.o.clock.now();
    const quiet = this.holds > 0 ? deadline : now + this.o.debounceMs;
    this.schedule(Math.max(0, Math.min(quiet, deadline) - now));
  }

  /**
   * True when unsaved data has waited `longestWait` and no save is running: the next write must let
   * the save go first. Long operations write in batches through the write queue, which asks this
   * before every batch, so a save is never postponed by more than one batch even when the timer
   * cannot fire (the worker is busy between yields).
   */
  get due(): boolean {
    return (
      this.dirty &&
      !this.stopped &&
      this.inFlight === null &&
      this.failures === 0 &&
      this.firstDirtyAt !== null &&
      this.o.clock.now() - this.firstDirtyAt >= this.longestWait
    );
  }

  /** How long the last save took, from taking its bytes to the store holding them. */
  private lastSaveMs = 0;

  /**
   * The longest unsaved data waits while writes go on: `maxWaitMs`, or, after a save that took
   * longer than half of that, twice as long as that save took. While a text is taught, a save
   * rewrites most of a growing file (0.6–1 s at 50 MB in Chromium) and the next one was due as soon
   * as it ended: the saves took the browser's IndexedDB and, on two cores, a share of the machine from
   * the text and from chat turns all along. Spaced so, they take at most half of the time.
   */
  private get longestWait(): number {
    return Math.max(this.o.maxWaitMs, SAVE_SPACING * this.lastSaveMs);
  }

  /**
   * Starts the save that is due, taking the bytes with `take` right now (the caller is between
   * transactions, at the head of the write queue). Returns whether a save started.
   */
  saveIfDue(take: (expectedGeneration: number) => Uint8Array | Capture): boolean {
    if (!this.due) return false;
    void this.saveNow(take).catch(() => undefined);
    return true;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timerAt = this.o.clock.now() + ms;
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      this.timerAt = null;
      void this.saveNow().catch(() => undefined);
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
  }

  /** Save now if anything is unsaved; resolves when the data on disk is current (or rejects). */
  async flush(): Promise<SaveState> {
    this.clearTimer();
    // Wait out a save already running; it may have started before the latest write.
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.dirty) await this.saveNow();
    return this.st;
  }

  private saveNow(take?: (expectedGeneration: number) => Uint8Array | Capture): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.dirty || this.stopped) return Promise.resolve();
    this.clearTimer();
    const run = this.doSave(take).finally(() => {
      this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private async doSave(take?: (expectedGeneration: number) => Uint8Array | Capture): Promise<void> {
    this.dirty = false;
    this.firstDirtyAt = null;
    this.setState({ ...this.st, status: 'saving' });
    const generation = this.st.generation + 1;
    const started = this.o.clock.now();
    try {
      // `take` runs synchronously, before the first await, while the caller holds the queue's head.
      const taken = take ? take(this.st.generation) : await this.o.snapshot(this.st.generation);
      const capture: Capture = taken instanceof Uint8Array ? { image: taken } : taken;
      await capture.prepare?.();
      const savedAt = this.o.clock.now();
      await this.o.store.save(
        capture.image instanceof Uint8Array
          ? { bytes: capture.image, generation, savedAt }
          : { ...capture.image, generation, savedAt },
        this.st.generation,
      );
      capture.committed?.();
      this.lastSaveMs = this.o.clock.now() - started;
      this.failures = 0;
      this.setState({ status: this.dirty ? 'pending' : 'saved', generation, lastSavedAt: savedAt });
      // Held, only a write that is not a batch has a deadline (batches wait for the release).
      if (this.dirty && this.holds > 0) {
        if (this.firstDirtyAt !== null) this.arm();
      } else if (this.dirty) this.schedule(this.o.debounceMs);
    } catch (err) {
      this.dirty = true;
      // Any store failure is a storage problem the user can act on (quota, blocked IndexedDB).
      const error = storageError(err).toData();
      if (err instanceof EngineError && err.code === 'NOT_WRITER') {
        this.stopped = true;
        this.setState({ ...this.st, status: 'error', error });
        this.o.onLostOwnership?.(error);
        throw err;
      }
      this.failures++;
      const retryInMs = Math.min(
        this.o.retryMaxMs,
        this.o.retryBaseMs * (1 << Math.min(this.failures - 1, 30)),
      );
      this.setState({ ...this.st, status: 'error', error, retryInMs });
      this.schedule(retryInMs);
      throw err;
    }
  }

  /** Switch saving off for good and show why (the saved copy must not be overwritten). */
  disable(error: ErrorData): void {
    this.stop();
    this.setState({ ...this.st, status: 'error', error });
  }

  /** Stop saving (the tab stepped down or the runtime closed). Pending work is not written. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** False once saving is switched off for good (stepped down, or a lab kept in memory only). */
  get saving(): boolean {
    return !this.stopped;
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null;
  }
}
