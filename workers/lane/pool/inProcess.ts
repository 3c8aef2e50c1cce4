import { LocalRolloutHost } from './host';
import type { ComputePool, RolloutHost } from './types';

/**
 * A pool whose partitions run one after another in this thread: the same split, merge and code as
 * the worker pool, for Node tests (and for any caller without workers).
 */
export function createInProcessPool(size: number, minSamples = 0): ComputePool {
  const hosts = Array.from({ length: size }, () => new LocalRolloutHost());
  let busy = false;
  return {
    size,
    minSamples,
    acquire(count) {
      if (busy) return [];
      busy = true;
      return hosts.slice(0, Math.max(1, Math.min(count, size)));
    },
    release(_: RolloutHost[]) {
      busy = false;
    },
  };
}
