import { describe, expect, it } from 'vitest';
import { log, pow } from '../core/detMath';
import { createRng, type Rng } from '../core/rng';
import { BetaSampler } from './betaSampler';
import { betaQuantile, normalQuantile, openUniform } from './distributions';

/** Beta draws as they were first written: one uniform at a time, d and c worked out per draw. */
function gammaReference(shape: number, rng: Rng): number {
  if (shape < 1) return gammaReference(shape + 1, rng) * pow(openUniform(rng), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalQuantile(openUniform(rng));
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const w = openUniform(rng);
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (log(w) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

function betaReference(a: number, b: number, lo: number, hi: number, rng: Rng, n: number): number[] {
  const full = lo <= 0 && hi >= 1;
  const vlo = full ? 0 : betaQuantile(lo, a, b);
  const vhi = full ? 1 : betaQuantile(hi, a, b);
  const draw = () => {
    const x = gammaReference(a, rng);
    const y = gammaReference(b, rng);
    return x / (x + y);
  };
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let v = draw();
    if (!full) for (let k = 0; (v < vlo || v > vhi) && k < 10_000; k++) v = draw();
    out.push(v);
  }
  return out;
}

describe('BetaSampler', () => {
  const cases: Array<[number, number, number, number]> = [
    [3, 7, 0, 1],
    [3, 7, 0.9, 1],
    [2, 2, 0, 0.1],
    [0.5, 0.7, 0, 1],
    [0.5, 4, 0.2, 0.6],
    [1, 1, 0, 1],
  ];
  it.each(cases)('beta(%d, %d) in [%d, %d] gives the same bits as one uniform at a time', (a, b, lo, hi) => {
    const sampler = new BetaSampler(createRng('beta', a, b, lo), a, b, lo, hi);
    // Odd batch sizes, so batches end in the middle of the read-ahead blocks.
    const got: number[] = [];
    for (const n of [1, 777, 3000, 1024, 5]) {
      const buf = new Float64Array(n);
      sampler.fill(buf, n);
      got.push(...buf);
    }
    const want = betaReference(a, b, lo, hi, createRng('beta', a, b, lo), got.length);
    expect(got.every((x, i) => Object.is(x, want[i]))).toBe(true);
  });
});
