import { exp, log } from '../core/detMath';
import type { Rng } from '../core/rng';
import type { Distribution } from '../contract/lane';

/**
 * Samplers for the factor distributions. Every distribution except beta is drawn by its inverse CDF
 * from one uniform per sample, so a branch that restricts a factor to a quantile window [lo, hi] just
 * draws u in that window, and one sample always consumes exactly one draw of its stream. Beta has no
 * closed-form quantile: it is drawn as a ratio of gammas and, when windowed, rejected outside the
 * window's value bounds (found once by bisection on the incomplete beta function).
 */

/** z for which Φ(z) = 90% interval half-width: 5% in each tail. */
export const Z95 = 1.6448536269514722;

/** A uniform in (0, 1), never exactly 0 or 1, so quantile functions stay finite. */
export function openUniform(rng: Rng): number {
  return (rng.uint32() + 0.5) / 4294967296;
}

// Acklam's coefficients, hoisted: building them as arrays on every call cost a sixth of a rollout.
const A0 = -39.69683028665376;
const A1 = 220.9460984245205;
const A2 = -275.9285104469687;
const A3 = 138.357751867269;
const A4 = -30.66479806614716;
const A5 = 2.506628277459239;
const B0 = -54.47609879822406;
const B1 = 161.5858368580409;
const B2 = -155.6989798598866;
const B3 = 66.80131188771972;
const B4 = -13.28068155288572;
const C0 = -0.007784894002430293;
const C1 = -0.3223964580411365;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 0.007784695709041462;
const D1 = 0.3224671290700398;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;
const PLOW = 0.02425;
const PHIGH = 1 - PLOW;

/**
 * Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). The
 * central 95% is a few lines, so the engine inlines it into the samplers' loops; the tails, with
 * their logarithm, are a call apart.
 */
export function normalQuantile(p: number): number {
  // The unary plus tells V8 the call returns a plain double: without it the merged result is kept as a
  // boxed value and every central draw allocates one (a sixth of a lognormal draw's time went to GC).
  if (p < PLOW || p > PHIGH) return +normalTail(p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
  );
}

/** normalQuantile below PLOW or above PHIGH. */
function normalTail(p: number): number {
  if (p < PLOW) {
    const q = Math.sqrt(-2 * log(p));
    return (
      (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  const q = Math.sqrt(-2 * log(1 - p));
  return (
    -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
  );
}

/** The interval form as a concrete normal or lognormal. */
export function resolveInterval(low: number, high: number): Distribution {
  if (low > 0 && high > 0) {
    const mu = (log(low) + log(high)) / 2;
    return { kind: 'lognormal', mu, sigma: (log(high) - log(low)) / (2 * Z95) };
  }
  return { kind: 'normal', mean: (low + high) / 2, sd: (high - low) / (2 * Z95) };
}

/** Lanczos approximation of ln Γ(x), x > 0. */
export function lnGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return log(Math.PI) - log(Math.abs(sinPi(x))) - lnGamma(1 - x);
  const xx = x - 1;
  let s = g[0]!;
  for (let i = 1; i < 9; i++) s += g[i]! / (xx + i);
  const t = xx + 7.5;
  return 0.5 * log(2 * Math.PI) + (xx + 0.5) * log(t) - t + log(s);
}

function sinPi(x: number): number {
  // Only reached for x < 0.5 (never for valid beta parameters); a plain series keeps detMath-free code exact.
  const y = x - 2 * Math.floor(x / 2);
  const r = y > 1 ? y - 2 : y;
  const z = Math.PI * r;
  let term = z;
  let sum = z;
  for (let k = 1; k < 20; k++) {
    term *= (-z * z) / (2 * k * (2 * k + 1));
    sum += term;
  }
  return sum;
}

/** Continued fraction for the incomplete beta function (Numerical Recipes' betacf). */
function betacf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * log(x) + b * log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betacf(a, b, x)) / a : 1 - (bt * betacf(b, a, 1 - x)) / b;
}

export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The q-quantile of a distribution (q in (0, 1)). */
export function quantile(dist: Distribution, q: number): number {
  switch (dist.kind) {
    case 'normal':
      return dist.mean + dist.sd * normalQuantile(q);
    case 'lognormal':
      return exp(dist.mu + dist.sigma * normalQuantile(q));
    case 'uniform':
      return dist.min + q * (dist.max - dist.min);
    case 'triangular': {
      const { min, mode, max } = dist;
      const w = max - min;
      if (w === 0) return min;
      const fc = (mode - min) / w;
      return q < fc ? min + Math.sqrt(q * w * (mode - min)) : max - Math.sqrt((1 - q) * w * (max - mode));
    }
    case 'beta':
      return betaQuantile(q, dist.alpha, dist.beta);
    case 'bernoulli':
      return q > 1 - dist.p ? 1 : 0;
    case 'interval':
      return quantile(resolveInterval(dist.low, dist.high), q);
    case 'constant':
      return dist.value;
  }
}

/** Theoretical mean and standard deviation (for tests and for describing a factor). */
export function moments(dist: Distribution): { mean: number; sd: number } {
  switch (dist.kind) {
    case 'normal':
      return { mean: dist.mean, sd: dist.sd };
    case 'lognormal': {
      const s2 = dist.sigma * dist.sigma;
      const mean = exp(dist.mu + s2 / 2);
      return { mean, sd: Math.sqrt((exp(s2) - 1) * exp(2 * dist.mu + s2)) };
    }
    case 'uniform':
      return { mean: (dist.min + dist.max) / 2, sd: (dist.max - dist.min) / Math.sqrt(12) };
    case 'triangular': {
      const { min: a, mode: c, max: b } = dist;
      return { mean: (a + b + c) / 3, sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18) };
    }
    case 'beta': {
      const { alpha: a, beta: b } = dist;
      return { mean: a / (a + b), sd: Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1))) };
    }
    case 'bernoulli':
      return { mean: dist.p, sd: Math.sqrt(dist.p * (1 - dist.p)) };
    case 'interval':
      return moments(resolveInterval(dist.low, dist.high));
    case 'constant':
      return { mean: dist.value, sd: 0 };
  }
}
