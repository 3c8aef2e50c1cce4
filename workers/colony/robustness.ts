import type { Operation } from '../core/operation';
import { generateAgents } from './agents';
import { normalizeWeights } from './criteria';
import { ALL_METHODS, methodLabel, scoreRequest, winnerIndex, type MethodChoice } from './evaluate';
import { argmax } from './perception';
import { syntheticCandidates } from './synthetic';
import type { ByzantineStrategy, RobustnessPoint, RobustnessResult } from '../contract/colony';

/** The methods the robustness view compares: every aggregate, plus the raw coordinate median for contrast. */
export const ROBUSTNESS_METHODS: readonly MethodChoice[] = [
  ...ALL_METHODS,
  { method: 'byzantine', aggregator: 'median', refine: false },
];

/**
 * The study's defaults, chosen so the curve teaches the property. Honest agents must agree on the
 * best candidate once their scores are pooled (expertise 0.6, noise 0.4, mild personality tilt), yet
 * still split their first choices, which is all majority sees: then a block of colluders below n/3
 * sways majority but not the robust aggregates. At 31 agents (f = 10), with 300 seeds, the robust
 * methods stay near 0.87 up to share 0.4 while majority falls to about 0.62 at share 0.3. The free
 * plan's 10 agents (f = 3) show the same shape with a smaller gap (about 0.79 against 0.56 at 0.3).
 */
export const ROBUSTNESS_DEFAULTS = {
  size: 31,
  candidates: 5,
  shares: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
  seeds: 300,
  strategy: 'colluding' as ByzantineStrategy,
  noise: 0.4,
  expertiseLevel: 0.6,
  personalitySpread: 0.3,
};

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
    /** Expertise of every agent: higher expertise means less perception noise. */
    expertiseLevel: number;
    /** How far personalities tilt each agent's criterion weights away from the request's. */
    personalitySpread: number;
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
        expertiseLevel: opts.expertiseLevel,
        expertiseStyle: 'mixed' as const,
        personalitySpread: opts.personalitySpread,
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
        if (winnerIndex(sc, c) === best) hits[k]! += 1;
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
    noise: opts.noise,
    expertiseLevel: opts.expertiseLevel,
    personalitySpread: opts.personalitySpread,
    methods,
    points,
  };
}
