import { exp, log } from '../../workers/core/detMath';
import { cyrb128 } from '../../workers/core/rng';
import { normalQuantile, resolveInterval } from '../../workers/lane/distributions';

/**
 * The ceiling for the lane's Monte Carlo: the benchmark's five-factor model written by hand as one
 * plain fused loop with the same algorithms (sfc32 streams seeded the same way, kept in local
 * variables; Acklam's quantile; the bit-exact exp; Marsaglia–Tsang gammas for the beta) and the same
 * per-sample work as a rollout (the outcome kept, failures counted, per-factor sums). It draws the
 * very same samples as the rollout of the same branch, so the benchmark checks they agree.
 */

/** sfc32's state for one (branch, factor) stream, seeded and warmed exactly as workers/core/rng.ts does. */
function seedState(runSeed: string, branchId: string, factor: string): [number, number, number, number] {
  const parts = [runSeed, 'branch', branchId, 'factor', factor];
  let [a, b, c, d] = cyrb128(parts.map((p) => `string:${p}`).join('\u241f'));
  for (let i = 0; i < 12; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
  }
  return [a, b, c, d];
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
  let [aa, ab, ac, ad] = seedState(runSeed, branchId, 'a');
  let [ba, bb, bc, bd] = seedState(runSeed, branchId, 'b');
  let [ca, cb, cc, cd] = seedState(runSeed, branchId, 'c');
  let [da, db, dc, dd] = seedState(runSeed, branchId, 'd');
  let [ea, eb, ec, ed] = seedState(runSeed, branchId, 'e');
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
    let ua = 0;
    {
      const t = (((aa + ab) | 0) + ad) | 0;
      ad = (ad + 1) | 0;
      aa = ab ^ (ab >>> 9);
      ab = (ac + (ac << 3)) | 0;
      ac = (ac << 21) | (ac >>> 11);
      ac = (ac + t) | 0;
      ua = ((t >>> 0) + 0.5) / 4294967296;
    }
    const a = 10 + 2 * normalQuantile(ua);
    let ub = 0;
    {
      const t = (((ba + bb) | 0) + bd) | 0;
      bd = (bd + 1) | 0;
      ba = bb ^ (bb >>> 9);
      bb = (bc + (bc << 3)) | 0;
      bc = (bc << 21) | (bc >>> 11);
      bc = (bc + t) | 0;
      ub = ((t >>> 0) + 0.5) / 4294967296;
    }
    const b = exp(mu + sigma * normalQuantile(ub));
    let gx = 0;
    let gy = 0;
    for (;;) {
      let u1 = 0;
      {
        const t = (((ca + cb) | 0) + cd) | 0;
        cd = (cd + 1) | 0;
        ca = cb ^ (cb >>> 9);
        cb = (cc + (cc << 3)) | 0;
        cc = (cc << 21) | (cc >>> 11);
        cc = (cc + t) | 0;
        u1 = ((t >>> 0) + 0.5) / 4294967296;
      }
      const x = normalQuantile(u1);
      const v0 = 1 + c3 * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      let w = 0;
      {
        const t = (((ca + cb) | 0) + cd) | 0;
        cd = (cd + 1) | 0;
        ca = cb ^ (cb >>> 9);
        cb = (cc + (cc << 3)) | 0;
        cc = (cc << 21) | (cc >>> 11);
        cc = (cc + t) | 0;
        w = ((t >>> 0) + 0.5) / 4294967296;
      }
      if (w < 1 - 0.0331 * x * x * x * x) {
        gx = d3 * v;
        break;
      }
      if (log(w) < 0.5 * x * x + d3 * (1 - v + log(v))) {
        gx = d3 * v;
        break;
      }
    }
    for (;;) {
      let u1 = 0;
      {
        const t = (((ca + cb) | 0) + cd) | 0;
        cd = (cd + 1) | 0;
        ca = cb ^ (cb >>> 9);
        cb = (cc + (cc << 3)) | 0;
        cc = (cc << 21) | (cc >>> 11);
        cc = (cc + t) | 0;
        u1 = ((t >>> 0) + 0.5) / 4294967296;
      }
      const x = normalQuantile(u1);
      const v0 = 1 + c7 * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      let w = 0;
      {
        const t = (((ca + cb) | 0) + cd) | 0;
        cd = (cd + 1) | 0;
        ca = cb ^ (cb >>> 9);
        cb = (cc + (cc << 3)) | 0;
        cc = (cc << 21) | (cc >>> 11);
        cc = (cc + t) | 0;
        w = ((t >>> 0) + 0.5) / 4294967296;
      }
      if (w < 1 - 0.0331 * x * x * x * x) {
        gy = d7 * v;
        break;
      }
      if (log(w) < 0.5 * x * x + d7 * (1 - v + log(v))) {
        gy = d7 * v;
        break;
      }
    }
    const c = gx / (gx + gy);
    let q = 0;
    {
      const t = (((da + db) | 0) + dd) | 0;
      dd = (dd + 1) | 0;
      da = db ^ (db >>> 9);
      db = (dc + (dc << 3)) | 0;
      dc = (dc << 21) | (dc >>> 11);
      dc = (dc + t) | 0;
      q = ((t >>> 0) + 0.5) / 4294967296;
    }
    const d = q < 0.25 ? 0 + Math.sqrt(q * 4 * 1) : 4 - Math.sqrt((1 - q) * 4 * 3);
    let ue = 0;
    {
      const t = (((ea + eb) | 0) + ed) | 0;
      ed = (ed + 1) | 0;
      ea = eb ^ (eb >>> 9);
      eb = (ec + (ec << 3)) | 0;
      ec = (ec << 21) | (ec >>> 11);
      ec = (ec + t) | 0;
      ue = ((t >>> 0) + 0.5) / 4294967296;
    }
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
