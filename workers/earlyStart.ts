/// <reference lib="webworker" />
/**
 * What the engine worker starts before the rest of its code is evaluated (its entry imports this
 * second, after the lockdown): compiling sql.js's wasm, and reading the saved lab back from
 * IndexedDB, which for a large lab is the longest part of opening. Both start before the page's
 * request to open arrives and the writer lock is asked for.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { BlockSnapshotStore } from './store/blockSnapshotStore';

performance.mark('dreamlane:worker-start');

/** sql.js, once its wasm has compiled. */
export const sql = initSqlJs({ locateFile: () => wasmUrl });

/** The lab's store, already reading (see `BlockSnapshotStore.prefetch`). */
export const store = new BlockSnapshotStore();

// The read starts now, before the writer lock is held; opening takes it if the lab is unchanged.
void store.prefetch();
