import { krum } from './krum';
import { median, coordinateMedian, distance, geometricMedian, trimmedMean } from './robust';
import { borda, firstChoices } from './rankAggregation';
import type { ByzantineAggregator, ConsensusMethod } from '../contract/colony';

/** f = ⌊(n − 1)/3⌋: the Byzantine agents a colony of n can tolerate. */
export const faultBound = (n: number) => Math.floor((n - 1) / 3);

export interface Aggregate {
  /** Candidate indices, best first. */
  order: number[];
  /** The method's score per candidate. */
  score: Float64Array;
  borda: Float64Array;
  votes: Int32Array;
  firstChoice: Int32Array;
  distance: Float64Array;
  suspected: boolean[];
  /** How much each agent counts in agreement and rank aggregation for this method. */
  influence: number[];
  /**
   * Each agent's weight in `score`: plurality methods add it to the agent's first choice; `byzantine`
   * averages the score rows of the agents it kept with these weights (0 for the agents it dropped).
   */
  scoreWeight: Float64Array;
  f: number;
}

/**
 * Agents far from the centre: distance above the median distance plus 3 scaled MADs of the reference
 * agents (a standard outlier rule; the count it flags is not capped at f, so it can warn past f).
 */
export function suspects(dist: Float64Array, reference?: readonly number[]): boolean[] {
  const ref = reference ? Float64Array.from(reference, (i) => dist[i]!) : Float64Array.from(dist);
  const sorted = ref.sort();
  const med = median(sorted);
  const dev = Float64Array.from(sorted, (d) => Math.abs(d - med)).sort();
  const mad = 1.4826 * median(dev);
  const cut = med + 3 * Math.max(mad, 1e-9);
  return Array.from(dist, (d) => d > cut);
}

function meanOf(
  s: Float64Array,
  m: number,
  rows: readonly number[],
  weights: readonly number[],
  fallback: Float64Array,
) {
  const mean = new Float64Array(m);
  let wsum = 0;
  for (const i of rows) {
    const w = weights[i] ?? 1;
    wsum += w;
    for (let j = 0; j < m; j++) mean[j]! += w * s[i * m + j]!;
  }
  for (let j = 0; j < m; j++) mean[j] = wsum > 0 ? mean[j]! / wsum : fallback[j]!;
  return mean;
}

/** A consensus method and its options, as `aggregate` and `leader` take them. */
export interface MethodOptions {
  method: ConsensusMethod;
  aggregator: ByzantineAggregator;
  /** Share trimmed per tail (trimmed mean); raised to f/n at least. */
  trim: number;
  /** Agent weights for `weighted` (reliability × expertise) and the geometric median (reliability). */
  weights: readonly number[];
  reliability: readonly number[];
  /** Byzantine only: average the n − f agents nearest the robust centre (default) or report the raw centre. */
  refine?: boolean;
}

/**
 * The method's score per candidate and how each agent counts, everything but the ranking. `detail`
 * also gives plurality methods each agent's distance from the coordinate median, which only the
 * per-agent report uses (the byzantine filter needs its distances either way).
 */
function scoring(s: Float64Array, n: number, m: number, opts: MethodOptions, detail: boolean) {
  const f = faultBound(n);
  const fc = firstChoices(s, n, m);
  let score: Float64Array = new Float64Array(m);
  let influence: number[] = new Array<number>(n).fill(1);
  let suspected: boolean[] = new Array<boolean>(n).fill(false);
  const scoreWeight = new Float64Array(n);
  let dist = new Float64Array(n);

  if (opts.method === 'majority' || opts.method === 'weighted') {
    if (opts.method === 'weighted') influence = opts.weights.slice(0, n);
    const total = influence.reduce((a, b) => a + b, 0) || 1;
    for (let i = 0; i < n; i++) {
      scoreWeight[i] = influence[i]!;
      score[fc[i]!]! += influence[i]! / total;
    }
    if (detail) {
      const centre = coordinateMedian(s, n, m);
      for (let i = 0; i < n; i++) dist[i] = distance(s, m, i, centre);
    }
    return { f, fc, score, influence, suspected, scoreWeight, dist };
  }
  let centre: Float64Array;
  if (opts.aggregator === 'median') centre = coordinateMedian(s, n, m);
  else if (opts.aggregator === 'trimmed_mean') {
    centre = trimmedMean(s, n, m, Math.max(f, Math.floor(opts.trim * n)));
  } else if (opts.aggregator === 'geometric_median')
    centre = geometricMedian(s, n, m, opts.reliability).centre;
  else centre = krum(s, n, m, f).centre;
  for (let i = 0; i < n; i++) dist[i] = distance(s, m, i, centre);
  // Keep the n − f agents closest to the robust centre and average them (by reliability). With at
  // most f Byzantine agents, every kept one lies no farther from the centre than some honest agent,
  // so together they move the mean by at most 2·f·r/(n − f), r being the honest radius.
  const byDist = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[a]! - dist[b]! || a - b);
  let kept = byDist.slice(0, n - f);
  let mean = centre;
  let averaged = kept;
  // Two passes: the second re-centres on the agents the first trusted, which pulls the mean away
  // from attackers that slipped into the kept set when there are more of them than assumed.
  for (let pass = 0; pass < 2; pass++) {
    mean = meanOf(s, m, kept, opts.reliability, centre);
    averaged = kept;
    // Suspects are judged against the kept agents' mean and spread, which attackers cannot inflate.
    dist = new Float64Array(n);
    for (let i = 0; i < n; i++) dist[i] = distance(s, m, i, mean);
    suspected = suspects(dist, kept);
    const trusted = kept.filter((i) => !suspected[i]);
    if (trusted.length === kept.length || trusted.length === 0) break;
    kept = trusted;
  }
  influence = suspected.map((x) => (x ? 0 : 1));
  for (const i of averaged) scoreWeight[i] = opts.reliability[i] ?? 1;
  score = opts.refine === false ? Float64Array.from(centre) : mean;
  return { f, fc, score, influence, suspected, scoreWeight, dist };
}

export function aggregate(s: Float64Array, n: number, m: number, opts: MethodOptions): Aggregate {
  const { f, fc, score, influence, suspected, scoreWeight, dist } = scoring(s, n, m, opts, true);
  const votes = new Int32Array(m);
  for (let i = 0; i < n; i++) votes[fc[i]!]! += 1;
  const b = borda(s, n, m, influence);
  // Plurality methods break ties by (weighted) Borda, then by input order, so the result is unique.
  const order = Array.from({ length: m }, (_, j) => j).sort(
    (x, y) => score[y]! - score[x]! || b[y]! - b[x]! || x - y,
  );
  return {
    order,
    score,
    borda: b,
    votes,
    firstChoice: fc,
    distance: dist,
    suspected,
    influence,
    scoreWeight,
    f,
  };
}

/**
 * The method's winner, `aggregate(...).order[0]`, for callers that need nothing else (the other
 * methods' winners stored with a run, self-tuning, evolution, robustness): Borda is computed only
 * when the top score is tied, and plurality methods skip the per-agent distances.
 */
export function leader(s: Float64Array, n: number, m: number, opts: MethodOptions): number {
  const { score, influence } = scoring(s, n, m, opts, false);
  let top = 0;
  let ties = 0;
  for (let j = 1; j < m; j++) {
    if (score[j]! > score[top]!) {
      top = j;
      ties = 0;
    } else if (score[j] === score[top]) ties++;
  }
  if (ties === 0) return top;
  const b = borda(s, n, m, influence);
  let best = top;
  for (let j = top + 1; j < m; j++) if (score[j] === score[top] && b[j]! > b[best]!) best = j;
  return best;
}
