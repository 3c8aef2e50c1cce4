import type { EngineApi } from '../contract';
import { toErrorData } from '../core/errors';
import { createColonyApi } from '../colony/api';
import { createFriendApi } from '../friend/api';
import { createLaneApi } from '../lane/api';
import { warmUpLane, warmUpLaneStorage } from '../lane/warmUp';
import { createCoreApi } from './coreApi';
import type { IdleScheduler } from '../runtime/idle';
import type { EngineRuntime } from '../runtime/runtime';

/**
 * Every method of an API object, rewritten so that whatever it throws crosses the worker boundary as
 * plain `ErrorData`. Comlink passes a thrown non-Error value through structured clone untouched,
 * which keeps `code` and `details` (a thrown Error would arrive with only name/message/stack).
 */
export function guardErrors<T extends object>(api: T, idle?: IdleScheduler): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) {
    out[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            // Idle work waits while a request is in progress.
            idle?.enter();
            try {
              return await (value as (...a: unknown[]) => unknown).apply(api, args);
            } catch (err) {
              throw toErrorData(err);
            } finally {
              idle?.leave();
            }
          }
        : value;
  }
  return out as T;
}

export interface EngineApiOptions {
  /**
   * Where idle work runs: once this tab holds the lab, the lane warms up there (lane/warmUp.ts), so
   * the first job of a page load costs what the second does. Left out (tests): no warm-up.
   */
  idle?: IdleScheduler;
}

/** The whole engine: the runtime's core slice plus each engine's slice, as one `EngineApi`. */
export function createEngineApi(rt: EngineRuntime, opts: EngineApiOptions = {}): EngineApi {
  const core = createCoreApi(rt);
  const { idle } = opts;
  if (idle) {
    // Started after open() (or "use here") has answered, never before: it must not delay opening.
    const warmWhenWriter = <T>(opened: T): T => {
      if (rt.lock.role === 'writer')
        void idle.runOnce('lane', async (next) => {
          // The pure paths in small pieces first; then a small job through SQLite runs on warm code.
          await warmUpLane(next);
          await warmUpLaneStorage(next, () => rt.scratchDb());
        });
      return opened;
    };
    const { open, takeOver } = core;
    core.open = async () => warmWhenWriter(await open());
    core.takeOver = async () => warmWhenWriter(await takeOver());
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
  return guardErrors(api, idle);
}
