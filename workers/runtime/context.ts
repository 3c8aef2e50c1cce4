import type { Clock } from '../core/clock';
import type { Emit, OperationRegistry } from '../core/operation';
import type { Db } from '../store/db';

export interface WriteOptions {
  /**
   * A step of a long operation that holds the saves: nothing acknowledges it to the user until the
   * operation ends, so it need not be on disk before then.
   */
  batch?: boolean;
}

/**
 * What every engine module receives from the runtime. Engines never open, save or swap the
 * database themselves; they ask for it here, so import, erase and tab hand-over stay in one place.
 */
export interface EngineContext {
  readonly clock: Clock;
  /** The open database. Throws NOT_WRITER while this tab is on standby. */
  db(): Db;
  /**
   * Queue a write: `fn` runs alone, inside one transaction, and a snapshot is scheduled after it.
   * A `batch` of a long operation that holds the saves schedules none (see `holdQuietSaves`).
   */
  write<T>(fn: (db: Db) => T, options?: WriteOptions): Promise<T>;
  /**
   * A long operation writing in batches starts; call the returned function when it ends. Meanwhile
   * its batches (`write(fn, { batch: true })`) are saved when it ends, or with the next other write;
   * other writes are saved by their deadline, not at every pause between batches.
   */
  holdQuietSaves(): () => void;
  /** Read now (reads never span an await, so they cannot see half a write). */
  read<T>(fn: (db: Db) => T): T;
  readonly operations: OperationRegistry;
  readonly emit: Emit;
  /** Called after the database is replaced wholesale (import, erase, hand-over), to drop caches. */
  onReset(listener: () => void): void;
}
