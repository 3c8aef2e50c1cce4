import { describe, expect, it } from 'vitest';
import { silentOperation } from '../core/operation';
import { createRng } from '../core/rng';
import { generateAgents } from './agents';
import { faultBound } from './consensus';
import { normalizeWeights } from './criteria';
import { ALL_METHODS, methodLabel, runMethod, scoreRequest, verdictOf } from './evaluate';
import { argmax } from './perception';
import { robustnessCurve } from './robustness';
import { syntheticCandidates } from './synthetic';
import type { CandidateInput } from '../contract/colony';

const SEEDS = 200;
const colony = (
  seed: string,
  share: number,
  size = 31,
  noise = 0.5,
  strategy: 'colluding' | 'random' = 'colluding',
) => {
  const config = {
    size,
    expertiseLevel: 0.5,
    expertiseStyle: 'mixed' as const,
    personalitySpread: 0.5,
    byzantineShare: share,
    byzantineStrategy: strategy,
    noise,
    seed,
  };
  return { config, agents: generateAgents(config) };
};

describe('robustness over many seeds', () => {
  it('with colluders below n/3, byzantine finds the truly best far more often than majority', async () => {
    // 9 colluders of 31 (f = 10). Each seed: a fresh colony, fresh candidates, truth from the features.
    expect(Math.round(0.29 * 31)).toBeLessThanOrEqual(faultBound(31));
    const res = await robustnessCurve(
      {
        size: 31,
        candidates: 5,
        shares: [0.29],
        seeds: SEEDS,
        strategy: 'colluding',
        noise: 0.5,
        expertiseLevel: 0.5,
        personalitySpread: 0.5,
        seed: 'prop',
      },
      silentOperation(),
    );
    const acc = res.points[0]!.accuracy;
    // With 200 seeds the standard error of an accuracy is at most 0.035; the margins asked are 5–6 of them.
    expect(acc.trimmed_mean! - acc.majority!).toBeGreaterThan(0.2);
    for (const m of ['median', 'trimmed_mean', 'geometric_median', 'krum'])
      expect(acc[m]! - acc.majority!).toBeGreaterThan(0.2);
    expect(acc.trimmed_mean).toBeGreaterThan(0.7);
  });

  it('without attackers, every method agrees on clear cases (and picks the truth)', () => {
    let agreed = 0;
    for (let s = 0; s < SEEDS; s++) {
      const { config, agents } = colony(`clear-${s}`, 0, 21, 0.3);
      const rng = createRng('clear', s);
      // One candidate dominates on every feature; the others are drawn from the weak half.
      const star = rng.int(5);
      const candidates: CandidateInput[] = Array.from({ length: 5 }, (_, j) => ({
        id: `c${j}`,
        label: `c${j}`,
        features:
          j === star
            ? { utility: 0.9, risk: 0.1, novelty: 0.85, confidence: 0.9 }
            : {
                utility: rng.next() * 0.5,
                risk: 0.5 + rng.next() * 0.5,
                novelty: rng.next() * 0.5,
                confidence: rng.next() * 0.5 + 0.2,
              },
      }));
      const sc = scoreRequest({
        agents,
        config,
        candidates,
        weights: normalizeWeights(undefined),
        seed: `r${s}`,
      });
      const winners = new Set(ALL_METHODS.map((c) => runMethod(sc, c).order[0]));
      if (winners.size === 1 && winners.has(star) && argmax(sc.truth) === star) agreed++;
    }
    expect(agreed).toBe(SEEDS);
  });

  it('names the colluders as suspected, with few honest agents flagged', () => {
    let caught = 0;
    let colluders = 0;
    let falseFlags = 0;
    let honest = 0;
    for (let s = 0; s < SEEDS; s++) {
      const { config, agents } = colony(`sus-${s}`, 0.29);
      const sc = scoreRequest({
        agents,
        config,
        candidates: syntheticCandidates(5, 'sus', s),
        weights: normalizeWeights(undefined),
        seed: `r${s}`,
      });
      const a = runMethod(sc, { method: 'byzantine', aggregator: 'trimmed_mean' });
      agents.forEach((ag, i) => {
        if (ag.role === 'byzantine') {
          colluders++;
          if (a.suspected[i]) caught++;
        } else {
          honest++;
          if (a.suspected[i]) falseFlags++;
        }
      });
    }
    expect(caught / colluders).toBeGreaterThan(0.95);
    expect(falseFlags / honest).toBeLessThan(0.05);
  });

  it('warns when the suspected agents exceed f', () => {
    // 14 random voters of 31 (f = 10) next to a precise honest crowd: each one stands out.
    let warned = 0;
    for (let s = 0; s < 50; s++) {
      const { config, agents } = colony(`many-${s}`, 0.45, 31, 0.15, 'random');
      const sc = scoreRequest({
        agents,
        config,
        candidates: syntheticCandidates(5, 'many', s),
        weights: normalizeWeights(undefined),
        seed: `r${s}`,
      });
      const v = verdictOf(sc, { method: 'byzantine', aggregator: 'median' });
      expect(v.warnings.map((w) => w.code)).toContain('byzantine_share_above_bound');
      if (v.warnings.some((w) => w.code === 'suspected_above_f')) warned++;
      expect(v.suspected.length > v.f).toBe(v.warnings.some((w) => w.code === 'suspected_above_f'));
    }
    expect(warned).toBeGreaterThan(40);
  });

  it('labels methods for the chart', () => {
    expect(ALL_METHODS.map(methodLabel)).toEqual([
      'majority',
      'weighted',
      'median',
      'trimmed_mean',
      'geometric_median',
      'krum',
    ]);
  });
});
