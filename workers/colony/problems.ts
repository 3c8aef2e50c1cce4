import { weightVector } from './criteria';
import { argmax, perceive, pickAttackTarget, trueScores, type Perception } from './perception';
import { syntheticCandidates } from './synthetic';
import type { AgentInfo, CandidateInput, CriteriaWeights } from '../contract/colony';
import type { StoredRun } from './store';

/** One decision with a known right answer, for tuning and evolution. Perception is computed once. */
export interface Problem {
  candidates: CandidateInput[];
  seed: string;
  perception: Perception;
  truthBest: number;
  target: number;
}

export function syntheticProblems(
  agents: readonly AgentInfo[],
  noise: number,
  truthWeights: CriteriaWeights,
  count: number,
  m: number,
  ...seed: string[]
): Problem[] {
  const tw = weightVector(truthWeights);
  return Array.from({ length: count }, (_, k) => {
    const pseed = [...seed, 'problem', String(k)].join('/');
    const candidates = syntheticCandidates(m, pseed);
    const perception = perceive(agents, candidates, pseed, noise);
    const truth = trueScores(perception, tw);
    return {
      candidates,
      seed: pseed,
      perception,
      truthBest: argmax(truth),
      target: pickAttackTarget(truth, pseed),
    };
  });
}

/** Recorded outcomes as problems: the run's candidates and seed, and what actually turned out best. */
export function outcomeProblems(
  agents: readonly AgentInfo[],
  noise: number,
  rows: Array<{ run: StoredRun; best: string }>,
): Problem[] {
  return rows.flatMap(({ run, best }) => {
    const candidates = run.request.candidates;
    const truthBest = candidates.findIndex((c) => c.id === best);
    if (truthBest < 0) return [];
    const perception = perceive(agents, candidates, run.seed, noise);
    const fixed =
      run.request.attackTarget === null ? -1 : candidates.findIndex((c) => c.id === run.request.attackTarget);
    const target = pickAttackTarget(
      trueScores(perception, weightVector(run.request.weights)),
      run.seed,
      fixed >= 0 ? fixed : undefined,
    );
    return [{ candidates, seed: run.seed, perception, truthBest, target }];
  });
}
