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
    // The kept buffers move to the compute worker instead of being copied.
    start: async (task, buffers = []) => unwrap(await api.start(task, Comlink.transfer(buffers, buffers))),
    advance: async (batches) => unwrap(await api.advance(batches)),
    truncate: async () => unwrap(await api.truncate()),
    finishNext: async () => unwrap(await api.finishNext()),
    reset: async () => unwrap(await api.reset()),
  };
}

/**
 * Compute workers for the lane's large jobs, started on first use and kept for the page's life.
 * `cores` is read at each job (so the pool follows the machine the page reports); with fewer than
 * two the job runs in the engine worker. One job holds the pool at a time; a second job meanwhile
 * runs in the engine worker.
 */
export function createWorkerPool(cores: () => number, minSamples = POOL_MIN_SAMPLES): ComputePool {
  const hosts: RolloutHost[] = [];
  let busy = false;
  return {
    get size() {
      return Math.max(1, Math.floor(cores()));
    },
    minSamples,
    acquire(count) {
      const want = Math.min(count, this.size);
      if (busy || want < 2) return [];
      busy = true;
      while (hosts.length < want) {
        const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
        hosts.push(remoteHost(Comlink.wrap<ComputeWorkerApi>(worker)));
      }
      return hosts.slice(0, want);
    },
    release() {
      busy = false;
    },
  };
}
