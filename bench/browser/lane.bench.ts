import { readFileSync } from 'node:fs';
import type { BrowserBench } from '../harness';
import { FIVE_FACTOR_SEED } from '../node/lane.bench';
import { isPoolThread, isWorkerThread, threadDelta, threadTimes, type ThreadTime } from '../threadCpu';

type Engine = {
  laneSetEnabled(v: boolean): Promise<unknown>;
  laneSchedule(s: unknown): Promise<string>;
  laneCollect(id: string): Promise<{ samples: { drawn: number }; branches: unknown[] }>;
  laneStatus(id: string): Promise<{ result_hash: string | null }>;
};

/** Five million samples: the five-factor model in eight branches of 625k, which split evenly over two or four cores. */
const POOL_SEED = {
  ...FIVE_FACTOR_SEED,
  constraints: {
    ...FIVE_FACTOR_SEED.constraints,
    budgets: { ...FIVE_FACTOR_SEED.constraints.budgets, tokens: 20_000 },
  },
  scenario_count: 8,
  samples: 625_000,
};

const EXAMPLES = ['onboarding.json', 'pricing.json', 'inventory.json'];

/**
 * In the Chromium worker: Monte Carlo throughput of the five-factor model (a 1,000,000-sample job,
 * end to end), the main thread's longest task while that job runs, and collect() latency per example.
 */
const bench: BrowserBench = async (h, page) => {
  await page.evaluate(() =>
    (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine.laneSetEnabled(true),
  );
  const rates: number[] = [];
  const longest: number[] = [];
  const gaps: number[] = [];
  for (let run = 0; run < 3; run++) {
    const out = await page.evaluate(
      async ({ seed, run }) => {
        const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
        let longTask = 0;
        const obs = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTask = Math.max(longTask, e.duration);
        });
        try {
          obs.observe({ type: 'longtask', buffered: false });
        } catch {
          // longtask entries unsupported: the frame-gap measure below still applies
        }
        // Frame gaps on the main thread, as a second measure of responsiveness.
        let last = performance.now();
        let gap = 0;
        let going = true;
        const tick = () => {
          const now = performance.now();
          gap = Math.max(gap, now - last);
          last = now;
          if (going) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        const t0 = performance.now();
        const id = await engine.laneSchedule({ ...seed, rng_seed: `browser-${run}` });
        const r = await engine.laneCollect(id);
        const ms = performance.now() - t0;
        going = false;
        await new Promise((res) => setTimeout(res, 50));
        obs.disconnect();
        return { rate: r.samples.drawn / (ms / 1000), longTask, gap };
      },
      { seed: FIVE_FACTOR_SEED, run },
    );
    rates.push(out.rate);
    longest.push(out.longTask);
    gaps.push(out.gap);
  }
  h.record('Monte Carlo throughput, 5-factor model (1M-sample job end to end)', rates, 'samples/s');
  h.record('main thread longest task during a 1M-sample job', longest, 'ms', { limit: 50 });
  h.record('main thread longest frame gap during a 1M-sample job', gaps, 'ms');

  // The same 5M-sample job with the compute pool (one worker per reported core) and without it (the
  // engine worker told it has one core, so it runs every branch itself); both must give one hash.
  const engineWorker = page.workers().find((w) => w.url().includes('engine.worker'));
  if (!engineWorker) throw new Error('the engine worker was not found');
  const cores = await engineWorker.evaluate(() => navigator.hardwareConcurrency);
  const setCores = (n: number | null) =>
    engineWorker.evaluate((n) => {
      if (n === null) delete (navigator as unknown as Record<string, unknown>).hardwareConcurrency;
      else Object.defineProperty(navigator, 'hardwareConcurrency', { value: n, configurable: true });
    }, n);
  const runJob = (rngSeed: string) =>
    page.evaluate(
      async ({ seed, rngSeed }) => {
        const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
        const t0 = performance.now();
        const id = await engine.laneSchedule({ ...seed, rng_seed: rngSeed });
        const r = await engine.laneCollect(id);
        const ms = performance.now() - t0;
        const st = await engine.laneStatus(id);
        return { ms, hash: st.result_hash, drawn: r.samples.drawn, branches: r.branches.length };
      },
      { seed: POOL_SEED, rngSeed },
    );
  /** The job, and the CPU time each of the browser's threads used meanwhile (null without /proc). */
  const runTimed = async (rngSeed: string) => {
    const before = threadTimes();
    const out = await runJob(rngSeed);
    const after = threadTimes();
    return { ...out, cpu: before && after ? threadDelta(before, after) : null };
  };
  const pooled: number[] = [];
  const alone: number[] = [];
  const cpu = {
    alone: [] as number[],
    owner: [] as number[],
    busiest: [] as number[],
    ratio: [] as number[],
  };
  const background = { alone: [] as number[], pooled: [] as number[] };
  // The page's first pooled job also starts the compute workers and compiles their code (the engine
  // worker's code is warm from the jobs above): it is reported on its own, and the pairs that follow
  // compare the pool and the engine worker both warm, as the Node bench's first pair warms both up.
  let firstPooled = 0;
  for (let run = 0; run < 6; run++) {
    await setCores(null);
    const a = await runTimed(`pool-${run}`);
    await setCores(1);
    const b = await runTimed(`pool-${run}`);
    await setCores(null);
    if (a.hash !== b.hash) throw new Error(`the pool changed the result: ${a.hash} vs ${b.hash}`);
    if (a.drawn !== 5_000_000 || a.branches !== 8)
      throw new Error(`unexpected job shape: ${a.drawn} samples`);
    if (run === 0) {
      firstPooled = a.ms;
      continue;
    }
    if (a.cpu && b.cpu) {
      // The engine worker is the worker thread that used the most CPU running the job alone.
      const threads = (m: Map<string, ThreadTime>) => [...m.entries()];
      const [engineKey, engine] = threads(b.cpu)
        .filter(([, t]) => isWorkerThread(t))
        .sort((x, y) => y[1].ms - x[1].ms)[0]!;
      const inRenderer = (m: Map<string, ThreadTime>, pick: (t: ThreadTime) => boolean) =>
        threads(m).filter(([, t]) => t.pid === engine.pid && pick(t));
      const owner = a.cpu.get(engineKey)?.ms ?? 0;
      const busiest = Math.max(
        0,
        ...inRenderer(a.cpu, isWorkerThread)
          .filter(([k]) => k !== engineKey)
          .map(([, t]) => t.ms),
      );
      cpu.alone.push(engine.ms);
      cpu.owner.push(owner);
      cpu.busiest.push(busiest);
      cpu.ratio.push(engine.ms / (owner + busiest));
      const sum = (xs: Array<[string, ThreadTime]>) => xs.reduce((s, [, t]) => s + t.ms, 0);
      background.alone.push(sum(inRenderer(b.cpu, isPoolThread)));
      background.pooled.push(sum(inRenderer(a.cpu, isPoolThread)));
    }
    pooled.push(a.ms);
    alone.push(b.ms);
  }
  h.record(`5M-sample job, compute pool (${Math.min(4, cores)} workers)`, pooled, 'ms', {
    branches: 8,
    same_hash: true,
  });
  h.record('5M-sample job, engine worker alone', alone, 'ms');
  h.record("the page's first 5M-sample job with the pool (its compute workers start)", [firstPooled], 'ms');
  h.record(
    '5M-sample job: speed-up with the pool',
    alone.map((x, i) => x / pooled[i]!),
    'ratio',
    { cores, target: '>= 1.6 on 2 cores' },
  );
  if (cpu.alone.length > 0) {
    // Wall time on a shared machine says how much of the cores others left; CPU time per thread says
    // how the job's work splits, whoever else runs.
    h.record('5M-sample job, CPU time of the engine worker alone', cpu.alone, 'ms');
    h.record('5M-sample job with the pool, CPU time of the engine worker', cpu.owner, 'ms');
    h.record('5M-sample job with the pool, CPU time of the busiest compute worker', cpu.busiest, 'ms');
    h.record(
      "5M-sample job, CPU time of the renderer's thread pool (V8 compilers, collector helpers): alone",
      background.alone,
      'ms',
    );
    h.record(
      "5M-sample job, CPU time of the renderer's thread pool (V8 compilers, collector helpers): with the pool",
      background.pooled,
      'ms',
    );
    h.record(
      '5M-sample job: speed-up with the pool, estimated for idle cores from CPU time',
      cpu.ratio,
      'ratio',
      {
        cores,
        how: "engine worker alone ÷ (engine worker + busiest compute worker with the pool), as if the engine worker's part ran while no partition did",
        target: '>= 1.6 on 2 cores',
      },
    );
  }

  for (const file of EXAMPLES) {
    const ex = JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as {
      seed: Record<string, unknown>;
    };
    const samples = await page.evaluate(
      async ({ seed }) => {
        const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
        const out: number[] = [];
        for (let i = 0; i < 6; i++) {
          const t0 = performance.now();
          await engine.laneCollect(await engine.laneSchedule({ ...seed, rng_seed: `b${i}` }));
          if (i > 0) out.push(performance.now() - t0);
        }
        return out;
      },
      { seed: ex.seed },
    );
    h.record(`schedule+collect ${file}`, samples, 'ms');
  }
};

export default bench;
