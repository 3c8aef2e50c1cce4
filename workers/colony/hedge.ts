import { exp } from '../core/detMath';

/**
 * One round of Hedge (multiplicative weights) with fixed-share mixing (Herbster & Warmuth 1998):
 * w ← w·e^(−η·ℓ), renormalise, then mix in a share α of the uniform weights so an agent that was wrong
 * for a while can recover when it starts being right. Reliabilities are kept with mean 1.
 */
export function hedgeUpdate(
  reliability: readonly number[],
  losses: readonly number[],
  eta: number,
  share: number,
): number[] {
  const n = reliability.length;
  const raw = reliability.map((r, i) => r * exp(-eta * (losses[i] ?? 0)));
  const sum = raw.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return reliability.map(() => 1);
  return raw.map((w) => ((1 - share) * (w / sum) + share / n) * n);
}

/**
 * An agent's loss on an outcome: where it ranked the actual best, from 0 (first) to 1 (last). Ties
 * count half, so flat scores (an agent that puts everything but its favourite at 0) earn no credit.
 */
export function rankLoss(scores: ArrayLike<number>, offset: number, m: number, best: number): number {
  if (m < 2) return 0;
  const sb = scores[offset + best]!;
  let above = 0;
  for (let j = 0; j < m; j++) {
    if (j === best) continue;
    const v = scores[offset + j]!;
    if (v > sb) above += 1;
    else if (v === sb) above += 0.5;
  }
  return above / (m - 1);
}
