import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import { createInProcessPool } from './pool/inProcess';
import { SampleMemory, threadMemory } from './sampleMemory';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import { warmUpLaneMemory } from './warmUp';
import type { DreamSeed } from '../contract/lane';

const MiB = 1 << 20;

describe('the memory kept for large jobs', () => {
  it('keeps large buffers up to its limit and hands the smallest that fits back', () => {
    const m = new SampleMemory(3 * MiB, 2 * MiB);
    const small = new Float64Array(1000);
    const one = new Float64Array(MiB / 8);
    const two = new Float64Array(MiB / 4);
    const three = new Float64Array((3 * MiB) / 8);
    m.keep([small, two, one, three]);
    // The small one is left to the collector; the third large one would pass the limit.
    expect(m.keptBytes).toBe(3 * MiB);
    m.keep([one]);
    expect(m.keptBytes).toBe(3 * MiB);
    const got = m.doubles(100_000);
    expect(got.buffer).toBe(one.buffer);
    expect(got.length).toBe(100_000);
    // None kept holds this many: new memory.
    expect(m.doubles(MiB).buffer).not.toBe(two.buffer);
    expect(m.lend(5, MiB / 8)).toEqual([two.buffer]);
    expect(m.keptBytes).toBe(0);
  });

  it('lets sort keys go past their limit', () => {
    const m = new SampleMemory(0, MiB);
    const [a] = m.sort.take(MiB / 8);
    m.keep([]);
    expect(m.sort.take(MiB / 8)[0].buffer).toBe(a.buffer);
    m.sort.take(MiB);
    m.keep([]);
    const [b] = m.sort.take(16);
    expect(b.buffer.byteLength).toBe(64);
  });
});

describe('jobs on kept memory', () => {
  const pricing = JSON.parse(readFileSync('public/examples/pricing.json', 'utf8')).seed as DreamSeed;
  // Branches of more than 131,072 samples: their outcome buffers are large enough to be kept.
  const seed = (rng: string) =>
    normalizeSeed(
      {
        ...pricing,
        constraints: {
          ...pricing.constraints,
          budgets: { ...pricing.constraints.budgets, max_rollouts: 10_000_000 },
        },
        scenario_count: 3,
        depth: 1,
        include_edge_cases: false,
        samples: 140_000,
        rng_seed: rng,
      },
      0,
    );

  it('give the same results as on new memory, in this thread and across partitions', async () => {
    threadMemory.clear();
    const fresh = hashValue(await simulate(seed('a'), { clock: new ManualClock(), pool: null }));
    // The three branches' outcomes, and the batch columns.
    expect(threadMemory.keptBytes).toBeGreaterThan(3 * 140_000 * 8);
    // Another job fills the kept buffers with its own outcomes; the first job again reads none of them.
    const other = hashValue(await simulate(seed('b'), { clock: new ManualClock(), pool: null }));
    expect(other).not.toBe(fresh);
    const kept = threadMemory.keptBytes;
    expect(hashValue(await simulate(seed('a'), { clock: new ManualClock(), pool: null }))).toBe(fresh);
    // Pooled: the kept buffers are lent to the partitions and come back with the sorted outcomes.
    const pool = createInProcessPool(2);
    expect(hashValue(await simulate(seed('a'), { clock: new ManualClock(), pool }))).toBe(fresh);
    expect(threadMemory.keptBytes).toBe(kept);
    expect(hashValue(await simulate(seed('b'), { clock: new ManualClock(), pool }))).toBe(other);
  });

  it('lend a small job the columns of the last, whatever they hold, and take them back', async () => {
    const small = (rng: string) => normalizeSeed({ ...pricing, samples: 10_000, rng_seed: rng }, 0);
    threadMemory.clear();
    const fresh = hashValue(await simulate(small('a'), { clock: new ManualClock(), pool: null }));
    const kept = threadMemory.keptBytes;
    // Columns and outcomes of 10,000 doubles (80 KB) each.
    expect(kept).toBeGreaterThanOrEqual(5 * 80_000);
    // Every kept byte 0xff: a double read before it is written is a NaN, which fails the job.
    const all = threadMemory.lend(1000, 0);
    for (const b of all) new Uint8Array(b).fill(0xff);
    threadMemory.keep(all);
    expect(hashValue(await simulate(small('a'), { clock: new ManualClock(), pool: null }))).toBe(fresh);
    // The job ran on the kept buffers and gave them all back: no new memory kept.
    expect(threadMemory.keptBytes).toBe(kept);
  });

  it('are mapped by the warm-up for a first job of the default size, which then takes no new memory', async () => {
    const classroom = JSON.parse(readFileSync('public/examples/classroom.json', 'utf8')).seed as DreamSeed;
    threadMemory.clear();
    await warmUpLaneMemory(() => Promise.resolve());
    const kept = threadMemory.keptBytes;
    expect(kept).toBe(32 * 10_000 * 8);
    const first = await simulate(normalizeSeed(classroom, 0), { clock: new ManualClock(), pool: null });
    expect(first.samples.per_branch).toBe(10_000);
    expect(first.branches.length).toBeGreaterThan(8);
    // Its outcomes and columns all came from the buffers the warm-up made, and went back.
    expect(threadMemory.keptBytes).toBe(kept);
  });
});
