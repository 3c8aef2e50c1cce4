import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { borda, condorcet, smithSet } from './rankAggregation';
import { krum } from './krum';
import { coordinateMedian, median } from './robust';
import { krumBySorting } from './krumReference';

function bordaBySorting(s: Float64Array, n: number, m: number, weights: readonly number[]) {
  const pts = new Float64Array(m);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 1;
    if (w <= 0) continue;
    wsum += w;
    const order = Array.from({ length: m }, (_, j) => j).sort(
      (a, b) => s[i * m + b]! - s[i * m + a]! || a - b,
    );
    for (let r = 0; r < m; r++) pts[order[r]!]! += w * (m - 1 - r);
  }
  const denom = wsum * Math.max(1, m - 1);
  for (let j = 0; j < m; j++) pts[j] = denom > 0 ? pts[j]! / denom : 0;
  return pts;
}

/** The pairwise tally as first written: a branch per pair, Float64 counts (the Smith set is shared). */
function condorcetByBranches(
  s: Float64Array,
  n: number,
  m: number,
  include: (i: number) => boolean,
): { winner: number | null; smith: number[] } {
  const p = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    if (!include(i)) continue;
    const o = i * m;
    for (let a = 0; a < m; a++) {
      const sa = s[o + a]!;
      for (let b = a + 1; b < m; b++) {
        const sb = s[o + b]!;
        if (sa > sb) p[a * m + b]! += 1;
        else if (sb > sa) p[b * m + a]! += 1;
      }
    }
  }
  return smithSet(p, m);
}

/** Score matrices with the ties real colonies have: repeated rows (colluders) and repeated values. */
const matricesUpTo = (maxM: number) =>
  fc
    .record({ n: fc.integer({ min: 1, max: 40 }), m: fc.integer({ min: 1, max: maxM }) })
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        rows: fc.array(
          fc.oneof(
            fc.array(fc.constantFrom(0, -0, 0.25, 0.5, 1), { minLength: m, maxLength: m }),
            fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: m, maxLength: m }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        pick: fc.array(fc.nat(), { minLength: n, maxLength: n }),
        weights: fc.array(fc.constantFrom(0, 0.5, 1, 2.25), { minLength: n, maxLength: n }),
      }),
    )
    .map(({ n, m, rows, pick, weights }) => ({
      n,
      m,
      s: Float64Array.from(pick.flatMap((p) => rows[p % rows.length]!)),
      weights,
    }));
const matrices = matricesUpTo(7);

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  expect(Array.from(a, (x) => (Object.is(x, -0) ? '-0' : x))).toEqual(
    Array.from(b, (x) => (Object.is(x, -0) ? '-0' : x)),
  );

describe('the fast kernels give the same numbers as sorting', () => {
  it('krum', () => {
    fc.assert(
      fc.property(matrices, fc.nat({ max: 12 }), ({ n, m, s }, f) => {
        const fast = krum(s, n, m, f);
        const slow = krumBySorting(s, n, m, f);
        same(fast.centre, slow.centre);
        expect(fast.selected).toEqual(slow.selected);
      }),
      { numRuns: 400 },
    );
  });

  it('coordinate median', () => {
    fc.assert(
      fc.property(matrices, ({ n, m, s }) => {
        const slow = Float64Array.from({ length: m }, (_, j) =>
          median(Float64Array.from({ length: n }, (_, i) => s[i * m + j]!).sort()),
        );
        same(coordinateMedian(s, n, m), slow);
      }),
      { numRuns: 400 },
    );
  });

  it('borda on rows long enough to merge sorted runs', () => {
    fc.assert(
      fc.property(matricesUpTo(70), ({ n, m, s, weights }) => {
        same(borda(s, n, m, weights), bordaBySorting(s, n, m, weights));
      }),
      { numRuns: 200 },
    );
  });

  it('borda and the pairwise tally behind condorcet', () => {
    fc.assert(
      fc.property(matrices, ({ n, m, s, weights }) => {
        same(borda(s, n, m, weights), bordaBySorting(s, n, m, weights));
        const include = (i: number) => weights[i]! > 0;
        expect(condorcet(s, n, m, include)).toEqual(condorcetByBranches(s, n, m, include));
      }),
      { numRuns: 300 },
    );
  });
});
