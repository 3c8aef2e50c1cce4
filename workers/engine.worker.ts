/// <reference lib="webworker" />
/**
 * The engine worker's entry. It is small on purpose: it starts what opening a lab waits for
 * (reading the saved lab back from IndexedDB, and sql.js's wasm), and holds the runtime and the core
 * slice of the API, so that opening the lab (the writer lock, the read, sql.js) and the first reads
 * of its data go on without the engines' code (engineMain.ts, a chunk of its own), which loads once
 * the lab is open or as soon as a call needs it (api/earlyWire.ts). Everything else lives in modules
 * that also run under Node tests.
 */
// First: no request to another origin, for every module below.
import './lockdown';
// Second: reading the saved lab back starts; third, sql.js's wasm loads.
import { store } from './earlyRead';
import { sql } from './earlyStart';
import * as Comlink from 'comlink';
import { earlyWire } from './api/earlyWire';
import { createOpeningApi } from './api/openingApi';
import { IdleScheduler } from './runtime/idle';
import { EngineRuntime } from './runtime/runtime';
import { knownMigrations } from './store/migrations';
import { WebWriterLock } from './store/tabLock';
import { WorkerBlobMaker } from './store/blobMaker';

const runtime = new EngineRuntime({
  sql,
  store,
  lock: new WebWriterLock(),
  clock: { now: () => Date.now() },
  migrations: knownMigrations,
  // Where a reload spends its time, for the browser benchmark (bench/browser/reload.ts).
  trace: (phase) => performance.mark(`dreamlane:${phase}`),
  // Large saves make their Blobs in a helper worker, started by the first of them.
  blobMaker: new WorkerBlobMaker(
    () =>
      new Worker(new URL('./store/blobMaker.worker.ts', import.meta.url), {
        type: 'module',
        name: 'dreamlane-blobs',
      }),
  ),
});

// Idle work (the lane's warm-up after the lab opens) holds back while a request or an operation runs.
const idle = new IdleScheduler(() => runtime.operations.running === 0);

const core = createOpeningApi(runtime, idle);
const early = earlyWire(core, () =>
  import('./engineMain').then((m) => {
    performance.mark('dreamlane:worker-ready');
    return m.startEngine({ runtime, idle });
  }),
);

/**
 * How long after opening the worker loads the engines' code unasked. Evaluating that code holds this
 * thread for a while (about 100 ms in Chromium on a small machine): loaded while the lab is read, it
 * held the read back; loaded at once after opening, it held back the first reads of the data (the
 * Data page's four, a page round trip later), which the entry answers without it.
 */
const AFTER_OPEN_MS = 100;

/** Loads the engines' code AFTER_OPEN_MS from now, once no request is in progress. */
function loadSoon(): void {
  const look = () => {
    if (early.busy > 0) setTimeout(look, 10);
    else early.load().catch(() => undefined); // a call that needs it reports the failure
  };
  setTimeout(look, AFTER_OPEN_MS);
}

// The engines' code loads after the first opening (or at once for a call that needs it).
const { open } = core;
core.open = () => {
  const opening = open();
  opening.finally(loadSoon).catch(() => undefined);
  return opening;
};

// expose() must run while this module is evaluated, or the first messages are lost.
Comlink.expose(early.wire, self);
