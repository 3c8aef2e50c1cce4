/** Rank aggregation over agents' score rows (n × m): first choices, Borda, and the Condorcet check. */

/** Index of each agent's highest-scored candidate (lowest index on ties). */
export function firstChoices(s: Float64Array, n: number, m: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < m; j++) if (s[i * m + j]! > s[i * m + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** Weighted Borda points normalised to [0, 1]: a candidate every agent ranks first scores 1. */
export function borda(s: Float64Array, n: number, m: number, weights: readonly number[]): Float64Array {
  const pts = new Float64Array(m);
  const idx = Array.from({ length: m }, (_, j) => j);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 1;
    if (w <= 0) continue;
    wsum += w;
    const order = idx.slice().sort((a, b) => s[i * m + b]! - s[i * m + a]! || a - b);
    for (let r = 0; r < m; r++) pts[order[r]!]! += w * (m - 1 - r);
  }
  const denom = wsum * Math.max(1, m - 1);
  for (let j = 0; j < m; j++) pts[j] = denom > 0 ? pts[j]! / denom : 0;
  return pts;
}

/**
 * Pairwise majorities among the included agents. Returns the Condorcet winner, if any, and otherwise
 * the Smith set (the smallest group that beats everyone outside it): more than one member means the
 * majority preference runs in a cycle (or ties) among them.
 */
export function condorcet(
  s: Float64Array,
  n: number,
  m: number,
  include: (i: number) => boolean,
): { winner: number | null; smith: number[] } {
  const p = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    if (!include(i)) continue;
    const o = i * m;
    for (let a = 0; a < m; a++) {
      const sa = s[o + a]!;
      for (let b = a + 1; b < m; b++) {
        const sb = s[o + b]!;
        if (sa > sb) p[a * m + b]! += 1;
        else if (sb > sa) p[b * m + a]! += 1;
      }
    }
  }
  const beats = (a: number, b: number) => p[a * m + b]! > p[b * m + a]!;
  const wins = Array.from({ length: m }, (_, a) => {
    let w = 0;
    for (let b = 0; b < m; b++) if (b !== a && beats(a, b)) w++;
    return w;
  });
  const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => wins[b]! - wins[a]! || a - b);
  for (let k = 1; k <= m; k++) {
    const inside = order.slice(0, k);
    const outside = order.slice(k);
    if (inside.every((a) => outside.every((b) => beats(a, b)))) {
      return { winner: k === 1 ? inside[0]! : null, smith: inside.sort((a, b) => a - b) };
    }
  }
  return { winner: null, smith: order };
}
