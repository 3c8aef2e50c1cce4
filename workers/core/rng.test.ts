import { describe, expect, it } from 'vitest';
import { createRng, cyrb128, fillInt, fillUint32, shuffled, type Rng } from './rng';

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

  it('fillInt() gives the same numbers as int(), and leaves the stream where int() would', () => {
    // 3 and 2^31 − 1 reject some draws (2^32 is not a multiple of them); 1 and 2^20 never do.
    for (const max of [1, 3, 1000, 1048576, 2147483647]) {
      const a = createRng('fill', max);
      const b = createRng('fill', max);
      const out = new Int32Array(5000);
      fillInt(a, out, 5000, max);
      expect(Array.from(out)).toEqual(Array.from({ length: 5000 }, () => b.int(max)));
      expect(a.uint32()).toBe(b.uint32());
    }
    // Any other Rng is drawn call by call.
    const inner = createRng('other');
    const wrapped: Rng = { next: () => inner.next(), uint32: () => inner.uint32(), int: (k) => inner.int(k) };
    const out = new Int32Array(10);
    fillInt(wrapped, out, 10, 7);
    const again = createRng('other');
    expect(Array.from(out)).toEqual(Array.from({ length: 10 }, () => again.int(7)));
    expect(() => fillInt(createRng('x'), out, 1, 2 ** 31)).toThrow(RangeError);
  });

  it('fillUint32() gives the same numbers as uint32(), and leaves the stream where uint32() would', () => {
    const a = createRng('fill32');
    const b = createRng('fill32');
    const out = new Uint32Array(5000);
    fillUint32(a, out, 4999);
    expect(Array.from(out.subarray(0, 4999))).toEqual(Array.from({ length: 4999 }, () => b.uint32()));
    expect(out[4999]).toBe(0);
    expect(Array.from(out).some((x) => x >= 2 ** 31)).toBe(true);
    expect(a.uint32()).toBe(b.uint32());
    const inner = createRng('other32');
    const wrapped: Rng = { next: () => inner.next(), uint32: () => inner.uint32(), int: (k) => inner.int(k) };
    fillUint32(wrapped, out, 10);
    const again = createRng('other32');
    expect(Array.from(out.subarray(0, 10))).toEqual(Array.from({ length: 10 }, () => again.uint32()));
  });
});
