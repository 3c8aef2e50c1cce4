// Test reference only (krum.test.ts, robust.test.ts): Krum as first written, which the fast kernel
// in krum.ts must match bit for bit. Kept apart from krum.ts so the reference shares no code with it.

/** Krum as first written: every row fully sorted, the k smallest added smallest first. */
export function krumBySorting(s: Float64Array, n: number, m: number, f: number) {
  const d2 = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      let d = 0;
      for (let j = 0; j < m; j++) {
        const v = s[a * m + j]! - s[b * m + j]!;
        d += v * v;
      }
      d2[a * n + b] = d;
      d2[b * n + a] = d;
    }
  const k = Math.max(1, n - f - 2);
  const score = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const row = Float64Array.from({ length: n - 1 }, (_, q) => d2[a * n + (q < a ? q : q + 1)]!).sort();
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
