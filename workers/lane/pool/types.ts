import type { BranchPlan } from '../branches';
import type { BranchSums } from '../scores';
import type { CompiledModel } from '../seed';

/**
 * Splitting a job's rollouts across compute workers. A branch's samples come from its own streams in
 * order, so a branch is never split: each partition runs whole branches, batch by batch exactly as
 * the in-process loop does, and hands back the same arrays and sums. The merge puts branches back in
 * plan order, so the result does not depend on how many partitions there were.
 */

/** What a partition needs to run its branches (structured-clonable: plain data, Maps and Sets). */
export interface RolloutTask {
  model: CompiledModel;
  runSeed: string;
  plans: BranchPlan[];
  /** Indices into `plans` this partition runs. */
  branches: number[];
  perBranch: number;
  threshold: number;
  /** Samples per branch per batch: the same cut as the in-process loop, so every sum is the same. */
  batch: number;
}

/** One branch's finished rollout, with its index into the task's plans. */
export interface BranchResult extends BranchSums {
  index: number;
}

/** One partition: a compute worker, or the same code in this thread. */
export interface RolloutHost {
  /**
   * `buffers`: memory kept from earlier jobs for the partition's outcomes (moved, not copied, to a
   * compute worker); the sorted outcomes come back in them.
   */
  start(task: RolloutTask, buffers?: ArrayBuffer[]): Promise<void>;
  /** Advances every branch of the partition by up to `batches` batches; returns samples drawn. */
  advance(batches: number): Promise<number>;
  /** Stops every branch where it is (a time budget ran out). */
  truncate(): Promise<void>;
  /**
   * Sorts the partition's next branch (in plan order) and hands it over, its array transferred, not
   * copied; null once every branch is handed over. One at a time, so the engine worker scores a
   * branch while the partition sorts the next.
   */
  finishNext(): Promise<BranchResult | null>;
  /** Drops the task (also after a failure or a cancel). */
  reset(): Promise<void>;
}

export interface ComputePool {
  /** Partitions it can run at once. */
  readonly size: number;
  /** Jobs with fewer samples in all run in this thread: starting workers would cost more. */
  readonly minSamples: number;
  /** Up to `count` hosts for one job, or none when the pool is busy; give them back with `release`. */
  acquire(count: number): RolloutHost[];
  release(hosts: RolloutHost[]): void;
}
