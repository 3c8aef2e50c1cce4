import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, faultBound, leader, type MethodOptions } from './consensus';
import { condorcet, borda } from './rankAggregation';
import { krum } from './krum';
import { coordinateMedian, geometricMedian, trimmedMean } from './robust';
import type { ByzantineAggregator } from '../contract/colony';

const matrix = (rows: number[][]) => Float64Array.from(rows.flat());
const run = (
  rows: number[][],
  method: 'majority' | 'weighted' | 'byzantine',
  extra: Partial<Parameters<typeof aggregate>[3]> = {},
) =>
  aggregate(matrix(rows), rows.length, rows[0]!.length, {
    method,
    aggregator: 'trimmed_mean',
    trim: 0,
    weights: rows.map(() => 1),
    reliability: rows.map(() => 1),
    ...extra,
  });

describe('consensus methods on hand-made cases', () => {
  it('majority is the plurality of first choices, ties broken by Borda then input order', () => {
    const a = run(
      [
        [0.9, 0.1, 0.2],
        [0.8, 0.3, 0.1],
        [0.1, 0.9, 0.5],
        [0.2, 0.6, 0.1],
        [0.7, 0.2, 0.6],
      ],
      'majority',
    );
    expect(a.order[0]).toBe(0);
    expect(Array.from(a.votes)).toEqual([3, 2, 0]);
    // 2 votes each; candidate 1 is everyone's second choice, so Borda breaks the tie for it.
    const t = run(
      [
        [0.9, 0.5, 0.1],
        [0.9, 0.5, 0.1],
        [0.1, 0.5, 0.9],
        [0.1, 0.5, 0.9],
        [0.4, 0.9, 0.3],
        [0.2, 0.9, 0.1],
      ],
      'majority',
    );
    expect(Array.from(t.votes)).toEqual([2, 2, 2]);
    expect(t.order[0]).toBe(1);
    const tie = run(
      [
        [1, 0],
        [0, 1],
      ],
      'majority',
    );
    expect(tie.order).toEqual([0, 1]);
  });

  it('weighted counts each first choice by the agent weight', () => {
    const rows = [
      [0.9, 0.1],
      [0.8, 0.2],
      [0.1, 0.9],
    ];
    expect(run(rows, 'weighted').order[0]).toBe(0);
    expect(run(rows, 'weighted', { weights: [0.2, 0.2, 1] }).order[0]).toBe(1);
  });

  it.each<ByzantineAggregator>(['median', 'trimmed_mean', 'geometric_median', 'krum'])(
    'byzantine (%s) resists 3 colluders out of 10 and names them',
    (aggregator) => {
      const honest = [0.8, 0.75, 0.85, 0.7, 0.8, 0.78, 0.82].map((x, i) => [
        x,
        0.5 + (i % 3) * 0.02,
        0.3 - (i % 2) * 0.02,
      ]);
      const rows = [...honest, [0, 0, 1], [0, 0, 1], [0, 0, 1]];
      expect(faultBound(10)).toBe(3);
      expect(run(rows, 'majority').order[0]).toBe(0); // 7 honest still a plurality…
      const a = run(rows, 'byzantine', { aggregator });
      expect(a.order).toEqual([0, 1, 2]);
      expect(a.suspected.map((s, i) => (s ? i : -1)).filter((i) => i >= 0)).toEqual([7, 8, 9]);
      // Honest agents split their first choices; three colluders then win a plurality, not the robust vote.
      const split = [
        [0.8, 0.7, 0.2, 0.7, 0.7],
        [0.8, 0.7, 0.2, 0.7, 0.7],
        [0.75, 0.78, 0.2, 0.7, 0.7],
        [0.75, 0.78, 0.2, 0.7, 0.7],
        [0.75, 0.7, 0.2, 0.78, 0.7],
        [0.75, 0.7, 0.2, 0.78, 0.7],
        [0.75, 0.7, 0.2, 0.7, 0.78],
      ];
      const attack = [0, 0, 1, 0, 0];
      const rows2 = [...split, attack, attack, attack];
      expect(run(rows2, 'majority').order[0]).toBe(2);
      expect(run(rows2, 'byzantine', { aggregator }).order[0]).toBe(0);
    },
  );

  it('robust aggregates compute the textbook values', () => {
    const s = matrix([
      [1, 10],
      [2, 20],
      [3, 30],
      [100, -100],
    ]);
    expect(Array.from(coordinateMedian(s, 4, 2))).toEqual([2.5, 15]);
    expect(Array.from(trimmedMean(s, 4, 2, 1))).toEqual([2.5, 15]);
    const sq = matrix([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
    ]);
    const g = geometricMedian(sq, 4, 2, [1, 1, 1, 1]).centre;
    expect(g[0]).toBeCloseTo(1, 9);
    expect(g[1]).toBeCloseTo(1, 9);
    const k = krum(
      matrix([
        [0, 0],
        [0.1, 0],
        [0, 0.1],
        [0.1, 0.1],
        [0.05, 0.05],
        [0.02, 0.08],
        [9, 9],
      ]),
      7,
      2,
      2,
    );
    expect(k.selected).not.toContain(6);
    expect(k.centre[0]).toBeLessThan(0.2);
  });

  it('Borda and the Condorcet check', () => {
    const s = matrix([
      [3, 2, 1],
      [3, 2, 1],
      [1, 3, 2],
    ]);
    expect(Array.from(borda(s, 3, 3, [1, 1, 1])).map((x) => +x.toFixed(4))).toEqual([0.6667, 0.6667, 0.1667]);
    expect(condorcet(s, 3, 3, () => true)).toEqual({ winner: 0, smith: [0] });
    // The classic cycle: a > b > c, b > c > a, c > a > b.
    const cyc = matrix([
      [3, 2, 1],
      [1, 3, 2],
      [2, 1, 3],
    ]);
    expect(condorcet(cyc, 3, 3, () => true)).toEqual({ winner: null, smith: [0, 1, 2] });
  });

  it('leader() names the candidate aggregate() ranks first, ties included', () => {
    const choices: Array<Pick<MethodOptions, 'method' | 'aggregator'>> = [
      { method: 'majority', aggregator: 'median' },
      { method: 'weighted', aggregator: 'median' },
      { method: 'byzantine', aggregator: 'median' },
      { method: 'byzantine', aggregator: 'trimmed_mean' },
      { method: 'byzantine', aggregator: 'geometric_median' },
      { method: 'byzantine', aggregator: 'krum' },
    ];
    // Few distinct values and repeated rows, so top scores and Borda points often tie.
    const cases = fc.record({
      n: fc.integer({ min: 1, max: 25 }),
      m: fc.integer({ min: 1, max: 12 }),
      values: fc.array(fc.constantFrom(0, 0.25, 0.5, 1), { minLength: 60, maxLength: 60 }),
      pick: fc.array(fc.nat({ max: 4 }), { minLength: 25, maxLength: 25 }),
      weights: fc.array(fc.constantFrom(0.5, 1, 2), { minLength: 25, maxLength: 25 }),
    });
    fc.assert(
      fc.property(cases, ({ n, m, values, pick, weights }) => {
        // Agent i's row is row pick[i] of a pool of five.
        const s = Float64Array.from(
          { length: n * m },
          (_, q) => values[pick[Math.floor(q / m)]! * m + (q % m)]!,
        );
        for (const c of choices) {
          const opts = { ...c, trim: 0, weights, reliability: weights };
          expect(leader(s, n, m, opts)).toBe(aggregate(s, n, m, opts).order[0]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
