import * as Comlink from 'comlink';
import { EngineError } from '../../core/errors';
import type { ErrorCode } from '../../contract/base';
import type { ComputeWorkerApi, Outcome } from './compute.worker';
import type { ComputePool, RolloutHost } from './types';

/** Below this many samples a job runs in the engine worker: starting the partitions costs more. */
export const POOL_MIN_SAMPLES = 400_000;

function unwrap<T>(o: Outcome<T>): T {
  if (o.ok) return o.value;
  throw new EngineError(o.code as ErrorCode, o.message, o.details as Record<string, unknown> | undefined);
}

function remoteHost(api: Comlink.Remote<ComputeWorkerApi>): RolloutHost {
  return {
    start: async (task) => unwrap(await api.start(task)),
    advance: async (batches) => unwrap(await api.advance(batches)),
    truncate: async () => unwrap(await api.truncate()),
    finish: async () => unwrap(await api.finish()),
    reset: async () => unwrap(await api.reset()),
  };
}

/**
 * Compute workers for the lane's large jobs, started on first use and kept for the page's life.
 * One job holds the pool at a time; a second job meanwhile runs in the engine worker.
 */
export function createWorkerPool(size: number, minSamples = POOL_MIN_SAMPLES): ComputePool {
  let hosts: RolloutHost[] | null = null;
  let busy = false;
  return {
    size,
    minSamples,
    acquire(count) {
      if (busy || count < 1) return [];
      busy = true;
      hosts ??= Array.from({ length: size }, () =>
        remoteHost(
          Comlink.wrap<ComputeWorkerApi>(
            new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' }),
          ),
        ),
      );
      return hosts.slice(0, Math.min(count, size));
    },
    release() {
      busy = false;
    },
  };
}
