/**
 * Robust aggregates of n score vectors in R^m (row-major n × m). Each one tolerates up to f arbitrary
 * vectors: the coordinate-wise median and the trimmed mean stay within the range of honest values
 * in every coordinate; the geometric median has breakdown point 1/2; Krum picks vectors whose nearest
 * neighbours are close, which f outliers cannot fake.
 */

import { kth, selectInPlace } from './select';

function unsortedColumn(s: Float64Array, n: number, m: number, j: number, col: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) col[i] = s[i * m + j]!;
  return col;
}

function column(s: Float64Array, n: number, m: number, j: number): Float64Array {
  return unsortedColumn(s, n, m, j, new Float64Array(n)).sort();
}

export function median(sorted: Float64Array | readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = n >> 1;
  return n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** The same numbers as `median` of each sorted column, by selection instead of a sort per column. */
export function coordinateMedian(s: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(m);
  if (n === 0) return out;
  const col = new Float64Array(n);
  const h = n >> 1;
  for (let j = 0; j < m; j++) {
    unsortedColumn(s, n, m, j, col);
    const upper = kth(col, h);
    out[j] = n % 2 ? upper : (kth(col, h - 1) + upper) / 2;
  }
  return out;
}

/** Mean after dropping `trim` values at each end of every coordinate. */
export function trimmedMean(s: Float64Array, n: number, m: number, trim: number): Float64Array {
  const t = Math.min(trim, (n - 1) >> 1);
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const col = column(s, n, m, j);
    let sum = 0;
    for (let i = t; i < n - t; i++) sum += col[i]!;
    out[j] = sum / (n - 2 * t);
  }
  return out;
}

export function distance(s: Float64Array, m: number, i: number, c: ArrayLike<number>): number {
  let d = 0;
  for (let j = 0; j < m; j++) {
    const v = s[i * m + j]! - c[j]!;
    d += v * v;
  }
  return Math.sqrt(d);
}

/**
 * Weighted geometric median by Weiszfeld's iteration, started at the coordinate-wise median. A point
 * that lands on a data vector would divide by zero; the small floor on distances (Vardi–Zhang style)
 * keeps the step defined.
 */
export function geometricMedian(
  s: Float64Array,
  n: number,
  m: number,
  weights: readonly number[],
  opts: { maxIter?: number; tol?: number } = {},
): { centre: Float64Array; iterations: number } {
  const { maxIter = 200, tol = 1e-9 } = opts;
  let y = coordinateMedian(s, n, m);
  let it = 0;
  for (; it < maxIter; it++) {
    const next = new Float64Array(m);
    let wsum = 0;
    for (let i = 0; i < n; i++) {
      const w = (weights[i] ?? 1) / Math.max(distance(s, m, i, y), 1e-12);
      wsum += w;
      for (let j = 0; j < m; j++) next[j]! += w * s[i * m + j]!;
    }
    let move = 0;
    for (let j = 0; j < m; j++) {
      next[j] = next[j]! / wsum;
      const d = next[j]! - y[j]!;
      move += d * d;
    }
    y = next;
    if (Math.sqrt(move) < tol) break;
  }
  return { centre: y, iterations: it };
}

/**
 * Multi-Krum (Blanchard et al. 2017; El Mhamdi et al. 2018): every vector is scored by the sum of
 * squared distances to its n − f − 2 nearest neighbours; the n − f best-scored vectors are averaged.
 */
export function krum(
  s: Float64Array,
  n: number,
  m: number,
  f: number,
): { centre: Float64Array; selected: number[] } {
  const d2 = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    const oa = a * m;
    let b = a + 1;
    // Four pairs at a time: each distance still adds its coordinates in order (the same doubles),
    // but four independent sums keep the floating-point adder busy.
    for (; b + 3 < n; b += 4) {
      const o0 = b * m;
      const o1 = o0 + m;
      const o2 = o1 + m;
      const o3 = o2 + m;
      let d0 = 0;
      let d1 = 0;
      let dd2 = 0;
      let d3 = 0;
      for (let j = 0; j < m; j++) {
        const x = s[oa + j]!;
        const v0 = x - s[o0 + j]!;
        const v1 = x - s[o1 + j]!;
        const v2 = x - s[o2 + j]!;
        const v3 = x - s[o3 + j]!;
        d0 += v0 * v0;
        d1 += v1 * v1;
        dd2 += v2 * v2;
        d3 += v3 * v3;
      }
      d2[a * n + b] = d0;
      d2[b * n + a] = d0;
      d2[a * n + b + 1] = d1;
      d2[(b + 1) * n + a] = d1;
      d2[a * n + b + 2] = dd2;
      d2[(b + 2) * n + a] = dd2;
      d2[a * n + b + 3] = d3;
      d2[(b + 3) * n + a] = d3;
    }
    for (; b < n; b++) {
      let d = 0;
      const ob = b * m;
      for (let j = 0; j < m; j++) {
        const v = s[oa + j]! - s[ob + j]!;
        d += v * v;
      }
      d2[a * n + b] = d;
      d2[b * n + a] = d;
    }
  }
  const k = Math.max(1, n - f - 2);
  const order = krumOrder(d2, n, k);
  const selected = order.slice(0, Math.max(1, n - f));
  const centre = new Float64Array(m);
  for (const i of selected) for (let j = 0; j < m; j++) centre[j]! += s[i * m + j]!;
  for (let j = 0; j < m; j++) centre[j] = centre[j]! / selected.length;
  return { centre, selected: selected.sort((a, b) => a - b) };
}

/**
 * Agents ordered by their Krum score (the sum of each one's k smallest squared distances, added
 * smallest first), ties by index. Only the order is needed, so each row's k smallest are selected and
 * added unordered. A sum of k non-negative terms in any order is within (k − 1)·2^-53 of its exact
 * value (relative), so the unordered and the smallest-first sums lie in [s(1 − S), s(1 + S)] with
 * S = 8k·2^-53. Rows whose intervals overlap a neighbour's (in approximate order) are sorted and summed
 * exactly; every other row's interval overlaps no other, so its place is already decided, and the
 * order is the one exact scores give.
 */
function krumOrder(d2: Float64Array, n: number, k: number): number[] {
  const row = new Float64Array(Math.max(0, n - 1));
  const take = Math.min(k, row.length);
  const near = new Float64Array(n * take);
  const approx = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let r = 0;
    for (let b = 0; b < n; b++) if (b !== a) row[r++] = d2[a * n + b]!;
    if (take < row.length) selectInPlace(row, take - 1);
    let sum = 0;
    for (let q = 0; q < take; q++) {
      near[a * take + q] = row[q]!;
      sum += row[q]!;
    }
    approx[a] = sum;
  }
  const byApprox = Array.from({ length: n }, (_, i) => i).sort((x, y) => approx[x]! - approx[y]! || x - y);
  const score = Float64Array.from(approx);
  const exact = (a: number) => {
    const xs = near.subarray(a * take, a * take + take).sort();
    let sum = 0;
    for (let q = 0; q < take; q++) sum += xs[q]!;
    score[a] = sum;
  };
  // Neighbours in approximate order whose bounds touch are decided by their exact scores.
  const slack = take / 1125899906842624;
  const fixed = new Uint8Array(n);
  for (let q = 0; q + 1 < n; q++) {
    const x = byApprox[q]!;
    const y = byApprox[q + 1]!;
    if (approx[y]! - approx[x]! <= (approx[x]! + approx[y]!) * slack) {
      if (!fixed[x]) exact(x);
      if (!fixed[y]) exact(y);
      fixed[x] = 1;
      fixed[y] = 1;
    }
  }
  return byApprox.sort((x, y) => score[x]! - score[y]! || x - y);
}
