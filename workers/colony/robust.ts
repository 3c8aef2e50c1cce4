/**
 * Robust aggregates of n score vectors in R^m (row-major n × m). Each one tolerates up to f arbitrary
 * vectors: the coordinate-wise median and the trimmed mean stay within the range of honest values
 * in every coordinate; the geometric median has breakdown point 1/2. (Krum, which picks vectors whose
 * nearest neighbours are close, is in krum.ts.)
 */

import { kth } from './select';

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
