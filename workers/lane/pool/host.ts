import { BranchRollout, RolloutScratch } from '../rollout';
import type { BranchResult, RolloutHost, RolloutTask } from './types';

/**
 * A partition's branches, run in whatever thread holds this object: a compute worker exposes one, and
 * the in-process pool uses it directly, so Node tests run the same code the browser does.
 */
export class LocalRolloutHost implements RolloutHost {
  private rollouts: BranchRollout[] = [];
  private scratch: RolloutScratch | null = null;
  private batch = 0;

  start(task: RolloutTask): Promise<void> {
    this.rollouts = task.branches.map(
      (i) => new BranchRollout(task.plans[i]!, task.model, task.runSeed, task.perBranch, task.threshold),
    );
    this.scratch = new RolloutScratch(task.model, task.batch);
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
      this.scratch = null;
      return Promise.resolve(null);
    }
    return Promise.resolve({ index: r.plan.index, ...r.sums(scratch) });
  }

  reset(): Promise<void> {
    this.rollouts = [];
    this.scratch = null;
    return Promise.resolve();
  }
}
