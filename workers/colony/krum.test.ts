import { describe, expect, it } from 'vitest';
import { krum, squaredDistances } from './krum';

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

/** Krum as first written (fresh memory, every row sorted): the reference robust.test.ts checks too. */
function krumBySorting(s: Float64Array, n: number, m: number, f: number) {
  const d2 = squaredDistances(s, n, m);
  const k = Math.max(1, n - f - 2);
  const score = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const row = Float64Array.from({ length: n - 1 }, (_, q) => d2[a * n + (q < a ? q : q + 1)]!).sort();
    let sum = 0;
    for (let q = 0; q < Math.min(k, row.length); q++) sum += row[q]!;
    score[a] = sum;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]! || a - b);
  const selected = order.slice(0, Math.max(1, n - f));
  const centre = new Float64Array(m);
  for (const i of selected) for (let j = 0; j < m; j++) centre[j]! += s[i * m + j]!;
  for (let j = 0; j < m; j++) centre[j] = centre[j]! / selected.length;
  return { centre, selected: selected.sort((a, b) => a - b) };
}
