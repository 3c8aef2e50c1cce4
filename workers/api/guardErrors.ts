import { toErrorData } from '../core/errors';
import type { IdleScheduler } from '../runtime/idle';

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
