/**
 * Robust aggregates of n score vectors in R^m (row-major n × m). Each one tolerates up to f arbitrary
 * vectors: the coordinate-wise median and the trimmed mean stay within the range of honest values
 * in every coordinate; the geometric median has breakdown point 1/2; Krum picks vectors whose nearest
 * neighbours are close, which f outliers cannot fake.
 */

function column(s: Float64Array, n: number, m: number, j: number): Float64Array {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = s[i * m + j]!;
  return col.sort();
}

export function median(sorted: Float64Array | readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = n >> 1;
  return n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

export function coordinateMedian(s: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = median(column(s, n, m, j));
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
    for (let b = a + 1; b < n; b++) {
      let d = 0;
      const oa = a * m;
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
  const score = new Float64Array(n);
  const row = new Float64Array(n - 1);
  for (let a = 0; a < n; a++) {
    let r = 0;
    for (let b = 0; b < n; b++) if (b !== a) row[r++] = d2[a * n + b]!;
    row.sort();
    let sum = 0;
    for (let q = 0; q < Math.min(k, row.length); q++) sum += row[q]!;
    score[a] = sum;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]! || a - b);
  const selected = order.slice(0, Math.max(1, n - f));
  const centre = new Float64Array(m);
  for (const i of selected) for (let j = 0; j < m; j++) centre[j]! += s[i * m + j]!;
  for (let j = 0; j < m; j++) centre[j] = centre[j]! / selected.length;
  return { centre, selected: selected.sort((a, b) => a - b) };
}
