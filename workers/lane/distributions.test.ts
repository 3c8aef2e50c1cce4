import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { betaCdf, moments, normalQuantile, quantile } from './distributions';
import { createSampler } from './samplers';
import { meanSd, sortedCopy, quantileSorted } from './stats';
import type { Distribution } from '../contract/lane';

const N = 200_000;
function draw(dist: Distribution, window?: { lo: number; hi: number }, n = N): Float64Array {
  const out = new Float64Array(n);
  createSampler(dist, createRng('dist-test', dist.kind), window).fill(out, n);
  return out;
}

describe('each distribution matches its parameters', () => {
  it.each<Distribution>([
    { kind: 'normal', mean: 10, sd: 2 },
    { kind: 'lognormal', mu: 1, sigma: 0.5 },
    { kind: 'uniform', min: -3, max: 7 },
    { kind: 'triangular', min: 0, mode: 2, max: 10 },
    { kind: 'beta', alpha: 2, beta: 5 },
    { kind: 'beta', alpha: 0.5, beta: 0.7 },
    { kind: 'bernoulli', p: 0.3 },
    { kind: 'interval', low: 20, high: 60 },
    { kind: 'interval', low: -5, high: 5 },
    { kind: 'constant', value: 4.25 },
  ])('$kind %o', (dist) => {
    const xs = draw(dist);
    const got = meanSd(xs);
    const want = moments(dist);
    // Tolerance: 5 standard errors of the mean, and 3% of the spread.
    const se = want.sd / Math.sqrt(N);
    expect(Math.abs(got.mean - want.mean)).toBeLessThanOrEqual(5 * se + 1e-12);
    expect(Math.abs(got.sd - want.sd)).toBeLessThanOrEqual(0.03 * want.sd + 1e-12);
  });

  it('an "a to b" interval holds 90% of its samples', () => {
    for (const dist of [
      { kind: 'interval', low: 20, high: 60 },
      { kind: 'interval', low: -5, high: 5 },
    ] as const) {
      const xs = draw(dist);
      const inside = xs.filter((x) => x >= dist.low && x <= dist.high).length / N;
      expect(inside).toBeGreaterThan(0.895);
      expect(inside).toBeLessThan(0.905);
    }
  });

  it('a quantile window samples only that slice of the distribution', () => {
    const dist: Distribution = { kind: 'normal', mean: 0, sd: 1 };
    const hi = sortedCopy(draw(dist, { lo: 0.5, hi: 1 }, 50_000));
    expect(hi[0]).toBeGreaterThanOrEqual(0);
    expect(quantileSorted(hi, 0.5)).toBeCloseTo(normalQuantile(0.75), 1);
    const beta: Distribution = { kind: 'beta', alpha: 2, beta: 5 };
    const low = sortedCopy(draw(beta, { lo: 0, hi: 0.5 }, 20_000));
    expect(low[low.length - 1]).toBeLessThanOrEqual(quantile(beta, 0.5) + 1e-9);
  });

  it('quantiles invert the CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(betaCdf(quantile({ kind: 'beta', alpha: 2, beta: 5 }, 0.3), 2, 5)).toBeCloseTo(0.3, 8);
    expect(quantile({ kind: 'triangular', min: 0, mode: 0, max: 1 }, 0.75)).toBeCloseTo(0.5, 12);
  });

  it('draws the same samples however the work is batched', () => {
    const dist: Distribution = { kind: 'beta', alpha: 3, beta: 2 };
    const whole = draw(dist, undefined, 1000);
    const s = createSampler(dist, createRng('dist-test', 'beta'));
    const parts = new Float64Array(1000);
    const buf = new Float64Array(300);
    for (let at = 0; at < 1000; at += 300) {
      const n = Math.min(300, 1000 - at);
      s.fill(buf, n);
      parts.set(buf.subarray(0, n), at);
    }
    expect(Array.from(parts)).toEqual(Array.from(whole));
  });
});
