import { badInput } from '../core/errors';
import { createRng } from '../core/rng';
import { requireOneOf } from '../runtime/validate';
import type { Db } from '../store/db';
import { normalizeWeights } from './criteria';
import { outcomeProblems, syntheticProblems, type Problem } from './problems';
import { outcomeRuns } from './store';
import type { ColonyDetail, CriteriaWeights } from '../contract/colony';

/** The hidden criteria weights of a synthetic world, drawn from the seed. */
export function hiddenWeights(seed: string): CriteriaWeights {
  const r = createRng(seed, 'hidden-truth');
  return normalizeWeights({
    accuracy: r.next() + 0.05,
    creativity: r.next() + 0.05,
    safety: r.next() + 0.05,
    user_satisfaction: r.next() + 0.05,
  });
}

/**
 * The problems tuning and evolution are scored on: the recorded outcomes, or a synthetic world whose
 * truth the simulation knows. Training and held-out problems never overlap.
 */
export function truthProblems(
  db: Db,
  colony: ColonyDetail,
  o: Record<string, unknown>,
  seed: string,
  count: number,
  m: number,
): { train: Problem[]; heldOut: Problem[]; weights: CriteriaWeights } {
  const truth =
    o.truth === undefined ? 'synthetic' : requireOneOf(o.truth, 'truth', ['synthetic', 'outcomes'] as const);
  if (truth === 'outcomes') {
    const all = outcomeProblems(colony.agents, colony.config.noise, outcomeRuns(db, colony.id));
    if (all.length < 4)
      throw badInput('Record at least 4 outcomes first, or tune against a synthetic truth.');
    // Every other outcome is held out, so the check never sees the problems the search was scored on.
    return {
      train: all.filter((_, i) => i % 2 === 0),
      heldOut: all.filter((_, i) => i % 2 === 1),
      weights: normalizeWeights(undefined),
    };
  }
  const weights =
    o.truthWeights === undefined
      ? hiddenWeights(seed)
      : normalizeWeights(o.truthWeights as Partial<CriteriaWeights>);
  const { agents, config } = colony;
  return {
    train: syntheticProblems(agents, config.noise, weights, count, m, seed, 'train'),
    heldOut: syntheticProblems(agents, config.noise, weights, count, m, seed, 'held-out'),
    weights,
  };
}
