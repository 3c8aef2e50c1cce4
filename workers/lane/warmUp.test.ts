import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import { runAndDrop } from './pool/host';
import type { ComputePool, RolloutTask } from './pool/types';
import { warmUpLane, warmUpPool } from './warmUp';
import type { DreamSeed } from '../contract/lane';

const examples = (
  JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as Array<{ file: string }>
).map(
  ({ file }) =>
    [
      file,
      (JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as { seed: DreamSeed }).seed,
    ] as const,
);

const hashOf = async (seed: DreamSeed) =>
  hashValue(await simulate(normalizeSeed(seed, 0), { clock: new ManualClock(), pool: null }));

describe('the lane warm-up', () => {
  it('changes no result: every example hashes the same before and after it', async () => {
    // First in this file, so these run on code that nothing has warmed yet.
    const before = await Promise.all(examples.map(([, seed]) => hashOf(seed)));
    let pieces = 0;
    await warmUpLane(async () => void pieces++);
    expect(pieces).toBeGreaterThan(20);
    const after = await Promise.all(examples.map(([, seed]) => hashOf(seed)));
    expect(after).toEqual(before);
    // And the pinned golden hash of the canary (goldenHashes.test.ts).
    expect(after[examples.findIndex(([f]) => f === 'onboarding.json')]).toBe(
      '3aacde4fc0ee8ad4072ba4e74f0800ac4cbfa73a0267a51fd35f8eac1eeaa938',
    );
  });
});

describe("the compute pool's warm-up", () => {
  const poolOf = (size: number) => {
    const tasks: RolloutTask[] = [];
    const pool: ComputePool = {
      size,
      minSamples: 0,
      acquire: () => [],
      release: () => undefined,
      warm: async (task) => {
        tasks.push(task);
        await runAndDrop(task);
      },
    };
    return { pool, tasks };
  };

  it("runs every branch of the warm-up model in the pool's workers, whole batches, to the end", async () => {
    const { pool, tasks } = poolOf(2);
    let pieces = 0;
    await warmUpPool(async () => void pieces++, pool);
    expect(pieces).toBe(1);
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    expect(task.plans.length).toBeGreaterThan(3);
    expect(task.branches).toEqual(task.plans.map((p) => p.index));
    expect(task.perBranch % task.batch).toBe(0);
  });

  it('leaves a pool of one alone (jobs then run in the engine worker)', async () => {
    const { pool, tasks } = poolOf(1);
    await warmUpPool(async () => undefined, pool);
    expect(tasks).toHaveLength(0);
  });
});
