/// <reference lib="webworker" />
/**
 * What the engine worker starts before the rest of its code is evaluated (its entry imports this
 * second, after the lockdown): compiling sql.js's wasm, and reading the saved lab back from
 * IndexedDB, which for a large lab is the longest part of opening. Both go on outside this thread
 * while the engines' modules are evaluated and the page asks to open.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { BlockSnapshotStore } from './store/blockSnapshotStore';

performance.mark('dreamlane:worker-start');

/** sql.js, once its wasm has compiled. */
export const sql = initSqlJs({ locateFile: () => wasmUrl });

/** The lab's store, already reading (see `BlockSnapshotStore.prefetch`). */
export const store = new BlockSnapshotStore();

/**
 * Resolves once the read has listed the stored records and only their bytes are left to arrive: the
 * entry evaluates the engines' code after that, so the requests before it do not wait for it.
 */
export const reading = store.prefetch();
