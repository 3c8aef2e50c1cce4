import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { winnerStability } from './bootstrap';
import { aggregate } from './consensus';
import type { ConsensusMethod } from '../contract/colony';

const matrix = (rows: number[][]) => Float64Array.from(rows.flat());
const stability = (rows: number[][], method: ConsensusMethod, seed = 'b', resamples = 4000) => {
  const s = matrix(rows);
  const n = rows.length;
  const m = rows[0]!.length;
  const agg = aggregate(s, n, m, {
    method,
    aggregator: 'median',
    trim: 0,
    weights: rows.map(() => 1),
    reliability: rows.map(() => 1),
  });
  return winnerStability(s, n, m, method, agg, createRng(seed, 'bootstrap'), resamples);
};

/** P(X ≥ k) for X ~ Binomial(n, p). */
function binomialTail(n: number, p: number, k: number): number {
  let total = 0;
  for (let x = k; x <= n; x++) {
    let c = 1;
    for (let i = 0; i < x; i++) c = (c * (n - i)) / (i + 1);
    total += c * p ** x * (1 - p) ** (n - x);
  }
  return total;
}

const twoAgainstOne = [
  [0.9, 0.1],
  [0.8, 0.3],
  [0.2, 0.7],
];

describe('bootstrap confidence (winner stability over resampled agents)', () => {
  it('is 1 when every agent puts the winner first', () => {
    const rows = [
      [0.9, 0.1, 0.3],
      [0.7, 0.2, 0.6],
      [0.8, 0.5, 0.1],
      [0.6, 0.4, 0.5],
    ];
    for (const method of ['majority', 'weighted', 'byzantine'] as const) {
      expect(stability(rows, method, 'b', 300)).toBe(1);
    }
  });

  it('matches the binomial answer for plurality: 2 of 3 agents back the winner', () => {
    // The winner survives a resample of 3 agents when at least 2 of the draws are its backers.
    const exact = binomialTail(3, 2 / 3, 2);
    expect(exact).toBeCloseTo(20 / 27, 12);
    expect(Math.abs(stability(twoAgainstOne, 'majority') - exact)).toBeLessThan(0.03);
  });

  it('drops less when the margin is wider (7 agents: 4 vs 3, then 6 vs 1)', () => {
    const split = (backers: number) =>
      Array.from({ length: 7 }, (_, i) => (i < backers ? [0.8, 0.2] : [0.3, 0.6]));
    const narrow = stability(split(4), 'majority');
    const wide = stability(split(6), 'majority');
    expect(Math.abs(narrow - binomialTail(7, 4 / 7, 4))).toBeLessThan(0.03);
    expect(Math.abs(wide - binomialTail(7, 6 / 7, 4))).toBeLessThan(0.03);
    expect(wide).toBeGreaterThan(narrow + 0.2);
  });

  it('for byzantine, counts only the agents the robust filter kept', () => {
    // Five honest agents prefer candidate 0; two colluders give candidate 1 full marks.
    const rows = [
      [0.8, 0.4],
      [0.75, 0.45],
      [0.82, 0.38],
      [0.78, 0.42],
      [0.79, 0.41],
      [0, 1],
      [0, 1],
    ];
    expect(stability(rows, 'byzantine')).toBe(1);
    // Plurality counts the colluders: the winner holds only when at least 4 of the 7 draws are honest.
    expect(Math.abs(stability(rows, 'majority') - binomialTail(7, 5 / 7, 4))).toBeLessThan(0.03);
  });

  it('is deterministic under its stream and moves with another stream', () => {
    const a = stability(twoAgainstOne, 'majority', 'x', 200);
    expect(stability(twoAgainstOne, 'majority', 'x', 200)).toBe(a);
    const others = ['y', 'z', 'w'].map((seed) => stability(twoAgainstOne, 'majority', seed, 200));
    expect(others.some((v) => v !== a)).toBe(true);
  });
});
