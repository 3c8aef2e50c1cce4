import { exp, log } from '../../workers/core/detMath';
import { cyrb128 } from '../../workers/core/rng';
import { normalQuantile, resolveInterval } from '../../workers/lane/distributions';

/**
 * The ceiling for the lane's Monte Carlo: the benchmark's five-factor model written as one plain fused
 * loop, by hand, with the same algorithms (sfc32 streams seeded the same way, Acklam's quantile, the
 * bit-exact exp, Marsaglia–Tsang gammas for the beta) and the same per-sample work as a rollout (the
 * outcome kept, failures counted, per-factor sums). It draws the very same samples as the rollout of
 * the same branch, so the checksum tells the two apart if they ever disagree.
 */

type Stream = () => number;

/** sfc32 exactly as workers/core/rng.ts seeds and runs it, returning the open uniform (u + 0.5) / 2^32. */
function stream(...parts: string[]): Stream {
  let [a, b, c, d] = cyrb128(parts.map((p) => `string:${p}`).join('\u241f'));
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return () => (next() + 0.5) / 4294967296;
}

function gamma(shape: number, u: Stream): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalQuantile(u());
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const w = u();
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (log(w) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

export interface FusedRun {
  outcome: Float64Array;
  failures: number;
  factorSum: Float64Array;
}

/** `a * b * (1 - c) - d * 10 - if(e, 40, 0)` over n samples of branch `branchId` (maximise, threshold 0). */
export function fusedFiveFactor(runSeed: string, branchId: string, n: number): FusedRun {
  const s = (f: string) => stream(runSeed, 'branch', branchId, 'factor', f);
  const ua = s('a');
  const ub = s('b');
  const uc = s('c');
  const ud = s('d');
  const ue = s('e');
  const lb = resolveInterval(5, 50);
  if (lb.kind !== 'lognormal') throw new Error('expected a lognormal');
  const { mu, sigma } = lb;
  const outcome = new Float64Array(n);
  const sum = new Float64Array(5);
  const sq = new Float64Array(5);
  const failSum = new Float64Array(5);
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const a = 10 + 2 * normalQuantile(ua());
    const b = exp(mu + sigma * normalQuantile(ub()));
    const x = gamma(3, uc);
    const y = gamma(7, uc);
    const c = x / (x + y);
    const q = ud();
    const d = q < 0.25 ? 0 + Math.sqrt(q * 4 * 1) : 4 - Math.sqrt((1 - q) * 4 * 3);
    const e = ue() > 1 - 0.2 ? 1 : 0;
    const out = a * b * (1 - c) - d * 10 - (e !== 0 ? 40 : 0);
    outcome[i] = out;
    const fail = out < 0;
    if (fail) failures++;
    sum[0]! += a;
    sq[0]! += a * a;
    sum[1]! += b;
    sq[1]! += b * b;
    sum[2]! += c;
    sq[2]! += c * c;
    sum[3]! += d;
    sq[3]! += d * d;
    sum[4]! += e;
    sq[4]! += e * e;
    if (fail) {
      failSum[0]! += a;
      failSum[1]! += b;
      failSum[2]! += c;
      failSum[3]! += d;
      failSum[4]! += e;
    }
  }
  return { outcome, failures, factorSum: sum };
}
