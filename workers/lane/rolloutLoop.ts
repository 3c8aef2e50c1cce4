import type { Clock } from '../core/clock';
import type { BranchPlan } from './branches';
import type { ComputePool, RolloutHost } from './pool/types';
import { BranchRollout, RolloutScratch } from './rollout';
import { threadMemory } from './sampleMemory';
import { summariseBranch, type BranchSamples } from './scores';
import type { BranchResult } from './pool/types';
import type { CompiledModel } from './seed';

/**
 * Running a job's branches to their sample count: in this thread, one batch per branch per round, or
 * split across a compute pool by whole branches. Both cut every branch into the same batches, so the
 * samples, sums and sorted outcomes (and the result) are the same whichever runs the job.
 */

export interface RolloutJob {
  model: CompiledModel;
  runSeed: string;
  plans: BranchPlan[];
  perBranch: number;
  threshold: number;
  batch: number;
}

export interface LoopControl {
  clock: Clock;
  started: number;
  /** The `seconds` budget in ms. */
  limitMs: number;
  /** The budget ran out with `have` samples per branch: throw to fail the job, return to keep what was drawn. */
  onTimeout(have: number, elapsedMs: number): void;
  progress?: (drawn: number, total: number) => void;
  checkpoint?: () => Promise<void>;
}

export interface LoopResult {
  branches: BranchSamples[];
  drawn: number;
  perBranch: number;
}

/** Batches per branch between two checks of the clock when the pool runs a job (about 130k samples). */
const POOL_ROUND_BATCHES = 16;

function samplesOf(r: BranchRollout, scratch: RolloutScratch): BranchSamples {
  return { plan: r.plan, ...r.sums(scratch) };
}

export async function runInThread(job: RolloutJob, ctl: LoopControl): Promise<LoopResult> {
  const { model, runSeed, plans, perBranch, threshold, batch } = job;
  const rollouts = plans.map((p) => new BranchRollout(p, model, runSeed, perBranch, threshold, threadMemory));
  const scratch = new RolloutScratch(model, batch, threadMemory);
  const total = perBranch * plans.length;
  let drawn = 0;
  ctl.progress?.(0, total);
  while (rollouts.some((r) => !r.done)) {
    // Round robin: every branch advances by one batch, so a job stopped by the clock has equal samples everywhere.
    for (const r of rollouts) drawn += r.step(batch, scratch);
    ctl.progress?.(drawn, total);
    const elapsed = ctl.clock.now() - ctl.started;
    if (elapsed > ctl.limitMs && rollouts.some((r) => !r.done)) {
      ctl.onTimeout(rollouts[0]!.drawn, elapsed);
      for (const r of rollouts) r.truncate();
      break;
    }
    // Between batches only: after the last there is nothing left to cancel, and a yield (a new
    // MessageChannel and its round trip, about 0.14 ms in Node) is a noticeable share of a small job.
    if (rollouts.some((r) => !r.done)) await ctl.checkpoint?.();
  }
  const branches = rollouts.map((r) => samplesOf(r, scratch));
  scratch.release();
  return { branches, drawn, perBranch: rollouts[0]!.drawn };
}

/**
 * Branch i runs in partition i mod (number of partitions); the merge restores plan order. Partitions
 * do not wait for each other between rounds: the first to finish a round decides, for every one,
 * whether another round runs (the sample count so far, the clock, a cancel), and each runs the rounds
 * decided. So every branch ends at the same count, as before, while a partition that a busy core
 * slowed for a while catches up in its own time instead of holding the others at a barrier.
 */
export async function runOnHosts(
  hosts: RolloutHost[],
  job: RolloutJob,
  ctl: LoopControl,
): Promise<LoopResult> {
  const { plans, perBranch, batch } = job;
  const parts = hosts.length;
  let ok = false;
  try {
    await Promise.all(
      hosts.map((h, p) => {
        const branches = plans.map((b) => b.index).filter((i) => i % parts === p);
        // Memory kept from earlier jobs goes with the task: the partition's outcomes need no new pages.
        return h.start({ ...job, branches }, threadMemory.lend(branches.length, perBranch));
      }),
    );
    const total = perBranch * plans.length;
    const perRound = POOL_ROUND_BATCHES * batch;
    let drawn = 0;
    /** Rounds every partition runs; grows by one each time the first partition reaches it. */
    let rounds = 1;
    let timedOut = false;
    let failed = false;
    ctl.progress?.(0, total);
    const decide = async (): Promise<void> => {
      const have = Math.min(perBranch, rounds * perRound);
      if (have >= perBranch) return;
      const elapsed = ctl.clock.now() - ctl.started;
      if (elapsed > ctl.limitMs) {
        timedOut = true;
        ctl.onTimeout(have, elapsed);
        return;
      }
      await ctl.checkpoint?.();
      rounds++;
    };
    /** The decision on the next round, while it is being made (a checkpoint is awaited in it). */
    let deciding: Promise<void> | null = null;
    const run = async (h: RolloutHost): Promise<void> => {
      for (let done = 0; done < rounds && !failed;) {
        // Read after the await: `drawn += await …` would add to the value from before it.
        const got = await h.advance(POOL_ROUND_BATCHES);
        drawn += got;
        done++;
        ctl.progress?.(drawn, total);
        // The first partition through the last decided round decides the next; the rest follow,
        // or wait for that decision when they catch up before it is made.
        if (done === rounds && !timedOut && !failed) {
          deciding ??= decide().finally(() => (deciding = null));
          await deciding;
        }
      }
    };
    // Each partition goes on to hand its branches over as soon as its own rounds are done (truncated
    // first when the clock ran out): a partition that finished drawing sorts meanwhile instead of
    // waiting for the others to finish theirs.
    const collector = new BranchCollector(plans);
    await Promise.all(
      hosts.map(async (h) => {
        try {
          await run(h);
          if (failed) return;
          if (timedOut) await h.truncate();
          await collector.drain(h);
        } catch (err) {
          // The others stop at their next round, so none calls a host after the pool is released.
          failed = true;
          throw err;
        }
      }),
    );
    const results = collector.finish();
    ok = true;
    return { branches: results, drawn, perBranch: results[0]!.drawn };
  } finally {
    if (!ok) await Promise.all(hosts.map((h) => h.reset().catch(() => undefined)));
  }
}

/**
 * Every partition's branches, one at a time, in plan order: while a partition sorts its next branch,
 * this thread makes the scores' passes over the one that arrived (the baseline's first, as the others
 * measure their distance from it), instead of making all of them after the last sort.
 */
class BranchCollector {
  private readonly out: BranchSamples[] = [];
  private baseline: Float64Array | null = null;
  private readonly waiting: BranchResult[] = [];

  constructor(private readonly plans: BranchPlan[]) {}

  /** Takes a partition's branches until it has none left. */
  async drain(h: RolloutHost): Promise<void> {
    let next = h.finishNext();
    for (;;) {
      const r = await next;
      if (!r) return;
      // Asked for before this one is summarised, so the partition sorts meanwhile.
      next = h.finishNext();
      this.accept(r);
    }
  }

  /** Every branch in plan order. */
  finish(): BranchSamples[] {
    // Only if no baseline came back (every plan has one): scoring then makes these passes itself.
    for (const w of this.waiting) this.out[w.index] = { ...w, plan: this.plans[w.index]! };
    return this.out;
  }

  private summarise(r: BranchResult): void {
    this.out[r.index] = {
      ...r,
      plan: this.plans[r.index]!,
      summary: summariseBranch(r.sorted, this.baseline),
    };
  }

  private accept(r: BranchResult): void {
    if (r.index === 0) {
      this.summarise(r);
      this.baseline = r.sorted;
      for (const w of this.waiting.splice(0)) this.summarise(w);
    } else if (this.baseline) this.summarise(r);
    else this.waiting.push(r);
  }
}

/** The pool when the job is worth splitting and the pool is free, else this thread. */
export async function runRollouts(
  job: RolloutJob,
  ctl: LoopControl,
  pool: ComputePool | undefined,
): Promise<LoopResult> {
  const total = job.perBranch * job.plans.length;
  const hosts =
    pool && job.plans.length > 1 && total >= pool.minSamples
      ? pool.acquire(Math.min(pool.size, job.plans.length))
      : [];
  if (hosts.length === 0) return runInThread(job, ctl);
  try {
    return await runOnHosts(hosts, job, ctl);
  } finally {
    pool!.release(hosts);
  }
}
