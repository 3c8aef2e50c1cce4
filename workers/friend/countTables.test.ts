import { describe, expect, it } from 'vitest';
import { PairCounts, TripleCounts, type SortedRows } from './countTables';

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

  it('holds the keys it was made for without growing', () => {
    for (const n of [1, 100, 5000]) {
      const t = new PairCounts(n);
      const room = t.room;
      expect(room).toBeGreaterThanOrEqual(n);
      // Filling it to its room keeps it; one key more makes it grow.
      for (let i = 0; i < room; i++) t.add(1 + i, 2 + i, 1);
      expect(t.room).toBe(room);
      t.add(0x7fff, 0x7ffe, 1);
      expect(t.room).toBeGreaterThan(room);
    }
  });
});

describe('TripleCounts', () => {
  it('hands its rows over in key order, whole or in parts, with their sums', () => {
    const rows3 = (r: SortedRows) =>
      Array.from({ length: r.length }, (_, k) => [r.a[k]!, r.b[k]!, r.c![k]!, r.v[k]!]);
    // Ids past 2^17, where three of them no longer fit one double, as well as small ones.
    for (const top of [300, 400_000]) {
      const t = new TripleCounts();
      const want = new Map<string, number>();
      let s = 11;
      for (let i = 0; i < 6000; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const key = [1 + (s % 53), 1 + ((s >>> 6) % top), 1 + ((s >>> 3) % 7)];
        t.add(key[0]!, key[1]!, key[2]!, 1 + (i % 2));
        want.set(key.join(' '), (want.get(key.join(' ')) ?? 0) + 1 + (i % 2));
      }
      const one = [...want]
        .map(([k, v]) => [...k.split(' ').map(Number), v])
        .sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!);
      expect(rows3(t.sorted())).toEqual(one);
      for (const size of [1, 40, 100_000]) {
        const parts = t.sortedInParts(size);
        expect(parts.length).toBeGreaterThan(size === 100_000 ? 0 : 40);
        expect(parts.flatMap((part) => rows3(part()))).toEqual(one);
      }
    }
    expect(new TripleCounts().sortedInParts(10).flatMap((part) => rows3(part()))).toEqual([]);
  });
});
