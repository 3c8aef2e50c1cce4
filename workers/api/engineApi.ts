import type { EngineApi } from '../contract';
import { toErrorData } from '../core/errors';
import { createColonyApi } from '../colony/api';
import { createFriendApi } from '../friend/api';
import { createLaneApi } from '../lane/api';
import { createCoreApi } from './coreApi';
import type { EngineRuntime } from '../runtime/runtime';

/**
 * Every method of an API object, rewritten so that whatever it throws crosses the worker boundary as
 * plain `ErrorData`. Comlink passes a thrown non-Error value through structured clone untouched,
 * which keeps `code` and `details` (a thrown Error would arrive with only name/message/stack).
 */
export function guardErrors<T extends object>(api: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) {
    out[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => unknown).apply(api, args);
            } catch (err) {
              throw toErrorData(err);
            }
          }
        : value;
  }
  return out as T;
}

/** The whole engine: the runtime's core slice plus each engine's slice, as one `EngineApi`. */
export function createEngineApi(rt: EngineRuntime): EngineApi {
  const api: EngineApi = {
    connect: async (onEvent) => {
      rt.addListener(onEvent);
    },
    ...createCoreApi(rt),
    ...createLaneApi(rt),
    ...createColonyApi(rt),
    ...createFriendApi(rt),
  };
  return guardErrors(api);
}
