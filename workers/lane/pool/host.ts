import { BranchRollout, RolloutScratch } from '../rollout';
import { SampleMemory } from '../sampleMemory';
import type { BranchResult, RolloutHost, RolloutTask } from './types';

/**
 * A partition's branches, run in whatever thread holds this object: a compute worker exposes one, and
 * the in-process pool uses it directly, so Node tests run the same code the browser does.
 */
export class LocalRolloutHost implements RolloutHost {
  private rollouts: BranchRollout[] = [];
  private scratch: RolloutScratch | null = null;
  private batch = 0;
  /** The lent outcome buffers and this host's sort keys, which it keeps from job to job. */
  private readonly memory = new SampleMemory();

  start(task: RolloutTask, buffers: ArrayBuffer[] = []): Promise<void> {
    const memory = this.memory;
    memory.keep(buffers);
    this.rollouts = task.branches.map(
      (i) =>
        new BranchRollout(task.plans[i]!, task.model, task.runSeed, task.perBranch, task.threshold, memory),
    );
    this.scratch = new RolloutScratch(task.model, task.batch, memory);
    this.batch = task.batch;
    return Promise.resolve();
  }

  advance(batches: number): Promise<number> {
    const scratch = this.scratch;
    if (!scratch) return Promise.reject(new Error('rollout host: no task'));
    let drawn = 0;
    // Round robin inside the partition too, as the in-process loop runs.
    for (let b = 0; b < batches; b++) {
      let any = 0;
      for (const r of this.rollouts) any += r.step(this.batch, scratch);
      drawn += any;
      if (any === 0) break;
    }
    return Promise.resolve(drawn);
  }

  truncate(): Promise<void> {
    for (const r of this.rollouts) r.truncate();
    return Promise.resolve();
  }

  finishNext(): Promise<BranchResult | null> {
    const r = this.rollouts.shift();
    const scratch = this.scratch ?? undefined;
    if (!r) {
      this.scratch?.release();
      this.scratch = null;
      // Every outcome buffer went with its branch; the sort keys stay, within the memory's limit.
      this.memory.keep([]);
      return Promise.resolve(null);
    }
    return Promise.resolve({ index: r.plan.index, ...r.sums(scratch) });
  }

  reset(): Promise<void> {
    this.rollouts = [];
    this.scratch = null;
    this.memory.clear();
    return Promise.resolve();
  }
}
