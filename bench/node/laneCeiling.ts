import { exp, log } from '../../workers/core/detMath';
import { createRng, type Rng } from '../../workers/core/rng';
import { normalQuantile, resolveInterval } from '../../workers/lane/distributions';

/**
 * The ceiling for the lane's Monte Carlo: the benchmark's five-factor model written by hand as one
 * plain fused loop with the same algorithms (sfc32 streams from workers/core/rng.ts seeded the same
 * way; Acklam's quantile; the bit-exact exp; Marsaglia–Tsang gammas for the beta) and the same
 * per-sample work as a rollout (the outcome kept, failures counted, per-factor sums). It draws the
 * very same samples as the rollout of the same branch, so the benchmark checks they agree.
 */

/** The (branch, factor) stream the rollout draws factor `factor` of branch `branchId` from. */
function factorStream(runSeed: string, branchId: string, factor: string): Rng {
  return createRng(runSeed, 'branch', branchId, 'factor', factor);
}

/** An open uniform (uint32() + 0.5) / 2^32, never 0 or 1: what the rollout's samplers consume. */
function openUniform(rng: Rng): number {
  return (rng.uint32() + 0.5) / 4294967296;
}

/** Marsaglia–Tsang gamma(shape) for shape ≥ 1, given d = shape - 1/3 and c = 1 / sqrt(9d). */
function gamma(rng: Rng, d: number, c: number): number {
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

export interface FusedRun {
  outcome: Float64Array;
  failures: number;
  factorSum: Float64Array;
  factorSq: Float64Array;
  factorFailSum: Float64Array;
}

/** `a * b * (1 - c) - d * 10 - if(e, 40, 0)` over n samples of branch `branchId` (maximise, threshold 0). */
export function fusedFiveFactor(runSeed: string, branchId: string, n: number): FusedRun {
  const ra = factorStream(runSeed, branchId, 'a');
  const rb = factorStream(runSeed, branchId, 'b');
  const rc = factorStream(runSeed, branchId, 'c');
  const rd = factorStream(runSeed, branchId, 'd');
  const re = factorStream(runSeed, branchId, 'e');
  const lb = resolveInterval(5, 50);
  if (lb.kind !== 'lognormal') throw new Error('expected a lognormal');
  const { mu, sigma } = lb;
  const d3 = 3 - 1 / 3;
  const c3 = 1 / Math.sqrt(9 * d3);
  const d7 = 7 - 1 / 3;
  const c7 = 1 / Math.sqrt(9 * d7);
  const outcome = new Float64Array(n);
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0;
  let q0 = 0,
    q1 = 0,
    q2 = 0,
    q3 = 0,
    q4 = 0;
  let f0 = 0,
    f1 = 0,
    f2 = 0,
    f3 = 0,
    f4 = 0;
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const a = 10 + 2 * normalQuantile(openUniform(ra));
    const b = exp(mu + sigma * normalQuantile(openUniform(rb)));
    const gx = gamma(rc, d3, c3);
    const gy = gamma(rc, d7, c7);
    const c = gx / (gx + gy);
    const q = openUniform(rd);
    const d = q < 0.25 ? 0 + Math.sqrt(q * 4 * 1) : 4 - Math.sqrt((1 - q) * 4 * 3);
    const ue = openUniform(re);
    const e = ue > 1 - 0.2 ? 1 : 0;
    const out = a * b * (1 - c) - d * 10 - (e !== 0 ? 40 : 0);
    outcome[i] = out;
    s0 += a;
    q0 += a * a;
    s1 += b;
    q1 += b * b;
    s2 += c;
    q2 += c * c;
    s3 += d;
    q3 += d * d;
    s4 += e;
    q4 += e * e;
    if (out < 0) {
      failures++;
      f0 += a;
      f1 += b;
      f2 += c;
      f3 += d;
      f4 += e;
    }
  }
  return {
    outcome,
    failures,
    factorSum: Float64Array.of(s0, s1, s2, s3, s4),
    factorSq: Float64Array.of(q0, q1, q2, q3, q4),
    factorFailSum: Float64Array.of(f0, f1, f2, f3, f4),
  };
}
