import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { squaredDistances } from './krum';

/** Every pair's Σ (s_aj − s_bj)², a < b, mirrored: the distances as first written. */
function distancesByPairs(s: Float64Array, n: number, m: number): Float64Array {
  const d2 = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let d = 0;
      for (let j = 0; j < m; j++) {
        const v = s[a * m + j]! - s[b * m + j]!;
        d += v * v;
      }
      d2[a * n + b] = d;
      d2[b * n + a] = d;
    }
  }
  return d2;
}

const bits = (xs: Float64Array) =>
  Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x));

/** Rows drawn from a few distinct ones (as colluders repeat one vector), some holding -0 or NaN. */
const matrices = fc
  .record({ n: fc.integer({ min: 1, max: 40 }), m: fc.integer({ min: 1, max: 9 }) })
  .chain(({ n, m }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      rows: fc.array(
        fc.oneof(
          fc.array(fc.constantFrom(0, -0, 0.25, 1, Number.NaN), { minLength: m, maxLength: m }),
          fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: m, maxLength: m }),
        ),
        { minLength: 1, maxLength: 8 },
      ),
      pick: fc.array(fc.nat(), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ n, m, rows, pick }) => ({
    n,
    m,
    s: Float64Array.from(pick.flatMap((p) => rows[p % rows.length]!)),
  }));

describe('squared distances', () => {
  it('copied between equal rows are the very doubles computed pair by pair', () => {
    fc.assert(
      fc.property(matrices, ({ n, m, s }) => {
        expect(bits(squaredDistances(s, n, m))).toEqual(bits(distancesByPairs(s, n, m)));
      }),
      { numRuns: 500 },
    );
  });

  it('on a colony-sized matrix with a fifth of the rows equal', () => {
    const n = 257;
    const m = 11;
    const s = new Float64Array(n * m);
    let x = 7;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        s[i * m + j] = i % 5 === 0 ? (j === 3 ? 1 : 0) : x / 2147483648;
      }
    }
    expect(bits(squaredDistances(s, n, m))).toEqual(bits(distancesByPairs(s, n, m)));
  });
});
