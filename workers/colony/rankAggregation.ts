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

/**
 * Each candidate's place in agent i's ranking (0 = first): higher scores first, ties by lower index,
 * the order `idx.sort((a, b) => s[b] - s[a] || a - b)` gives for finite scores. A stable merge sort
 * of the indices by descending score (so ties keep index order), with no comparator function:
 * insertion sort on runs of 8, then merges that take from the right run only when it is strictly
 * higher. `idx` and `tmp` are scratch of length m.
 */
function places(
  s: Float64Array,
  o: number,
  m: number,
  idx: Int32Array,
  tmp: Int32Array,
  out: Int32Array,
): void {
  let a = idx;
  let b = tmp;
  for (let j = 0; j < m; j++) a[j] = j;
  for (let lo = 0; lo < m; lo += 8) {
    const hi = Math.min(m, lo + 8);
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i]!;
      const sv = s[o + v]!;
      let j = i - 1;
      while (j >= lo && s[o + a[j]!]! < sv) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = v;
    }
  }
  for (let w = 8; w < m; w *= 2) {
    for (let lo = 0; lo < m; lo += 2 * w) {
      const mid = Math.min(m, lo + w);
      const hi = Math.min(m, lo + 2 * w);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) b[k++] = s[o + a[j]!]! > s[o + a[i]!]! ? a[j++]! : a[i++]!;
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
    }
    const t = a;
    a = b;
    b = t;
  }
  for (let r = 0; r < m; r++) out[a[r]!] = r;
}

/** Weighted Borda points normalised to [0, 1]: a candidate every agent ranks first scores 1. */
export function borda(s: Float64Array, n: number, m: number, weights: readonly number[]): Float64Array {
  const pts = new Float64Array(m);
  const idx = new Int32Array(m);
  const tmp = new Int32Array(m);
  const place = new Int32Array(m);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 1;
    if (w <= 0) continue;
    wsum += w;
    places(s, i * m, m, idx, tmp, place);
    for (let j = 0; j < m; j++) pts[j]! += w * (m - 1 - place[j]!);
  }
  const denom = wsum * Math.max(1, m - 1);
  for (let j = 0; j < m; j++) pts[j] = denom > 0 ? pts[j]! / denom : 0;
  return pts;
}

const GE_UNIT = 2097152;

/**
 * Pairwise majorities among the included agents. Returns the Condorcet winner, if any, and otherwise
 * the Smith set (the smallest group that beats everyone outside it): more than one member means the
 * majority preference runs in a cycle (or ties) among them. The full tally is only needed when there
 * is no Condorcet winner; a winner is found (or ruled out) first from 2(m − 1) pairs.
 */
export function condorcet(
  s: Float64Array,
  n: number,
  m: number,
  include: (i: number) => boolean,
): { winner: number | null; smith: number[] } {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (include(i)) rows.push(i * m);
  const winner = m > 0 ? condorcetWinner(s, m, rows) : null;
  if (winner !== null) return { winner, smith: [winner] };
  // For b > a, one running count per pair: the agents scoring a above b, plus 2^21 times those scoring
  // a at least as high. Each agent adds whole numbers (exact in a double up to 2^53, so for any colony
  // under 2^21 agents), one read-modify-write per pair and no branch; b beats a in the rest:
  // p[b·m + a] = counted − ge. The tally is exactly the pairwise majorities.
  const acc = new Float64Array(m * m);
  const counted = rows.length;
  for (const o of rows) {
    for (let a = 0; a < m; a++) {
      const sa = s[o + a]!;
      const ra = a * m;
      for (let b = a + 1; b < m; b++) {
        const sb = s[o + b]!;
        acc[ra + b]! += (sa > sb ? 1 : 0) + (sa >= sb ? GE_UNIT : 0);
      }
    }
  }
  const p = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const v = acc[a * m + b]!;
      const gt = v % GE_UNIT;
      p[a * m + b] = gt;
      p[b * m + a] = counted - (v - gt) / GE_UNIT;
    }
  }
  return smithSet(p, m);
}

/**
 * Whether candidate a beats b among the agents whose rows start at `rows`, counted exactly as the
 * full tally in `condorcet` counts the pair (the lower index x against the higher y: x wins where
 * s_x > s_y, y wins where s_x >= s_y fails).
 */
function beatsAmong(s: Float64Array, rows: readonly number[], a: number, b: number): boolean {
  const x = Math.min(a, b);
  const y = Math.max(a, b);
  let xWins = 0;
  let yWins = 0;
  for (const o of rows) {
    const sx = s[o + x]!;
    const sy = s[o + y]!;
    if (sx > sy) xWins++;
    if (!(sx >= sy)) yWins++;
  }
  return a === x ? xWins > yWins : yWins > xWins;
}

/**
 * The Condorcet winner (the candidate that beats every other), or null if there is none, from 2(m − 1)
 * pairs instead of all m(m − 1)/2. A knockout keeps the current champion until someone it does not
 * beat comes along; a Condorcet winner beats everyone, so once it is champion it stays, and it takes
 * over when it is reached. Only the last champion can be the winner: it is checked against everyone.
 * When there is one, the Smith set is that candidate alone, the same answer `smithSet` gives.
 */
function condorcetWinner(s: Float64Array, m: number, rows: readonly number[]): number | null {
  let champion = 0;
  for (let b = 1; b < m; b++) if (!beatsAmong(s, rows, champion, b)) champion = b;
  for (let b = 0; b < m; b++) {
    if (b !== champion && !beatsAmong(s, rows, champion, b)) return null;
  }
  return champion;
}

/**
 * The Condorcet winner, if any, and otherwise the Smith set, from the pairwise tally `p` (p[a·m + b]:
 * how many prefer a to b). Candidates are tried in order of pairwise wins, ties by index.
 */
export function smithSet(p: Float64Array, m: number): { winner: number | null; smith: number[] } {
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
