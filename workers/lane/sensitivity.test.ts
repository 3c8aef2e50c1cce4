import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import type { EngineError } from '../core/errors';
import type { EngineEvent } from '../contract';
import type { DreamSeed, LaneApi } from '../contract/lane';
import { createTestContext } from '../runtime/testContext';
import { openTestDb } from '../store/testDb';
import { createLaneApi } from './api';
import { quantile } from './distributions';
import { compileModel, normalizeSeed } from './seed';
import { sensitivity, tornadoEnds } from './sensitivity';

const seed = (outcome: string, extra: Partial<DreamSeed> = {}): DreamSeed => ({
  goal: 'Tornado check',
  context: {},
  constraints: { consent: { scopes: ['simulation.read_context'] } },
  model: {
    factors: [
      { name: 'a', dist: { kind: 'uniform', min: 0, max: 10 } },
      { name: 'b', dist: { kind: 'normal', mean: 5, sd: 1 } },
      { name: 'c', dist: { kind: 'constant', value: 3 } },
      { name: 'd', dist: { kind: 'bernoulli', p: 0.3 } },
    ],
    outcome,
  },
  samples: 1000,
  ...extra,
});

const model = (outcome: string) => compileModel(normalizeSeed(seed(outcome), 0).seed);

describe('sensitivity (tornado over every factor)', () => {
  it('measures a linear model exactly: each bar is the coefficient times the 10–90 spread', () => {
    const r = sensitivity(model('2 * a - 0.5 * b + c - 4 * d'), 's1', 'LT-x');
    const by = new Map(r.factors.map((f) => [f.factor, f]));
    expect(by.get('a')!.swing).toBeCloseTo(2 * (9 - 1), 6);
    const bSpread =
      quantile({ kind: 'normal', mean: 5, sd: 1 }, 0.9) - quantile({ kind: 'normal', mean: 5, sd: 1 }, 0.1);
    expect(by.get('b')!.swing).toBeCloseTo(-0.5 * bSpread, 5);
    expect(by.get('c')!.swing).toBe(0);
    expect(by.get('d')!.swing).toBeCloseTo(-4, 6);
    expect(by.get('d')!.low_value).toBe(0);
    expect(by.get('d')!.high_value).toBe(1);
    // Sorted by the size of the effect, largest first; shares add up to 1.
    expect(r.factors.map((f) => f.factor)).toEqual(['a', 'd', 'b', 'c']);
    expect(r.factors.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 3);
    expect(by.get('a')!.rho).toBeGreaterThan(0.8);
    expect(by.get('b')!.rho).toBeLessThan(0);
  });

  it('sees interactions: a factor that matters only through a product gets its bar', () => {
    const r = sensitivity(model('a * d'), 's1', 'LT-x');
    const by = new Map(r.factors.map((f) => [f.factor, f]));
    // d held at 1 gives E[a] = 5; held at 0 gives 0.
    expect(by.get('d')!.swing).toBeCloseTo(5, 1);
    expect(by.get('b')!.swing).toBe(0);
  });

  it('is deterministic for a run seed and changes with it', () => {
    const m = model('a * b + d');
    const one = sensitivity(m, 'seed-1', 'LT-x');
    expect(sensitivity(m, 'seed-1', 'LT-x')).toEqual(one);
    expect(sensitivity(m, 'seed-2', 'LT-x').base_mean).not.toBe(one.base_mean);
  });

  it('holds interval factors at their 10th and 90th percentiles', () => {
    const ends = tornadoEnds({ kind: 'interval', low: 10, high: 100 });
    expect(ends.low).toBeGreaterThan(10);
    expect(ends.high).toBeLessThan(100);
  });
});

describe('laneSensitivity through the lane API', () => {
  let api: LaneApi;
  beforeEach(async () => {
    const events: EngineEvent[] = [];
    api = createLaneApi(createTestContext(await openTestDb(), new ManualClock(0), events));
    await api.laneSetEnabled(true);
  });

  it("explains a scheduled job from its stored seed, with the job's trace id", async () => {
    const jobId = await api.laneSchedule(seed('3 * a - b', { rng_seed: 'job-seed' }));
    const r = await api.laneSensitivity(jobId);
    const status = await api.laneStatus(jobId);
    expect(r.trace_id).toBe(status.trace_id);
    expect(r.factors[0]!.factor).toBe('a');
    expect(r).toEqual(sensitivity(model('3 * a - b'), 'job-seed', r.trace_id));
  });

  it('refuses an unknown job with NOT_FOUND', async () => {
    const err = (await api.laneSensitivity('job-404').catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('NOT_FOUND');
  });
});
