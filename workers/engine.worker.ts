/// <reference lib="webworker" />
/**
 * The engine worker's entry. It is small on purpose: it starts what opening a lab waits for
 * (sql.js's wasm, and reading the saved lab back from IndexedDB) and answers messages at once, while
 * the engines' code (engineMain.ts, a chunk of its own) is still loading. Calls that arrive before
 * that code is there wait for it, in the order they came. Everything else lives in modules that
 * also run under Node tests.
 */
// First: no request to another origin, for every module below.
import './lockdown';
// Second: sql.js's wasm and the saved lab start loading.
import { reading, sql, store } from './earlyStart';
import * as Comlink from 'comlink';
import type { EngineWireApi } from './contract';

// The engines' code is evaluated on this thread: after the read's few requests, which would
// otherwise wait for it before the bytes start to arrive.
const wire: Promise<EngineWireApi> = reading
  .then(() => import('./engineMain'))
  .then((m) => {
    performance.mark('dreamlane:worker-ready');
    return m.startEngine({
      sql,
      store,
      clock: { now: () => Date.now() },
      // Where a reload spends its time, for the browser benchmark (bench/browser/reload.ts).
      trace: (phase) => performance.mark(`dreamlane:${phase}`),
    });
  });
wire.catch(() => undefined); // every call reports the failure

/** Each method of the API, waiting for the engines' code first (not a thenable itself). */
const early = new Proxy({} as EngineWireApi, {
  get: (_, method) =>
    typeof method !== 'string' || method === 'then'
      ? undefined
      : async (...args: unknown[]) => {
          const api = await wire;
          const fn = api[method as keyof EngineWireApi] as ((...a: unknown[]) => unknown) | undefined;
          if (typeof fn !== 'function') throw new TypeError(`The engine has no method ${method}.`);
          return fn.apply(api, args);
        },
});

// expose() must run while this module is evaluated, or the first messages are lost.
Comlink.expose(early, self);
