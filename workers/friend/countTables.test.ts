import { describe, expect, it } from 'vitest';
import { PairCounts, type SortedRows } from './countTables';

const rows = (r: SortedRows) => Array.from({ length: r.length }, (_, k) => [r.a[k]!, r.b[k]!, r.v[k]!]);
const byKey = (x: number[], y: number[]) => x[0]! - y[0]! || x[1]! - y[1]!;

describe('PairCounts', () => {
  it('hands its rows over in key order, whole or in parts, with their sums', () => {
    const t = new PairCounts();
    const want = new Map<string, number>();
    let s = 7;
    for (let i = 0; i < 5000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const x = 1 + (s % 97);
      const y = 1 + ((s >>> 8) % 3001);
      if (x === y) continue;
      const [lo, hi] = x < y ? [x, y] : [y, x];
      t.add(lo, hi, 0.5 + (i % 3));
      want.set(`${lo} ${hi}`, (want.get(`${lo} ${hi}`) ?? 0) + 0.5 + (i % 3));
    }
    const one = [...want].map(([k, v]) => [...k.split(' ').map(Number), v] as number[]).sort(byKey);
    expect(rows(t.sorted())).toEqual(one);
    expect(rows(new PairCounts().sorted())).toEqual([]);
    // In parts cut between first ids: the same rows, in the same order.
    for (const size of [1, 50, 700]) {
      const parts = t.sortedInParts(size);
      expect(parts.length).toBeGreaterThan(size === 700 ? 1 : 50);
      expect(parts.flatMap((part) => rows(part()))).toEqual(one);
    }
  });
});
