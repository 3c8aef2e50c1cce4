import type { ComputePool } from './types';

/**
 * The compute pool the engine worker's entry installs (browsers only). Jobs read it when their caller
 * passes none; Node tests pass an in-process pool explicitly or run without one.
 */
let installed: ComputePool | undefined;

export function installComputePool(pool: ComputePool | undefined): void {
  installed = pool;
}

export function installedComputePool(): ComputePool | undefined {
  return installed;
}
