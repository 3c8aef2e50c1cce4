import type { EngineApi } from '../contract';
import { toErrorData } from '../core/errors';
import { createColonyApi } from '../colony/api';
import { createFriendApi } from '../friend/api';
import { createLaneApi } from '../lane/api';
import { warmUpComputePool, warmUpLane, warmUpLaneLoops, warmUpLaneStorage } from '../lane/warmUp';
import { createCoreApi } from './coreApi';
import type { IdleScheduler } from '../runtime/idle';
import type { EngineRuntime } from '../runtime/runtime';

/**
 * Every method of an API object, rewritten so that whatever it throws crosses the worker boundary as
 * plain `ErrorData`. Comlink passes a thrown non-Error value through structured clone untouched,
 * which keeps `code` and `details` (a thrown Error would arrive with only name/message/stack).
 */
export function guardErrors<T extends object>(
  api: T,
  idle?: IdleScheduler,
  lets: ReadonlySet<string> = new Set(),
): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) {
    // Idle work waits while a request is in progress, except a request named in `lets`.
    const holds = idle && !lets.has(key) ? idle : undefined;
    out[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            holds?.enter();
            try {
              return await (value as (...a: unknown[]) => unknown).apply(api, args);
            } catch (err) {
              throw toErrorData(err);
            } finally {
              holds?.leave();
            }
          }
        : value;
  }
  return out as T;
}

/**
 * Requests that let idle work run meanwhile: opening the lab spends most of its time waiting for
 * sql.js's WebAssembly to compile and for IndexedDB to read the saved lab, while this thread has
 * nothing to do. The lane's warm-up fills that wait, so a job sent at once after opening finds warm
 * code; a piece that is running when the wait ends delays opening by that one piece at most.
 */
const LETS_IDLE_RUN = new Set(['open']);

export interface EngineApiOptions {
  /**
   * Where idle work runs: from the start, the lane warms up there (lane/warmUp.ts), so the first job
   * of a page load costs what the second does. Left out (tests): no warm-up.
   */
  idle?: IdleScheduler;
}

/** The whole engine: the runtime's core slice plus each engine's slice, as one `EngineApi`. */
export function createEngineApi(rt: EngineRuntime, opts: EngineApiOptions = {}): EngineApi {
  const core = createCoreApi(rt);
  const { idle } = opts;
  if (idle) {
    // The pure part needs no lab: it starts with the worker and runs while opening waits for sql.js
    // and IndexedDB. SQLite's part runs on a scratch database once sql.js is loaded; neither touches
    // the lab, and both give way to every request but opening.
    void idle.runOnce('lane', async (next) => {
      await warmUpLane(next);
      await warmUpLaneStorage(next, () => rt.scratchDb());
      await warmUpLaneLoops(next);
      await warmUpComputePool(next);
    });
  }
  const api: EngineApi = {
    connect: async (onEvent) => {
      rt.addListener(onEvent);
    },
    ...core,
    ...createLaneApi(rt),
    ...createColonyApi(rt),
    ...createFriendApi(rt),
  };
  return guardErrors(api, idle, LETS_IDLE_RUN);
}
