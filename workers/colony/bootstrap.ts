import { fillInt, type Rng } from '../core/rng';
import type { Aggregate } from './consensus';
import type { ConsensusMethod } from '../contract/colony';
import { averagedStability } from './averagedResamples';

/** Resamples per verdict: the share is then known to about ±0.035 (one standard error at 0.5). */
export const BOOTSTRAP_RESAMPLES = 200;

/**
 * The verdict's confidence: the share of bootstrap resamples of the agents (n drawn with replacement)
 * in which the winner is still the winner (resamples holding none of the agents the method counts
 * are left out). It grows with both the margin and the agreement: a narrow
 * win carried by a few agents flips in many resamples, a broad one in none.
 *
 * Each resample re-scores the candidates exactly as the method did, agent by agent (`scoreWeight`):
 * plurality methods re-count first choices; `byzantine` re-averages the score rows of the agents its
 * robust filter kept. The filter itself is not re-run per resample (Krum or the geometric median on
 * 1,000 agents, 200 times, would cost seconds); so this measures how firmly the kept agents back the
 * winner, not how stable the choice of kept agents is. A tie counts for the winner.
 */
export function winnerStability(
  s: Float64Array,
  n: number,
  m: number,
  method: ConsensusMethod,
  agg: Pick<Aggregate, 'order' | 'firstChoice' | 'scoreWeight'>,
  rng: Rng,
  resamples: number = BOOTSTRAP_RESAMPLES,
): number {
  if (method === 'byzantine')
    return averagedStability(s, n, m, agg.order[0]!, agg.scoreWeight, rng, resamples);
  const win = agg.order[0]!;
  const total = new Float64Array(m);
  const draws = new Int32Array(n);
  let stays = 0;
  let informative = 0;
  for (let b = 0; b < resamples; b++) {
    total.fill(0);
    fillInt(rng, draws, n, n);
    let counted = 0;
    for (let d = 0; d < n; d++) {
      const i = draws[d]!;
      const w = agg.scoreWeight[i]!;
      if (w <= 0) continue;
      counted += w;
      total[agg.firstChoice[i]!]! += w;
    }
    // A resample that drew only agents the method dropped says nothing about the winner; skip it.
    if (counted <= 0) continue;
    informative++;
    let beaten = false;
    for (let j = 0; j < m && !beaten; j++) beaten = total[j]! > total[win]!;
    if (!beaten) stays++;
  }
  return informative > 0 ? stays / informative : 0;
}
