import { readFileSync } from 'node:fs';
import type { NodeBench } from '../harness';
import { ManualClock } from '../../workers/core/clock';
import { openTestDb } from '../../workers/store/testDb';
import { createLaneApi } from '../../workers/lane/api';
import { planBranches } from '../../workers/lane/branches';
import { BranchRollout, runPilot } from '../../workers/lane/rollout';
import { compileModel, normalizeSeed } from '../../workers/lane/seed';
import { createTestContext } from '../../workers/runtime/testContext';
import type { DreamSeed } from '../../workers/contract';

/** A five-factor model touching every kind of sampler the lane has. */
export const FIVE_FACTOR_SEED: DreamSeed = {
  goal: 'Benchmark: five-factor model',
  context: {},
  constraints: {
    consent: { scopes: ['simulation.read_context'] },
    budgets: { seconds: 600, max_rollouts: 10_000_000 },
  },
  model: {
    factors: [
      { name: 'a', dist: { kind: 'normal', mean: 10, sd: 2 } },
      { name: 'b', dist: { kind: 'interval', low: 5, high: 50 } },
      { name: 'c', dist: { kind: 'beta', alpha: 3, beta: 7 } },
      { name: 'd', dist: { kind: 'triangular', min: 0, mode: 1, max: 4 } },
      { name: 'e', dist: { kind: 'bernoulli', p: 0.2 } },
    ],
    outcome: 'a * b * (1 - c) - d * 10 - if(e, 40, 0)',
    target: { direction: 'maximise', threshold: 0 },
  },
  scenario_count: 1,
  samples: 1_000_000,
  rng_seed: 'bench',
  clock_ms: 0,
};

const EXAMPLES = ['onboarding.json', 'pricing.json', 'inventory.json'];

const bench: NodeBench = async (h) => {
  // Raw Monte Carlo throughput: one branch of the five-factor model, 1,000,000 samples in 8,192 batches.
  const n = normalizeSeed(FIVE_FACTOR_SEED, 0);
  const model = compileModel(n.seed);
  const pilot = runPilot(model, 'bench');
  const { plans } = planBranches(n.seed, model, pilot.influence, n.traceId);
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const r = new BranchRollout(plans[0]!, model, `bench-${run}`, 1_000_000, pilot.threshold);
    const bufs = model.factors.map(() => new Float64Array(8192));
    const t0 = performance.now();
    while (!r.done) r.step(8192, bufs);
    rates.push(1_000_000 / ((performance.now() - t0) / 1000));
  }
  h.record('Monte Carlo throughput, 5-factor model', rates, 'samples/s', { samples: 1_000_000, batch: 8192 });

  // The same 1,000,000-sample job end to end through the API (pilot, scores, hashing, storage), as the
  // Chromium bench measures it in the worker.
  {
    const db = await openTestDb();
    const api = createLaneApi(createTestContext(db, new ManualClock()));
    await api.laneSetEnabled(true);
    const e2e: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const r = await api.laneCollect(
        await api.laneSchedule({ ...FIVE_FACTOR_SEED, rng_seed: `node-${run}` }),
      );
      e2e.push(r.samples.drawn / ((performance.now() - t0) / 1000));
    }
    h.record('Monte Carlo throughput, 5-factor model (1M-sample job end to end)', e2e, 'samples/s');
    db.close();
  }

  // collect() latency for each worked example, through the API on a real sql.js database.
  for (const file of EXAMPLES) {
    const ex = JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as { seed: DreamSeed };
    const db = await openTestDb();
    const api = createLaneApi(createTestContext(db, new ManualClock()));
    await api.laneSetEnabled(true);
    let i = 0;
    await h.time(
      `schedule+collect ${file}`,
      async () => {
        await api.laneCollect(await api.laneSchedule({ ...ex.seed, rng_seed: `r${i++}` }));
      },
      { runs: 5, warmup: 1 },
    );
    db.close();
  }
};

export default bench;
