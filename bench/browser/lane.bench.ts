import { readFileSync } from 'node:fs';
import type { BrowserBench } from '../harness';
import { FIVE_FACTOR_SEED } from '../node/lane.bench';

type Engine = {
  laneSetEnabled(v: boolean): Promise<unknown>;
  laneSchedule(s: unknown): Promise<string>;
  laneCollect(id: string): Promise<{ samples: { drawn: number } }>;
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
