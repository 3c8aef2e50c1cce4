import { sortDoubles } from './sortDoubles';
import { sortOrder } from './sortOrder';

/**
 * Plain statistics over typed arrays. Everything sorts with the typed array's own numeric sort or by
 * the bits of the doubles (sortDoubles.ts, sortOrder.ts: the same order), so results are identical in every JavaScript engine.
 */

export function meanSd(xs: Float64Array): { mean: number; sd: number } {
  const n = xs.length;
  if (n === 0) return { mean: 0, sd: 0 };
  const mean = sumOf(xs, n) / n;
  const v = squaredDeviations(xs, mean);
  return { mean, sd: n > 1 ? Math.sqrt(v / (n - 1)) : 0 };
}

/*
 * The passes over a whole array are functions of their own (lane/README.md, "Loops in functions of
 * their own"): with its two loops inside, meanSd was optimised in the middle of one, with no feedback
 * yet for the object it returns, and thrown away there at every call of a job with nothing warmed
 * (twelve times in one, --trace-deopt in Chromium).
 */

/** The sum of the first `n` values of `xs`, in order. */
export function sumOf(xs: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  return s;
}

/** The sum of the squares of the first `n` values of `xs`, in order. */
export function sumOfSquares(xs: Float64Array, n: number): number {
  let sq = 0;
  for (let i = 0; i < n; i++) sq += xs[i]! * xs[i]!;
  return sq;
}

/** The sum of the squared distances of `xs`'s values from `mean`, in order. */
function squaredDeviations(xs: Float64Array, mean: number): number {
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) * (xs[i]! - mean);
  return v;
}

export function sortedCopy(xs: Float64Array): Float64Array {
  return sortDoubles(xs.slice());
}

/** Linear-interpolated quantile of an ascending array (q in [0, 1]). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = (n - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i]! + f * (sorted[i + 1]! - sorted[i]!) : sorted[n - 1]!;
}

/**
 * Ranks 1..n with ties given their average rank (needed for discrete factors): the column's sorting
 * order (a radix sort, sortOrder.ts), then each run of equal values gets the mean of its positions.
 * -0 and 0 are equal, so they share one rank, as the comparisons of the search below give them.
 */
export function ranks(xs: Float64Array): Float64Array {
  const order = sortOrder(xs);
  if (!order) return ranksBySearch(xs);
  const n = xs.length;
  const out = new Float64Array(n);
  for (let s = 0; s < n;) {
    const v = xs[order[s]!]!;
    let e = s;
    while (e + 1 < n && xs[order[e + 1]!] === v) e++;
    const r = (s + e) / 2 + 1;
    for (let p = s; p <= e; p++) out[order[p]!] = r;
    s = e + 1;
  }
  return out;
}

/**
 * The same ranks by a typed sort and two binary searches per value; kept for columns holding a NaN,
 * whose rank this has always defined.
 */
function ranksBySearch(xs: Float64Array): Float64Array {
  const n = xs.length;
  const sorted = xs.slice().sort();
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = xs[k]!;
    // First position holding a value not below x, and last holding a value not above it.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const i = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const j = lo - 1;
    out[k] = (i + j) / 2 + 1;
  }
  return out;
}

export function pearson(x: Float64Array, y: Float64Array): number {
  const a = meanSd(x);
  const b = meanSd(y);
  if (a.sd === 0 || b.sd === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - a.mean) * (y[i]! - b.mean);
  return s / ((x.length - 1) * a.sd * b.sd);
}

/** Spearman's rank correlation. */
export function spearman(x: Float64Array, y: Float64Array): number {
  return pearson(ranks(x), ranks(y));
}

/** Up to this length every sum over ranks below is exact: n³ quarters stay below 2^53. */
const EXACT_RANK_SUMS = 100_000;

/**
 * Spearman's rank correlation of x with a column whose ranks are known (one outcome, many factors;
 * `y` its mean and standard deviation, worked out once): the same double as
 * `pearson(ranks(x), yRanks)`, in one walk along x's sorting order without a ranks array. Ranks
 * are multiples of 1/2 with mean (n + 1) / 2, so each term of the sums is a multiple of 1/4 and, for
 * columns of up to EXACT_RANK_SUMS, every partial sum is exact: the order of summation does not
 * change a bit.
 */
export function spearmanRanked(
  x: Float64Array,
  yRanks: Float64Array,
  y: { mean: number; sd: number } = meanSd(yRanks),
): number {
  const n = x.length;
  const m = (n + 1) / 2;
  const order = n <= EXACT_RANK_SUMS && y.mean === m ? sortOrder(x) : null;
  if (!order) return pearson(ranks(x), yRanks);
  let vx = 0;
  let sxy = 0;
  for (let s = 0; s < n;) {
    const v = x[order[s]!]!;
    let e = s;
    while (e + 1 < n && x[order[e + 1]!] === v) e++;
    const d = (s + e) / 2 + 1 - m;
    for (let p = s; p <= e; p++) {
      vx += d * d;
      sxy += d * (yRanks[order[p]!]! - m);
    }
    s = e + 1;
  }
  const sx = n > 1 ? Math.sqrt(vx / (n - 1)) : 0;
  if (sx === 0 || y.sd === 0) return 0;
  return sxy / ((n - 1) * sx * y.sd);
}

/** Two-sample Kolmogorov–Smirnov distance between two ascending arrays. */
export function ksDistance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = a[i]! <= b[j]! ? a[i]! : b[j]!;
    while (i < n && a[i]! <= x) i++;
    while (j < m && b[j]! <= x) j++;
    const diff = Math.abs(i / n - j / m);
    if (diff > d) d = diff;
  }
  return d;
}

/**
 * Counts of `sorted` in `bins` equal bins over [min, max]; values outside go to the end bins. A value's
 * bin, floor((x - min) / w) clamped, never decreases along an ascending array (subtraction, division by
 * a positive width and floor are all monotone in IEEE arithmetic), so each bin is a run of the array
 * found by a binary search with the very same expression: the counts are those of a pass over every
 * value, in a few hundred steps instead of a million. A width that is not a positive finite number
 * (or a value that is not finite) takes the pass, as before.
 */
export function histogram(sorted: Float64Array, min: number, max: number, bins: number): number[] {
  const n = sorted.length;
  const w = (max - min) / bins;
  const binOf = (x: number): number => {
    let k = w > 0 ? Math.floor((x - min) / w) : 0;
    if (k < 0) k = 0;
    if (k >= bins) k = bins - 1;
    return k;
  };
  const ordered =
    w > 0 && Number.isFinite(w) && n > 0 && Number.isFinite(sorted[0]!) && Number.isFinite(sorted[n - 1]!);
  if (!ordered) return histogramByPass(sorted, binOf, bins);
  const out = new Array<number>(bins).fill(0);
  // start = the first index whose bin is at least k, for k = 1, 2, …
  let start = 0;
  for (let k = 1; k < bins; k++) {
    let lo = start;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binOf(sorted[mid]!) < k) lo = mid + 1;
      else hi = mid;
    }
    out[k - 1] = lo - start;
    start = lo;
  }
  out[bins - 1] = n - start;
  return out;
}

function histogramByPass(sorted: Float64Array, binOf: (x: number) => number, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  for (let i = 0; i < sorted.length; i++) out[binOf(sorted[i]!)]!++;
  return out;
}

/** Mean of the worst `alpha` share of outcomes (the low tail when maximising). */
export function cvar(sorted: Float64Array, alpha: number, maximise: boolean): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const k = Math.max(1, Math.floor(n * alpha));
  let s = 0;
  if (maximise) for (let i = 0; i < k; i++) s += sorted[i]!;
  else for (let i = n - k; i < n; i++) s += sorted[i]!;
  return s / k;
}

/**
 * Rounds to significant digits so results read cleanly. toPrecision is exactly specified by
 * ECMAScript (unlike Math.log10), so every engine rounds the same way.
 */
export function round(x: number, digits = 7): number {
  if (!Number.isFinite(x)) return 0;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

/** Maps a standardised difference to (0, 1): 0.5 at zero, without transcendental functions. */
export function squash(z: number): number {
  return 0.5 + (0.5 * z) / (1 + Math.abs(z));
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
