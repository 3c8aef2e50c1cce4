import type { Operation } from '../core/operation';
import { generateAgents } from './agents';
import { normalizeWeights } from './criteria';
import { ALL_METHODS, methodLabel, runMethod, scoreRequest, type MethodChoice } from './evaluate';
import { argmax } from './perception';
import { syntheticCandidates } from './synthetic';
import type { ByzantineStrategy, RobustnessPoint, RobustnessResult } from './types';

/** The methods the robustness view compares: every aggregate, plus the raw coordinate median for contrast. */
export const ROBUSTNESS_METHODS: readonly MethodChoice[] = [
  ...ALL_METHODS,
  { method: 'byzantine', aggregator: 'median', refine: false },
];

/**
 * Accuracy of each method (share of seeds where it picks the truly best candidate) against the share
 * of Byzantine agents. Every seed gets a fresh colony and a fresh candidate set.
 */
export async function robustnessCurve(
  opts: {
    size: number;
    candidates: number;
    shares: number[];
    seeds: number;
    strategy: ByzantineStrategy;
    noise: number;
    seed: string;
  },
  op: Operation,
): Promise<RobustnessResult> {
  const weights = normalizeWeights(undefined);
  const methods = ROBUSTNESS_METHODS.map(methodLabel);
  const points: RobustnessPoint[] = [];
  const total = opts.shares.length * opts.seeds;
  let done = 0;
  for (const share of opts.shares) {
    const hits = new Array<number>(methods.length).fill(0);
    for (let s = 0; s < opts.seeds; s++) {
      const config = {
        size: opts.size,
        expertiseLevel: 0.5,
        expertiseStyle: 'mixed' as const,
        personalitySpread: 0.5,
        byzantineShare: share,
        byzantineStrategy: opts.strategy,
        noise: opts.noise,
        seed: `${opts.seed}/colony/${s}`,
      };
      const agents = generateAgents(config);
      const candidates = syntheticCandidates(opts.candidates, opts.seed, 'problem', s);
      const sc = scoreRequest({ agents, config, candidates, weights, seed: `${opts.seed}/run/${s}` });
      const best = argmax(sc.truth);
      ROBUSTNESS_METHODS.forEach((c, k) => {
        if (runMethod(sc, c).order[0] === best) hits[k]! += 1;
      });
      done++;
      if (done % 10 === 0) {
        op.progress(`share ${share.toFixed(2)}`, done, total);
        await op.checkpoint();
      }
    }
    points.push({ share, accuracy: Object.fromEntries(methods.map((m, k) => [m, hits[k]! / opts.seeds])) });
  }
  op.progress('done', total, total);
  return {
    size: opts.size,
    candidates: opts.candidates,
    seeds: opts.seeds,
    strategy: opts.strategy,
    methods,
    points,
  };
}
