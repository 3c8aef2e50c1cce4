import { fillBoxMuller } from '../core/detMath';
import { createRng, fillUint32 } from '../core/rng';
import { CRITERIA, criteriaOf, dot, tiltedWeights } from './criteria';
import type { AgentInfo, CandidateInput, Personality } from '../contract/colony';

const K = CRITERIA.length;

/** What every agent perceived of every candidate, criterion by criterion (before any weighting). */
export interface Perception {
  n: number;
  m: number;
  /**
   * n × m × K perceived criterion values; 0 for the Byzantine agents whose votes ignore what they
   * perceive (random and colluding: `scoreMatrix` replaces their scores wholesale).
   */
  x: Float64Array;
  /** m × K true criterion values. */
  truth: Float64Array;
}

/**
 * Agents perceive each criterion with Gaussian noise that shrinks as their expertise grows. Each
 * agent draws from its own stream (run seed + agent id), so a vote never depends on evaluation order.
 */
export function perceive(
  agents: readonly AgentInfo[],
  candidates: readonly CandidateInput[],
  seed: string,
  noise: number,
): Perception {
  const n = agents.length;
  const m = candidates.length;
  const truth = new Float64Array(m * K);
  candidates.forEach((c, j) => truth.set(criteriaOf(c.features), j * K));
  const x = new Float64Array(n * m * K);
  // Per agent, its m × K draws at once, the same as m × K calls to gaussian(rng) would make them.
  const draws = new Uint32Array(2 * m * K);
  const g = new Float64Array(m * K);
  for (let i = 0; i < n; i++) {
    const a = agents[i]!;
    // Skipped, not drawn: every agent has its own stream, so no other agent's perception changes.
    if (a.role === 'byzantine' && a.strategy !== 'inverting') continue;
    const rng = createRng(seed, 'perceive', a.id);
    fillUint32(rng, draws, 2 * m * K);
    fillBoxMuller(draws, g, m * K);
    const sd = CRITERIA.map((c) => noise * (1.1 - a.expertise[c]));
    for (let j = 0; j < m; j++) {
      const base = (i * m + j) * K;
      for (let k = 0; k < K; k++) x[base + k] = truth[j * K + k]! + sd[k]! * g[j * K + k]!;
    }
  }
  return { n, m, x, truth };
}

/** True score of each candidate under the given weights. */
export function trueScores(p: Perception, w: readonly number[]): number[] {
  const out: number[] = [];
  for (let j = 0; j < p.m; j++) out.push(dot(Array.from(p.truth.subarray(j * K, j * K + K)), w));
  return out;
}

export function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}

/** The candidate colluders push: a fixed one if asked, else one drawn among those that are not truly best. */
export function pickAttackTarget(trueS: readonly number[], seed: string, fixed?: number): number {
  if (fixed !== undefined && fixed >= 0) return fixed;
  const best = argmax(trueS);
  const r = createRng(seed, 'collusion-target').int(trueS.length - 1);
  return r >= best ? r + 1 : r;
}

/**
 * Each agent's score of each candidate (n × m): its perceived criteria weighed by the request's weights
 * tilted by its personality. Byzantine agents then replace their honest scores by their strategy's.
 */
export function scoreMatrix(
  p: Perception,
  agents: readonly AgentInfo[],
  w: readonly number[],
  seed: string,
  target: number,
  personalities?: readonly Personality[],
): Float64Array {
  const { n, m, x } = p;
  const s = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const a = agents[i]!;
    const tw = tiltedWeights(w, personalities?.[i] ?? a.personality);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < m; j++) {
      const base = (i * m + j) * K;
      let v = 0;
      for (let k = 0; k < K; k++) v += tw[k]! * x[base + k]!;
      s[i * m + j] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (a.role !== 'byzantine') continue;
    if (a.strategy === 'random') {
      const rng = createRng(seed, 'byzantine', a.id);
      for (let j = 0; j < m; j++) s[i * m + j] = rng.next();
    } else if (a.strategy === 'inverting') {
      for (let j = 0; j < m; j++) s[i * m + j] = hi + lo - s[i * m + j]!;
    } else {
      // Colluders agree on one target: top marks for it, bottom marks for everything else.
      for (let j = 0; j < m; j++) s[i * m + j] = j === target ? 1 : 0;
    }
  }
  return s;
}
