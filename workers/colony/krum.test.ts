import { describe, expect, it } from 'vitest';
import { krum, squaredDistances } from './krum';
import { krumBySorting } from './krumReference';

const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : x));

function matrix(n: number, m: number, seed: number): Float64Array {
  const s = new Float64Array(n * m);
  let x = seed;
  for (let i = 0; i < s.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    // A fifth of the rows equal (colluders), the rest spread.
    s[i] = Math.floor(i / m) % 5 === 0 ? (i % m === 1 ? 1 : 0) : x / 2147483648;
  }
  return s;
}

describe('Krum reusing its distance matrix', () => {
  it('writes every entry of the memory it is given, whatever that held', () => {
    const s = matrix(37, 6, 1);
    const out = new Float64Array(37 * 37).fill(Number.NaN);
    expect(bits(squaredDistances(s, 37, 6, out))).toEqual(bits(squaredDistances(s, 37, 6)));
  });

  it('gives each colony what Krum on fresh memory gives, after larger and smaller ones', () => {
    for (const [k, n] of [40, 9, 31, 40, 2, 17, 33].entries()) {
      const s = matrix(n, 5, k + 3);
      const f = Math.floor((n - 1) / 3);
      const got = krum(s, n, 5, f);
      const want = krumBySorting(s, n, 5, f);
      expect(bits(got.centre)).toEqual(bits(want.centre));
      expect(got.selected).toEqual(want.selected);
    }
  });
});
