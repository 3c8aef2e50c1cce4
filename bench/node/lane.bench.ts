import { readFileSync } from 'node:fs';
import type { NodeBench } from '../harness';
import { ManualClock } from '../../workers/core/clock';
import { APP_FILE, openTestDb } from '../../workers/store/testDb';
import { createLaneApi } from '../../workers/lane/api';
import { planBranches } from '../../workers/lane/branches';
import { BranchRollout, RolloutScratch, runPilot } from '../../workers/lane/rollout';
import { fusedFiveFactor } from './laneCeiling';
import { FIVE_FACTOR_OUTCOME, FIVE_SAMPLER_FACTORS } from '../../workers/lane/testFactors';
import { compileModel, normalizeSeed } from '../../workers/lane/seed';
import { checkPolicy } from '../../workers/lane/policy';
import { simulate } from '../../workers/lane/simulate';
import { warmUpLane, warmUpLaneLoops, warmUpLaneMemory, warmUpLaneStorage } from '../../workers/lane/warmUp';
import { hashValue } from '../../workers/core/hash';
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
    factors: FIVE_SAMPLER_FACTORS,
    outcome: FIVE_FACTOR_OUTCOME,
    target: { direction: 'maximise', threshold: 0 },
  },
  scenario_count: 1,
  samples: 1_000_000,
  rng_seed: 'bench',
  clock_ms: 0,
};

const EXAMPLES = ['onboarding.json', 'pricing.json', 'inventory.json'];

/** The same model in Squiggle: `e * 40` is `if(e, 40, 0)` for a 0/1 draw. */
export const FIVE_FACTOR_SQUIGGLE = `a = normal(10, 2)
b = 5 to 50
c = beta(3, 7)
d = triangular(0, 1, 4)
e = bernoulli(0.2)
outcome = a * b * (1 - c) - d * 10 - e * 40
m = mean(outcome)`;

/** CPU time of this process in ms: on a shared machine it moves far less than wall time. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function squiggleRun(sampleCount: number): Promise<{ ms: number; cpu: number }> {
  const { run, defaultEnvironment } = await import('@quri/squiggle-lang');
  const c0 = cpuMs();
  const t0 = performance.now();
  const out = await run(FIVE_FACTOR_SQUIGGLE, { environment: { ...defaultEnvironment, sampleCount } });
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  if (!out.result.ok) throw new Error(`squiggle failed: ${out.result.value.toString()}`);
  return { ms, cpu };
}

const ratios = (xs: number[], ys: number[]) => xs.map((x, i) => x / ys[i]!);

const bench: NodeBench = async (h) => {
  // Raw Monte Carlo throughput: one branch of the five-factor model, 1,000,000 samples in 8,192 batches,
  // each run paired with the fused-loop ceiling drawing the same samples.
  const n = normalizeSeed(FIVE_FACTOR_SEED, 0);
  const model = compileModel(n.seed);
  const pilot = runPilot(model, 'bench');
  const { plans } = planBranches(n.seed, model, pilot.influence, n.traceId);
  const N = 1_000_000;
  const rates: number[] = [];
  const ceiling: number[] = [];
  const cpuRates: number[] = [];
  const cpuCeiling: number[] = [];
  fusedFiveFactor('warm', plans[0]!.id, 100_000);
  for (let run = 0; run < 6; run++) {
    const r = new BranchRollout(plans[0]!, model, `bench-${run}`, N, pilot.threshold);
    const scratch = new RolloutScratch(model, 8192);
    const c0 = cpuMs();
    const t0 = performance.now();
    while (!r.done) r.step(8192, scratch);
    const t1 = performance.now();
    const c1 = cpuMs();
    const fused = fusedFiveFactor(`bench-${run}`, plans[0]!.id, N);
    const t2 = performance.now();
    const c2 = cpuMs();
    for (let i = 0; i < N; i++) {
      if (!Object.is(fused.outcome[i], r.outcome[i]))
        throw new Error(`the fused loop and the rollout disagree at sample ${i}`);
    }
    if (fused.failures !== r.failures)
      throw new Error('the fused loop and the rollout count failures differently');
    // The first pair warms both up.
    if (run === 0) continue;
    rates.push(N / ((t1 - t0) / 1000));
    ceiling.push(N / ((t2 - t1) / 1000));
    cpuRates.push(N / ((c1 - c0) / 1000));
    cpuCeiling.push(N / ((c2 - c1) / 1000));
  }
  h.record('rollout, 5-factor model, 1M samples', rates, 'samples/s', { samples: N, batch: 8192 });
  h.record('fused-loop ceiling, same model and samples, 1M', ceiling, 'samples/s', {
    same_samples: true,
  });
  h.record('rollout ÷ fused-loop ceiling', ratios(rates, ceiling), 'ratio', { target: '>= 0.8' });
  h.record('rollout ÷ fused-loop ceiling, by CPU time', ratios(cpuRates, cpuCeiling), 'ratio', {
    target: '>= 0.8',
  });

  const sq: number[] = [];
  const sqCpu: number[] = [];
  await squiggleRun(10_000);
  for (let run = 0; run < 3; run++) {
    const t = await squiggleRun(N);
    sq.push(N / (t.ms / 1000));
    sqCpu.push(N / (t.cpu / 1000));
  }
  h.record('Squiggle 0.10, same model, 1M samples', sq, 'samples/s');
  h.record(
    'rollout ÷ Squiggle 0.10 (1M samples)',
    sq.map((x, i) => rates[i]! / x),
    'ratio',
    { target: '>= 5', pairs: 'rollout runs 1-3 against Squiggle runs 1-3' },
  );
  h.record(
    'rollout ÷ Squiggle 0.10 (1M samples), by CPU time',
    sqCpu.map((x, i) => cpuRates[i]! / x),
    'ratio',
    { target: '>= 5' },
  );

  // A 10,000-sample job end to end (gate, queue, pilot, rollout, scores, nodes, hash, storage) against
  // Squiggle evaluating the same model at 10,000 samples.
  {
    const db = await openTestDb(undefined, APP_FILE);
    const api = createLaneApi(createTestContext(db, new ManualClock()));
    await api.laneSetEnabled(true);
    // The app warms the lane up once a tab holds the lab (lane/warmUp.ts): the same warm-up first, so
    // the pairs measure the jobs a person runs after it, not V8 compiling the API's paths.
    await warmUpLane(() => Promise.resolve());
    await warmUpLaneStorage(
      () => Promise.resolve(),
      () => openTestDb(),
    );
    await warmUpLaneMemory(() => Promise.resolve());
    await warmUpLaneLoops(() => Promise.resolve());
    const job: number[] = [];
    const squig: number[] = [];
    const jobCpu: number[] = [];
    const squigCpu: number[] = [];
    const runJob = async (run: number) => {
      const c0 = cpuMs();
      const t0 = performance.now();
      await api.laneCollect(
        await api.laneSchedule({ ...FIVE_FACTOR_SEED, samples: 10_000, rng_seed: `small-${run}` }),
      );
      return { ms: performance.now() - t0, cpu: cpuMs() - c0 };
    };
    for (let run = 0; run < 11; run++) {
      // Each side goes first in every other pair: whichever runs second also collects some of the
      // first one's garbage, so the order is alternated rather than left to favour either.
      let sq10: { ms: number; cpu: number };
      let ms: number;
      let cpu: number;
      if (run % 2 === 0) {
        ({ ms, cpu } = await runJob(run));
        sq10 = await squiggleRun(10_000);
      } else {
        sq10 = await squiggleRun(10_000);
        ({ ms, cpu } = await runJob(run));
      }
      // The first job of a fresh database also builds the gate's matchers; it is reported, not paired.
      if (run === 0) continue;
      job.push(ms);
      squig.push(sq10.ms);
      jobCpu.push(cpu);
      squigCpu.push(sq10.cpu);
    }
    h.record('10k-sample job end to end', job, 'ms');
    h.record('Squiggle 0.10, same model, 10k samples', squig, 'ms');
    h.record('10k-sample job: Squiggle time ÷ job time', ratios(squig, job), 'ratio', { target: '>= 3' });
    h.record('10k-sample job: Squiggle ÷ job, by CPU time', ratios(squigCpu, jobCpu), 'ratio', {
      target: '>= 3',
    });
    // Where a small job's time goes: the gate's unsafe-goal check alone, and the rest of the job
    // (normalise, pilot, rollouts, scores, nodes, hash) without it, against the same Squiggle runs.
    const gate: number[] = [];
    const rest: number[] = [];
    for (let run = 0; run < 10; run++) {
      const seed = { ...FIVE_FACTOR_SEED, samples: 10_000, rng_seed: `rest-${run}` };
      const c0 = cpuMs();
      checkPolicy(normalizeSeed(seed, 0).seed);
      const c1 = cpuMs();
      hashValue(await simulate(normalizeSeed(seed, 0), { clock: new ManualClock() }));
      const c2 = cpuMs();
      gate.push(c1 - c0);
      rest.push(c2 - c1);
    }
    h.record('10k-sample job: the gate (checkPolicy) alone, CPU time', gate, 'ms');
    h.record('10k-sample job without the gate, CPU time', rest, 'ms');
    h.record(
      '10k-sample job without the gate: Squiggle ÷ job, by CPU time',
      ratios(squigCpu, rest),
      'ratio',
      {
        target: '>= 3',
      },
    );
    db.close();
  }

  // The same 1,000,000-sample job end to end through the API (pilot, scores, hashing, storage), as the
  // Chromium bench measures it in the worker.
  {
    const db = await openTestDb(undefined, APP_FILE);
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
    const db = await openTestDb(undefined, APP_FILE);
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
