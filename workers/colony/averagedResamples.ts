import { fillInt, type Rng } from '../core/rng';

/**
 * Winner stability when the method's score is a weighted average of score rows (`byzantine`): in each
 * of `resamples` resamples, n agents are drawn with replacement and every candidate's total is the sum
 * of w·s over the drawn kept agents (w > 0), added in draw order; the winner stays unless another
 * candidate's total is strictly above its own. The share of resamples drawing a kept agent in which
 * the winner stays is returned.
 *
 * Summing every candidate in every resample costs resamples × n × m additions (40 ms at 1,000 agents
 * and 100 candidates). Most candidates trail the winner by far more than a resample can move them,
 * which one bound shows without summing them. Let δ_i = w_i·(s_ij − s_i,win) (0 for dropped agents)
 * and c_i the times agent i was drawn (Σ c_i = n). Then exactly
 *   total_j − total_win = Σ c_i δ_i = Σ δ_i + Σ (c_i − 1)(δ_i − μ)   for any μ, as Σ (c_i − 1) = 0,
 *                       ≤ Σ δ_i + ‖c − 1‖·‖δ − μ‖                   (Cauchy–Schwarz).
 * If that bound, plus a slack far above every rounding error (of the two draw-order sums, of Σ δ_i and
 * of the norms), is below 0, candidate j cannot beat the winner in this resample and is skipped.
 * Every other candidate is summed exactly as before, so the result is the same number.
 */
export function averagedStability(
  s: Float64Array,
  n: number,
  m: number,
  win: number,
  weight: Float64Array,
  rng: Rng,
  resamples: number,
): number {
  const ws = new Float64Array(n * m);
  const kept = new Uint8Array(n);
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i]!;
    if (w <= 0) continue;
    kept[i] = 1;
    const o = i * m;
    for (let j = 0; j < m; j++) {
      const v = w * s[o + j]!;
      ws[o + j] = v;
      const a = Math.abs(v);
      // NaN fails the comparison on purpose: it sets maxAbs to NaN, which turns the screen off below.
      maxAbs = a > maxAbs || a !== a ? a : maxAbs;
    }
  }
  // Non-finite or near-overflowing scores: sum every candidate (the bound's arithmetic would not hold).
  const screen = n * maxAbs < 1e300 ? screenOf(ws, kept, n, m, win) : null;
  const order = screen ? screen.order : Array.from({ length: m }, (_, j) => j).filter((j) => j !== win);
  // The candidates' columns in screening order, so the ones summed in a resample are one prefix of
  // each row: every draw then adds one contiguous run (each candidate's total still in draw order).
  const cols = order.length;
  const packed = new Float64Array(n * cols);
  const winCol = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!kept[i]) continue;
    for (let r = 0; r < cols; r++) packed[i * cols + r] = ws[i * m + order[r]!]!;
    winCol[i] = ws[i * m + win]!;
  }

  const counts = new Int32Array(n);
  const draws = new Int32Array(n);
  const keptDraws = new Int32Array(n);
  const total = new Float64Array(cols);
  let stays = 0;
  let informative = 0;
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    fillInt(rng, draws, n, n);
    let k = 0;
    for (let d = 0; d < n; d++) {
      const i = draws[d]!;
      counts[i]! += 1;
      if (kept[i]) keptDraws[k++] = i;
    }
    // A resample that drew only agents the method dropped says nothing about the winner; skip it.
    if (k === 0) continue;
    informative++;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += counts[i]! * counts[i]!;
    // ‖c − 1‖² = Σ c_i² − 2 Σ c_i + n = Σ c_i² − n, an exact integer.
    const spread = Math.sqrt(sq - n);
    // Sum the shortest prefix holding every candidate the bound cannot rule out (any extra one summed
    // changes nothing: its exact total is compared like the others').
    let len = cols;
    if (screen) {
      len = 0;
      for (let r = 0; r < cols; r++) {
        const j = order[r]!;
        if (!(screen.sum[j]! + spread * screen.norm[j]! + screen.slack[j]! < 0)) len = r + 1;
      }
    }
    let totalWin = 0;
    for (let q = 0; q < k; q++) totalWin += winCol[keptDraws[q]!]!;
    total.fill(0, 0, len);
    for (let q = 0; q < k; q++) {
      const o = keptDraws[q]! * cols;
      for (let r = 0; r < len; r++) total[r]! += packed[o + r]!;
    }
    let beaten = false;
    for (let r = 0; r < len && !beaten; r++) beaten = total[r]! > totalWin;
    if (!beaten) stays++;
  }
  return informative > 0 ? stays / informative : 0;
}

/**
 * Per candidate: Σ δ_i, ‖δ − μ‖ (μ the mean of δ over all n agents) with a 10⁻⁶ relative margin,
 * and the slack; candidates ordered by how large a spread ‖c − 1‖ the bound
 * rules them out up to, smallest first.
 */
function screenOf(ws: Float64Array, kept: Uint8Array, n: number, m: number, win: number) {
  const sum = new Float64Array(m);
  const maxAbs = new Float64Array(m);
  let keptCount = 0;
  for (let i = 0; i < n; i++) {
    if (!kept[i]) continue;
    keptCount++;
    const o = i * m;
    const x = ws[o + win]!;
    for (let j = 0; j < m; j++) {
      const v = ws[o + j]!;
      sum[j]! += v - x;
      const a = Math.abs(v);
      if (a > maxAbs[j]!) maxAbs[j] = a;
    }
  }
  const mean = Float64Array.from(sum, (x) => x / n);
  const sq = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    if (!kept[i]) continue;
    const o = i * m;
    const x = ws[o + win]!;
    for (let j = 0; j < m; j++) {
      const e = ws[o + j]! - x - mean[j]!;
      sq[j]! += e * e;
    }
  }
  const norm = new Float64Array(m);
  const slack = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    // Dropped agents have δ = 0, so each adds μ² to the squared norm.
    norm[j] = Math.sqrt(sq[j]! + (n - keptCount) * mean[j]! * mean[j]!) * (1 + 1e-6);
    // Rounding in the sums and norms stays below (n + 3)·2⁻⁵³ of n·(max|w·s_j| + max|w·s_win|); 10⁻⁶
    // of it is many orders above that, and the absolute floor covers squares that underflow.
    slack[j] = 1e-6 * n * (maxAbs[j]! + maxAbs[win]!) + n * 1e-150;
  }
  // The spread at which the bound stops ruling a candidate out; the ones it rules out last go last.
  const reach = Float64Array.from(sum, (x, j) => {
    const room = -x - slack[j]!;
    return norm[j]! > 0 ? room / norm[j]! : room > 0 ? Infinity : -Infinity;
  });
  const order = Array.from({ length: m }, (_, j) => j)
    .filter((j) => j !== win)
    .sort((a, b) => reach[a]! - reach[b]! || a - b);
  return { sum, norm, slack, order };
}
