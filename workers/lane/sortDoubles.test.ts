import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { SortScratch, sortDoubles } from './sortDoubles';

/** The same bits as the typed array's own sort: compared as integers, so -0 and +0 differ. */
function expectSameBits(xs: Float64Array): void {
  const want = xs.slice().sort();
  const got = sortDoubles(xs.slice());
  expect(Array.from(new Uint32Array(got.buffer))).toEqual(Array.from(new Uint32Array(want.buffer)));
}

describe('sortDoubles', () => {
  it('gives the typed array sort order bit for bit: signs, zeros, ties, extremes', () => {
    const rng = createRng('sort-doubles');
    const special = [
      0,
      -0,
      1,
      -1,
      Infinity,
      -Infinity,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      2.2250738585072014e-308,
      0.1,
      0.1,
      -0.1,
    ];
    for (const n of [0, 1, 7, 255, 256, 257, 1000, 20_000]) {
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rng.next();
        // Mixed scales and signs, a share of exact ties and special values.
        xs[i] =
          u < 0.1
            ? special[Math.floor(rng.next() * special.length)]!
            : u < 0.2
              ? Math.floor(rng.next() * 10) - 5
              : (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 40 - 20);
      }
      expectSameBits(xs);
    }
  });

  it('sorts in place, a view into a larger buffer included, and skips digits every value shares', () => {
    const buf = new Float64Array(1000);
    for (let i = 0; i < buf.length; i++) buf[i] = 1 + ((i * 7919) % 1000) / 1024;
    const view = buf.subarray(100, 900);
    const want = view.slice().sort();
    expect(sortDoubles(view)).toBe(view);
    expect(Array.from(view)).toEqual(Array.from(want));
    expect(buf[0]).toBe(1);
    expect(buf[999]).toBe(1 + ((999 * 7919) % 1000) / 1024);
  });

  it('orders values that share their high word by their low word, in short runs and in long ones', () => {
    const rng = createRng('sort-doubles-low-words');
    // Short runs: a few values per high word, as in a large branch's outcomes.
    const short = Float64Array.from(
      { length: 5000 },
      () => 100 + Math.floor(rng.next() * 2000) / 1024 + rng.next() * 2 ** -34,
    );
    expectSameBits(short);
    // Long runs: every value in a handful of high words, differing only in the low word (the
    // insertion pass gives up and the low word's digits are sorted too), with ties and both signs.
    const long = Float64Array.from({ length: 3000 }, (_, i) => {
      const v = (1 + Math.floor(rng.next() * 3)) * (1 + Math.floor(rng.next() * 4096) * 2 ** -52);
      return i % 2 ? v : -v;
    });
    expectSameBits(long);
  });

  it('falls back to the typed array sort for a column holding a NaN (NaN last)', () => {
    const xs = new Float64Array(600);
    for (let i = 0; i < xs.length; i++) xs[i] = i % 50 === 0 ? NaN : 300 - i;
    const got = sortDoubles(xs.slice());
    expect(Number.isNaN(got[got.length - 1]!)).toBe(true);
    expectSameBits(xs);
  });

  it('gives the same order with kept buffers and histograms, from one sort to the next, longer and shorter', () => {
    const rng = createRng('sort-scratch');
    const scratch = new SortScratch();
    // Shorter after longer: the kept buffers hold the last sort's keys past the new length.
    for (const n of [5000, 300, 20_000, 1000, 20_000]) {
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 12 - 6);
      const want = xs.slice().sort();
      const got = sortDoubles(xs, scratch);
      expect(got).toBe(xs);
      expect(Array.from(new Uint32Array(got.buffer))).toEqual(Array.from(new Uint32Array(want.buffer)));
    }
  });
});
