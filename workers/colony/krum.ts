import { selectInPlace } from './select';

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
  const d2 = squaredDistances(s, n, m, n * n <= SCRATCH_MAX ? scratchOf(n * n) : undefined);
  const k = Math.max(1, n - f - 2);
  const order = krumOrder(d2, n, k);
  const selected = order.slice(0, Math.max(1, n - f));
  const centre = new Float64Array(m);
  for (const i of selected) for (let j = 0; j < m; j++) centre[j]! += s[i * m + j]!;
  for (let j = 0; j < m; j++) centre[j] = centre[j]! / selected.length;
  return { centre, selected: selected.sort((a, b) => a - b) };
}

/**
 * The distance matrix's memory, kept between calls up to 1,000 × 1,000 (8 MB): a fresh 8 MB array per
 * call (zeroed, faulted in, and counted against the worker's external memory) cost Chromium about as
 * much as half the distances. Larger colonies get a fresh array each time rather than keep more.
 */
const SCRATCH_MAX = 1_000_000;
let scratch = new Float64Array(0);
function scratchOf(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch.subarray(0, size);
}

/**
 * All squared distances between the rows (n × n, symmetric), into `out` when given (any contents). Each distance adds (s_aj − s_bj)² over j
 * in order, a < b, so every one is the same double whatever the loop shape. Rows are taken two at a
 * time against four others: each loaded coordinate serves eight sums, which keeps the floating-point
 * adder busy instead of waiting on loads. The upper triangle is filled first and mirrored by tiles,
 * so neither pass writes down a column of an 8 MB matrix.
 */
export function squaredDistances(s: Float64Array, n: number, m: number, out?: Float64Array): Float64Array {
  const d2 = out ?? new Float64Array(n * n);
  // Every other entry is written below.
  if (out) for (let a = 0; a < n; a++) d2[a * n + a] = 0;
  let a = 0;
  for (; a + 1 < n; a += 2) {
    const oa = a * m;
    const oa1 = oa + m;
    let d = 0;
    for (let j = 0; j < m; j++) {
      const v = s[oa + j]! - s[oa1 + j]!;
      d += v * v;
    }
    d2[a * n + a + 1] = d;
    let b = a + 2;
    for (; b + 3 < n; b += 4) {
      const o0 = b * m;
      const o1 = o0 + m;
      const o2 = o1 + m;
      const o3 = o2 + m;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let j = 0; j < m; j++) {
        const x = s[oa + j]!;
        const y = s[oa1 + j]!;
        const c0 = s[o0 + j]!;
        const c1 = s[o1 + j]!;
        const c2 = s[o2 + j]!;
        const c3 = s[o3 + j]!;
        let v = x - c0;
        p0 += v * v;
        v = x - c1;
        p1 += v * v;
        v = x - c2;
        p2 += v * v;
        v = x - c3;
        p3 += v * v;
        v = y - c0;
        q0 += v * v;
        v = y - c1;
        q1 += v * v;
        v = y - c2;
        q2 += v * v;
        v = y - c3;
        q3 += v * v;
      }
      const r = a * n + b;
      d2[r] = p0;
      d2[r + 1] = p1;
      d2[r + 2] = p2;
      d2[r + 3] = p3;
      const r1 = r + n;
      d2[r1] = q0;
      d2[r1 + 1] = q1;
      d2[r1 + 2] = q2;
      d2[r1 + 3] = q3;
    }
    for (; b < n; b++) {
      const ob = b * m;
      let p = 0;
      let q = 0;
      for (let j = 0; j < m; j++) {
        const c = s[ob + j]!;
        let v = s[oa + j]! - c;
        p += v * v;
        v = s[oa1 + j]! - c;
        q += v * v;
      }
      d2[a * n + b] = p;
      d2[(a + 1) * n + b] = q;
    }
  }
  // (With n odd, the last row has nothing above the diagonal.) Mirror 32 × 32 tiles.
  const T = 32;
  for (let a0 = 0; a0 < n; a0 += T) {
    const a1 = Math.min(n, a0 + T);
    for (let b0 = a0; b0 < n; b0 += T) {
      const b1 = Math.min(n, b0 + T);
      for (let x = a0; x < a1; x++) {
        for (let y = Math.max(b0, x + 1); y < b1; y++) d2[y * n + x] = d2[x * n + y]!;
      }
    }
  }
  return d2;
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
  // Row a without its diagonal, with its `take` smallest values first (in no particular order).
  const nearest = (a: number) => {
    row.set(d2.subarray(a * n, a * n + a), 0);
    row.set(d2.subarray(a * n + a + 1, a * n + n), a);
    if (take < row.length) selectInPlace(row, take - 1);
  };
  const approx = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    nearest(a);
    let sum = 0;
    for (let q = 0; q < take; q++) sum += row[q]!;
    approx[a] = sum;
  }
  const byApprox = Array.from({ length: n }, (_, i) => i).sort((x, y) => approx[x]! - approx[y]! || x - y);
  const score = Float64Array.from(approx);
  // Agents sending the same vector (colluders do) have the same distances to everyone else, so the
  // same multiset of distances and the same exact score: one comparison pass instead of a sort.
  const sameDistances = (x: number, y: number) => {
    const ox = x * n;
    const oy = y * n;
    for (let b = 0; b < n; b++) if (b !== x && b !== y && d2[ox + b] !== d2[oy + b]) return false;
    return true;
  };
  let last = -1;
  const exact = (a: number) => {
    if (last >= 0 && approx[last] === approx[a] && sameDistances(last, a)) {
      score[a] = score[last]!;
    } else {
      nearest(a);
      const xs = row.subarray(0, take).sort();
      let sum = 0;
      for (let q = 0; q < take; q++) sum += xs[q]!;
      score[a] = sum;
    }
    last = a;
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
