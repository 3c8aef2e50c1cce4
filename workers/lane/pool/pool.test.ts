import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock';
import { hashValue } from '../../core/hash';
import { normalizeSeed } from '../seed';
import { simulate } from '../simulate';
import { createInProcessPool } from './inProcess';
import { planBranches } from '../branches';
import { runPilot } from '../rollout';
import { runInThread, runOnHosts } from '../rolloutLoop';
import { compileModel } from '../seed';
import { ksDistance, meanSd } from '../stats';
import type { DreamSeed } from '../../contract/lane';
import type { RolloutHost } from './types';

const pricing = JSON.parse(readFileSync('public/examples/pricing.json', 'utf8')).seed as DreamSeed;

/** A rollout job of the pricing example as the lane plans it, in batches of 1,000. */
function pricingJob(samples: number, rngSeed: string) {
  const n = normalizeSeed({ ...pricing, samples, rng_seed: rngSeed }, 0);
  const model = compileModel(n.seed);
  const pilot = runPilot(model, rngSeed);
  const { plans } = planBranches(n.seed, model, pilot.influence, n.traceId);
  const job = { model, runSeed: rngSeed, plans, perBranch: samples, threshold: pilot.threshold, batch: 1000 };
  return { plans, job };
}

/** Loop control with a manual clock and a budget no test reaches. */
function loopControl() {
  const clock = new ManualClock();
  return { clock, started: clock.now(), limitMs: 60_000, onTimeout: () => undefined };
}

/** An in-process pool's hosts, each with the calls `replace` gives for its partition p replaced. */
function withCalls(
  count: number,
  replace: (h: RolloutHost, p: number) => Partial<RolloutHost>,
): RolloutHost[] {
  return createInProcessPool(count)
    .acquire(count)
    .map((h, p) => ({
      start: (t) => h.start(t),
      advance: (b) => h.advance(b),
      truncate: () => h.truncate(),
      finishNext: () => h.finishNext(),
      reset: () => h.reset(),
      ...replace(h, p),
    }));
}

describe('splitting rollouts across partitions', () => {
  it('gives the same result hash with no pool and with 1, 2 and 3 partitions', async () => {
    const n = normalizeSeed({ ...pricing, samples: 9_000, rng_seed: 'pool' }, 0);
    const alone = await simulate(n, { clock: new ManualClock(), pool: null, batch: 1000 });
    expect(alone.branches.length).toBeGreaterThan(3);
    for (const size of [1, 2, 3]) {
      const pooled = await simulate(n, {
        clock: new ManualClock(),
        pool: createInProcessPool(size),
        batch: 1000,
      });
      expect(hashValue(pooled)).toBe(hashValue(alone));
    }
  });

  it('the shipped examples hash the same through a pool', async () => {
    for (const file of ['onboarding.json', 'inventory.json']) {
      const seed = JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')).seed as DreamSeed;
      const n = normalizeSeed(seed, 0);
      const alone = await simulate(n, { clock: new ManualClock(), pool: null });
      const pooled = await simulate(n, { clock: new ManualClock(), pool: createInProcessPool(2) });
      expect(hashValue(pooled)).toBe(hashValue(alone));
    }
  });

  it('a failing partition fails the job with its code and frees the pool', async () => {
    const pool = createInProcessPool(2);
    const bad = normalizeSeed(
      {
        ...pricing,
        model: {
          ...pricing.model!,
          outcome: `${pricing.model!.outcome} + log(${pricing.model!.factors[0]!.name} - 1000000)`,
        },
      },
      0,
    );
    await expect(simulate(bad, { clock: new ManualClock(), pool })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    const ok = await simulate(normalizeSeed({ ...pricing, samples: 2_000 }, 0), {
      clock: new ManualClock(),
      pool,
    });
    expect(ok.partial).toBe(false);
  });

  it('a time budget stops every partition at the same sample count', async () => {
    const clock = new ManualClock();
    const n = normalizeSeed(
      {
        ...pricing,
        samples: 200_000,
        constraints: {
          ...pricing.constraints,
          budgets: { ...pricing.constraints.budgets, seconds: 1, max_rollouts: 100_000_000 },
        },
      },
      0,
    );
    const r = await simulate(n, {
      clock,
      pool: createInProcessPool(3),
      batch: 1000,
      checkpoint: async () => {
        // 600 simulated ms per round: the 1 s budget runs out after the second round.
        clock.advance(600);
      },
    });
    expect(r.partial).toBe(true);
    expect(r.budget_exceeded).toContain('seconds');
    const counts = new Set(r.branches.map((b) => b.samples));
    expect(counts.size).toBe(1);
    expect(r.samples.per_branch).toBeLessThan(200_000);
    expect(r.samples.drawn).toBe(r.samples.per_branch * r.branches.length);
  });
});

describe('partitions that run at different speeds', () => {
  it('do not wait for each other between rounds, and still end every branch at one count', async () => {
    const { job } = pricingJob(60_000, 'lag');
    const log: string[] = [];
    const [slow, fast] = withCalls(2, (h, p) => ({
      advance: async (b) => {
        // Partition 0 takes 30 ms a round, partition 1 none.
        if (p === 0) await new Promise((r) => setTimeout(r, 30));
        log.push(p === 0 ? 'slow' : 'fast');
        return h.advance(b);
      },
    }));
    const ctl = loopControl();
    const pooled = await runOnHosts([slow!, fast!], job, ctl);
    // 60k samples in rounds of 16 batches of 1,000: four rounds each; the fast one is done first.
    expect(log.filter((x) => x === 'fast')).toHaveLength(4);
    expect(log.indexOf('slow')).toBeGreaterThan(log.lastIndexOf('fast'));
    const alone = await runInThread(job, ctl);
    expect(pooled.drawn).toBe(alone.drawn);
    expect(pooled.branches.map((b) => Array.from(b.sorted))).toEqual(
      alone.branches.map((b) => Array.from(b.sorted)),
    );
  });
  it('hand their branches over as soon as their own rounds are done, while the others still draw', async () => {
    const { plans, job } = pricingJob(40_000, 'early');
    const log: string[] = [];
    const hosts = withCalls(2, (h, p) => ({
      advance: async (b) => {
        // Partition 0 takes 30 ms a round, partition 1 none.
        if (p === 0) await new Promise((r) => setTimeout(r, 30));
        log.push(`advance ${p}`);
        return h.advance(b);
      },
      finishNext: async () => {
        const r = await h.finishNext();
        if (r) log.push(`branch ${r.index}`);
        return r;
      },
    }));
    const ctl = loopControl();
    const pooled = await runOnHosts(hosts, job, ctl);
    // Partition 1 runs the odd branches: the first of them comes back before partition 0's last round.
    expect(log.indexOf('branch 1')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('branch 1')).toBeLessThan(log.lastIndexOf('advance 0'));
    const alone = await runInThread(job, ctl);
    expect(pooled.branches.map((b) => b.plan.index)).toEqual(plans.map((p) => p.index));
    expect(pooled.branches.map((b) => Array.from(b.sorted))).toEqual(
      alone.branches.map((b) => Array.from(b.sorted)),
    );
  });
  it('stop drawing when another fails while handing its branches over', async () => {
    const { job } = pricingJob(60_000, 'fail-late');
    let settled = false;
    let callsAfter = 0;
    const hosts = withCalls(2, (h, p) => ({
      advance: async (b) => {
        if (p === 1) return h.advance(b);
        if (settled) callsAfter++;
        // Partition 0 takes 60 ms a round, its answer on the way (as a worker's is) when the job fails.
        const got = await h.advance(b);
        await new Promise((r) => setTimeout(r, 60));
        return got;
      },
      finishNext: async () => {
        if (p === 1) throw new Error('lost');
        return h.finishNext();
      },
    }));
    const ctl = loopControl();
    await expect(runOnHosts(hosts, job, ctl)).rejects.toThrow('lost');
    settled = true;
    await new Promise((r) => setTimeout(r, 300));
    // The job has failed and its hosts were reset: the slow partition asks for no further round.
    expect(callsAfter).toBe(0);
  });
});

describe('collecting partitions', () => {
  it('hands scoring each branch with its passes made: mean, sd and distance from the baseline', async () => {
    const { plans, job } = pricingJob(3_000, 'summary');
    const ctl = loopControl();
    const pooled = await runOnHosts(createInProcessPool(3).acquire(3), job, ctl);
    const alone = await runInThread(job, ctl);
    expect(pooled.branches.map((b) => b.plan.index)).toEqual(plans.map((p) => p.index));
    for (const [i, b] of pooled.branches.entries()) {
      expect(Array.from(b.sorted)).toEqual(Array.from(alone.branches[i]!.sorted));
      const { mean, sd } = meanSd(b.sorted);
      expect(b.summary).toEqual({
        mean,
        sd,
        ks: i === 0 ? 0 : ksDistance(b.sorted, pooled.branches[0]!.sorted),
      });
    }
  });
});
