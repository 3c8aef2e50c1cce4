import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { histogram, pearson, ranks, spearmanRanked } from './stats';

/** The index sort ranks() used to be: sort indices by value, then give each run of equal values its mean rank. */
function ranksByIndexSort(xs: Float64Array): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]!] === xs[order[i]!]) j++;
    for (let k = i; k <= j; k++) out[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

describe('ranks', () => {
  it('matches the index sort, ties (and -0 beside 0) included', () => {
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1, -1, 0.5),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      // The whole range of doubles: infinities, subnormals, both signs of every exponent.
      fc.double({ noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (arr) => {
        const xs = Float64Array.from(arr);
        expect(Array.from(ranks(xs))).toEqual(Array.from(ranksByIndexSort(xs)));
      }),
      { numRuns: 300 },
    );
  });

  it('ranks long columns of a few repeated values as the index sort does', () => {
    const xs = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 13) - 6 + (i % 3 === 0 ? 0.5 : 0));
    expect(Array.from(ranks(xs))).toEqual(Array.from(ranksByIndexSort(xs)));
  });

  it('ranks values that share their high word by their low word, in short runs and in long ones', () => {
    // Short runs (a few values per high word) and long ones (values differing only in their last
    // bits, where sorting the low word by insertion gives up), both with exact ties.
    const short = Float64Array.from(
      { length: 3000 },
      (_, i) => 100 + ((i * 7919) % 2000) / 1024 + (i % 5) * 2 ** -40,
    );
    expect(Array.from(ranks(short))).toEqual(Array.from(ranksByIndexSort(short)));
    const long = Float64Array.from(
      { length: 3000 },
      (_, i) => (i % 2 ? -1 : 1) * (1 + ((i * 7919) % 1500) * 2 ** -52),
    );
    expect(Array.from(ranks(long))).toEqual(Array.from(ranksByIndexSort(long)));
  });

  it('keeps the rank a column with a NaN has always had (by typed sort and binary search)', () => {
    expect(Array.from(ranks(Float64Array.of(NaN, 1, 0)))).toEqual([2, 2.5, 1]);
  });
});

describe('spearmanRanked', () => {
  it('gives the very double pearson(ranks(x), ranks(y)) gives: continuous, tied, constant and NaN columns', () => {
    const rng = createRng('spearman-ranked');
    for (const n of [0, 1, 2, 17, 2000]) {
      const y = Float64Array.from({ length: n }, () => rng.next() * 100 - 30);
      const yRanks = ranks(y);
      const columns = [
        Float64Array.from(y, (v) => v * 0.3 + rng.next() * 40),
        Float64Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0)),
        Float64Array.from({ length: n }, () => Math.floor(rng.next() * 7) - 3),
        new Float64Array(n).fill(2),
        Float64Array.from({ length: n }, (_, i) => (i === 1 ? NaN : rng.next())),
      ];
      for (const x of columns) {
        const want = pearson(ranks(x), yRanks);
        expect(Object.is(spearmanRanked(x, yRanks), want)).toBe(true);
      }
    }
  });
});

/** The histogram as a pass over every value (what histogram() computed before it searched). */
function histogramByPass(sorted: Float64Array, min: number, max: number, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  const w = (max - min) / bins;
  for (let i = 0; i < sorted.length; i++) {
    let k = w > 0 ? Math.floor((sorted[i]! - min) / w) : 0;
    if (k < 0) k = 0;
    if (k >= bins) k = bins - 1;
    out[k]!++;
  }
  return out;
}

describe('histogram', () => {
  it('counts what a pass over every value counts: bin edges, ties, values outside, huge ranges', () => {
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1, -1, 0.5, 2, 10),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -20, max: 20 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const bound = fc.oneof(
      fc.constantFrom(0, 1, -1, 10, 0.1),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -30, max: 30 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300 }),
        bound,
        bound,
        fc.integer({ min: 1, max: 40 }),
        (arr, a, b, bins) => {
          const sorted = Float64Array.from(arr).sort();
          const [min, max] = a <= b ? [a, b] : [b, a];
          expect(histogram(sorted, min, max, bins)).toEqual(histogramByPass(sorted, min, max, bins));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('counts a long column whose values sit on the bin edges', () => {
    const sorted = Float64Array.from({ length: 20_000 }, (_, i) => Math.floor(i / 7) * 0.1).sort();
    expect(histogram(sorted, 0, 250, 30)).toEqual(histogramByPass(sorted, 0, 250, 30));
    expect(histogram(sorted, 0.3, 0.3 + 1e-300, 30)).toEqual(histogramByPass(sorted, 0.3, 0.3 + 1e-300, 30));
  });
});
