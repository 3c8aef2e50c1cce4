/// <reference lib="webworker" />
/**
 * What the engine worker starts once the lab's read is under way (earlyRead.ts) and before the rest
 * of its code is evaluated: fetching and compiling sql.js's wasm.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';

/** sql.js, once its wasm has compiled. */
export const sql = initSqlJs({ locateFile: () => wasmUrl });
