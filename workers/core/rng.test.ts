import { describe, expect, it } from 'vitest';
import { createRng, cyrb128, shuffled } from './rng';

describe('rng', () => {
  it('is deterministic for the same seed parts', () => {
    const a = createRng('run', 42);
    const b = createRng('run', 42);
    const xs = Array.from({ length: 100 }, () => a.uint32());
    const ys = Array.from({ length: 100 }, () => b.uint32());
    expect(xs).toEqual(ys);
  });

  it('gives different streams for different parts, including type', () => {
    expect(createRng('run', 1).uint32()).not.toBe(createRng('run', 2).uint32());
    expect(createRng('1').uint32()).not.toBe(createRng(1).uint32());
  });

  it('pins the first outputs so an upgrade cannot silently change shared links', () => {
    expect(cyrb128('dreamlane')).toEqual(cyrb128('dreamlane'));
    const r = createRng('golden');
    const first = [r.uint32(), r.uint32(), r.uint32()];
    // Golden values recorded from this implementation; a change here changes every shared result.
    expect(first).toMatchInlineSnapshot(`
      [
        704675541,
        1365460455,
        2819619964,
      ]
    `);
  });

  it('next() is uniform in [0,1) with the right mean and variance', () => {
    const r = createRng('uniform');
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      sum += x;
      sq += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sq / n - mean * mean).toBeCloseTo(1 / 12, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('int() is unbiased over small bounds and rejects bad bounds', () => {
    const r = createRng('int');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.int(3)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(1.5)).toThrow(RangeError);
  });

  it('shuffled() permutes without losing items', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const s = shuffled(items, createRng('shuffle'));
    expect([...s].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
