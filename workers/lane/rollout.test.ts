import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { MIN_INFLUENCE } from './branches';
import { minInfluence, MIN_PILOT_SAMPLES, PILOT_SAMPLES, pilotSamples, runPilot } from './rollout';
import { compileModel, normalizeSeed } from './seed';
import { simulate } from './simulate';
import { FIVE_FACTOR_OUTCOME, FIVE_SAMPLER_FACTORS } from './testFactors';
import type { DreamSeed } from '../contract/lane';

const seed = (samples: number): DreamSeed => ({
  goal: 'Pilot size',
  context: {},
  constraints: { consent: { scopes: [] }, budgets: { max_rollouts: 10_000_000 } },
  model: { factors: FIVE_SAMPLER_FACTORS, outcome: FIVE_FACTOR_OUTCOME },
  scenario_count: 3,
  samples,
  rng_seed: 'pilot',
  clock_ms: 0,
});

describe('the pilot sized to the job', () => {
  it('is a twentieth of the samples per branch, from 500 to 2,000', () => {
    expect(pilotSamples(100)).toBe(MIN_PILOT_SAMPLES);
    expect(pilotSamples(10_000)).toBe(500);
    expect(pilotSamples(20_001)).toBe(1001);
    expect(pilotSamples(40_000)).toBe(PILOT_SAMPLES);
    expect(pilotSamples(1_000_000)).toBe(PILOT_SAMPLES);
  });

  it('raises the influence bar for a smaller pilot by √(2000 / n), and keeps it for the full one', () => {
    expect(minInfluence(PILOT_SAMPLES)).toBe(MIN_INFLUENCE);
    expect(minInfluence(500)).toBeCloseTo(2 * MIN_INFLUENCE, 12);
    expect(minInfluence(1000)).toBeGreaterThan(MIN_INFLUENCE);
  });

  it('is what a job ranks its factors by: 500 samples for 10,000 per branch, 2,000 for 40,000', async () => {
    for (const [samples, pilot] of [
      [10_000, 500],
      [40_000, 2000],
    ] as const) {
      const n = normalizeSeed(seed(samples), 0);
      const r = await simulate(n, { clock: new ManualClock(), pool: null });
      expect(r.influence).toEqual(runPilot(compileModel(n.seed), 'pilot', pilot).influence);
    }
    // The two pilots differ (the smaller is the first samples of the larger).
    const model = compileModel(normalizeSeed(seed(10_000), 0).seed);
    expect(runPilot(model, 'pilot', 500).influence).not.toEqual(runPilot(model, 'pilot', 2000).influence);
  });
});
