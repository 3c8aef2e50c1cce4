import 'fake-indexeddb/auto';
import initSqlJs from 'sql.js';
import { ManualClock } from '../core/clock';
import { MemoryLockManager } from '../store/memoryLock';
import { knownMigrations, type Migration } from '../store/migrations';
import { BlockSnapshotStore } from '../store/blockSnapshotStore';
import type { SnapshotStore } from '../store/snapshotStore';
import { EngineRuntime } from './runtime';

let n = 0;

/**
 * A "browser profile" for Node tests: one IndexedDB database (fake-indexeddb, a real IndexedDB
 * implementation) and one lock manager, in which several tabs (runtimes) can be opened.
 */
export function createProfile() {
  const dbName = `dreamlane-test-${++n}`;
  const locks = new MemoryLockManager();
  const clock = new ManualClock();
  const sql = initSqlJs();
  const tab = (
    opts: {
      debounceMs?: number;
      store?: SnapshotStore;
      acquireWaitMs?: number;
      maxDbBytes?: number;
      /** The schema history the tab knows (all of it unless given: fewer plays an older Dreamlane). */
      migrations?: readonly Migration[];
    } = {},
  ) =>
    new EngineRuntime({
      sql,
      store: opts.store ?? new BlockSnapshotStore(dbName),
      lock: locks.lockFor(),
      clock,
      migrations: opts.migrations ?? knownMigrations,
      debounceMs: opts.debounceMs ?? 5,
      maxWaitMs: 50,
      // Standby is what the tests of two tabs expect at once; the wait after a reload is tested on its own.
      acquireWaitMs: opts.acquireWaitMs ?? 0,
      ...(opts.maxDbBytes !== undefined ? { maxDbBytes: opts.maxDbBytes } : {}),
    });
  return { dbName, locks, clock, tab, store: () => new BlockSnapshotStore(dbName) };
}
