import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../core/rng';
import { averagedStability } from './averagedResamples';
import { generateAgents } from './agents';
import { normalizeWeights } from './criteria';
import { runMethod, scoreRequest } from './evaluate';
import { syntheticCandidates } from './synthetic';
import { colludingColony } from './testColonies';

/** The resampling as first written: every candidate summed in every resample. */
function everyCandidate(
  s: Float64Array,
  n: number,
  m: number,
  win: number,
  weight: Float64Array,
  rng: Rng,
  resamples: number,
): number {
  const total = new Float64Array(m);
  let stays = 0;
  let informative = 0;
  for (let b = 0; b < resamples; b++) {
    total.fill(0);
    let counted = 0;
    for (let d = 0; d < n; d++) {
      const i = rng.int(n);
      const w = weight[i]!;
      if (w <= 0) continue;
      counted += w;
      for (let j = 0; j < m; j++) total[j]! += w * s[i * m + j]!;
    }
    if (counted <= 0) continue;
    informative++;
    let beaten = false;
    for (let j = 0; j < m && !beaten; j++) beaten = total[j]! > total[win]!;
    if (!beaten) stays++;
  }
  return informative > 0 ? stays / informative : 0;
}

const both = (
  s: Float64Array,
  n: number,
  m: number,
  win: number,
  weight: Float64Array,
  resamples: number,
) => [
  averagedStability(s, n, m, win, weight, createRng('r', 'bootstrap'), resamples),
  everyCandidate(s, n, m, win, weight, createRng('r', 'bootstrap'), resamples),
];

describe('bootstrap stability of an averaged score skips only candidates that cannot win', () => {
  it('gives the same share as summing every candidate, on small matrices with ties', () => {
    const rows = fc.array(fc.constantFrom(0, -0, 0.25, 0.5, 1, 3), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        rows,
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.array(fc.constantFrom(0, 0.5, 1, 2.25), { minLength: 30, maxLength: 30 }),
        fc.nat(),
        (n, row, pick, ws, w) => {
          const m = row.length;
          // Each agent's row is the shared one shifted by a per-agent pattern, so some rows tie.
          const s = Float64Array.from(
            { length: n * m },
            (_, q) => row[(q + pick[q % n]!) % m]! * (1 + (q % 3)),
          );
          const weight = Float64Array.from({ length: n }, (_, i) => ws[i]!);
          const [fast, slow] = both(s, n, m, w % m, weight, 60);
          expect(fast).toBe(slow);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same share on real colonies, where most candidates are skipped', () => {
    for (const [n, m, seed] of [
      [300, 40, 'a'],
      [120, 12, 'b'],
      [500, 60, 'c'],
    ] as const) {
      const config = colludingColony(n, `resample-${seed}`);
      const sc = scoreRequest({
        agents: generateAgents(config),
        config,
        candidates: syntheticCandidates(m, seed, m),
        weights: normalizeWeights(undefined),
        seed,
      });
      const agg = runMethod(sc, { method: 'byzantine', aggregator: 'median' });
      // The winner, and runners-up the resamples often promote.
      for (const win of agg.order.slice(0, 3)) {
        const [fast, slow] = both(sc.scores, n, m, win, agg.scoreWeight, 200);
        expect(fast).toBe(slow);
      }
    }
  });

  it('sums every candidate when scores are not finite', () => {
    const s = Float64Array.from([1, 0, Infinity, 0.5, NaN, 0.2, 0.3, 0.9, -Infinity, 0.4, 0.6, 0.7]);
    const weight = Float64Array.from([1, 1, 0.5, 2]);
    for (let win = 0; win < 3; win++) {
      const [fast, slow] = both(s, 4, 3, win, weight, 100);
      expect(fast).toBe(slow);
    }
  });
});
