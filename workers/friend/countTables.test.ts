import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PairCounts,
  runAll,
  TripleCounts,
  type SecondLists,
  type SortedRows,
  type Step,
} from './countTables';

/** Runs steps one at a time, each step's own steps next, as the ingest does; counts them. */
function stepwise(steps: Step[]): number {
  let n = 0;
  runAll(
    steps.map(function counted(step): Step {
      return () => {
        n++;
        return step()?.map(counted);
      };
    }),
  );
  return n;
}

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
    // As steps, the grouping cut into pieces of a few slots: the same rows, in the same order.
    const steps = [64, 1000, Infinity].map((slots) => {
      const got: number[][] = [];
      const n = stepwise(t.sortedSteps(700, slots, (r) => got.push(...rows(r))));
      expect(got).toEqual(one);
      return n;
    });
    // A table of 16,384 slots: at 64 a step, three passes of 256 steps each besides the parts.
    expect(steps[0]! - steps[2]!).toBeGreaterThan(3 * 200);
    expect(steps[1]!).toBeGreaterThan(steps[2]!);
  });
});

describe('count tables made ready ahead', () => {
  const fill = (t: PairCounts, n: number, seed: number) => {
    let s = seed;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      t.add(1 + (s % 5000), 5001 + ((s >>> 7) % 5000), 1 + (i % 4));
    }
  };

  it('keep every row when their memory is touched in pieces, and grow into prepared arrays with the same rows', () => {
    const plain = new PairCounts(40_000);
    const ready = new PairCounts(40_000);
    fill(plain, 30_000, 3);
    fill(ready, 30_000, 3);
    for (const step of ready.touchSteps(4096)) step();
    expect(rows(ready.sorted())).toEqual(rows(plain.sorted()));
    // Near its grow (half of 131,072 slots), the table prepares the doubled arrays, once.
    fill(plain, 25_000, 5);
    fill(ready, 25_000, 5);
    expect(ready.size).toBeGreaterThan(52_500);
    expect(ready.size).toBeLessThan(65_536);
    const steps = ready.growSteps(1 << 16);
    expect(steps.length).toBeGreaterThan(4);
    expect(ready.growSteps(1 << 16)).toEqual([]);
    for (const step of steps) step();
    fill(plain, 40_000, 9);
    fill(ready, 40_000, 9);
    expect(ready.size).toBeGreaterThan(65_536);
    expect(rows(ready.sorted())).toEqual(rows(plain.sorted()));
  });

  it('are emptied by clear and count again from nothing', () => {
    const t = new PairCounts(1000);
    fill(t, 3000, 1);
    t.clear();
    expect(t.size).toBe(0);
    fill(t, 500, 2);
    const fresh = new PairCounts(1000);
    fill(fresh, 500, 2);
    expect(rows(t.sorted())).toEqual(rows(fresh.sorted()));
  });
});

describe('TripleCounts', () => {
  it('hands its rows over in key order, whole or in parts, with their sums', () => {
    const t = new TripleCounts();
    const want = new Map<string, number>();
    let s = 11;
    for (let i = 0; i < 6000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const key = [1 + (s % 61), 1 + ((s >>> 6) % 700), 1 + ((s >>> 16) % 90_000)] as const;
      t.add(...key, 1 + (i % 3));
      want.set(key.join(' '), (want.get(key.join(' ')) ?? 0) + 1 + (i % 3));
    }
    const triples = (r: SortedRows) =>
      Array.from({ length: r.length }, (_, k) => [r.a[k]!, r.b[k]!, r.c![k]!, r.v[k]!]);
    const one = [...want]
      .map(([k, v]) => [...k.split(' ').map(Number), v] as number[])
      .sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!);
    expect(triples(t.sorted())).toEqual(one);
    expect(triples(new TripleCounts().sorted())).toEqual([]);
    for (const size of [1, 90, 2000]) {
      const parts = t.sortedInParts(size);
      expect(parts.length).toBeGreaterThan(size === 2000 ? 1 : 30);
      expect(parts.flatMap((part) => triples(part()))).toEqual(one);
    }
    for (const slots of [50, Infinity]) {
      const got: number[][] = [];
      stepwise(t.sortedSteps(2000, slots, (r) => got.push(...triples(r))));
      expect(got).toEqual(one);
    }
  });
});

describe('the lists by second id', () => {
  it('are the same whether their runs are sorted at once or a few at a time', () => {
    const t = new PairCounts();
    let s = 5;
    for (let i = 0; i < 4000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      t.add(1 + (s % 3000), 3001 + ((s >>> 9) % 50), 1);
    }
    const whole = t.bySecond();
    expect(whole.first.length).toBe(t.size);
    for (let b = 0; b + 1 < whole.start.length; b++) {
      const run = Array.from(whole.first.subarray(whole.start[b]!, whole.start[b + 1]!));
      expect(run).toEqual([...run].sort((x, y) => x - y));
    }
    const steps = [100, Infinity].map((slots) => {
      let lists: SecondLists | null = null;
      const n = stepwise(t.bySecondSteps(100, slots, (l) => (lists = l)));
      expect(Array.from(lists!.first)).toEqual(Array.from(whole.first));
      expect(Array.from(lists!.start)).toEqual(Array.from(whole.start));
      return n;
    });
    expect(steps[1]!).toBeGreaterThan(10);
    expect(steps[0]! - steps[1]!).toBeGreaterThan(3 * 50);
  });
});

describe('a small table sorted by comparing keys', () => {
  const plain = (r: SortedRows) => ({
    a: Array.from(r.a.subarray(0, r.length)),
    b: Array.from(r.b.subarray(0, r.length)),
    c: r.c ? Array.from(r.c.subarray(0, r.length)) : undefined,
    v: Array.from(r.v.subarray(0, r.length)),
  });

  it('gives the rows the counting sort gives, for pairs and triples, small and past the cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 60 }), fc.nat(5)), {
          maxLength: 400,
        }),
        fc.integer({ min: 1, max: 3 }),
        (adds, repeat) => {
          const pairs = new PairCounts();
          const triples = new TripleCounts();
          for (let r = 0; r < repeat; r++)
            for (const [x, y, z] of adds) {
              pairs.add(x, y, 0.5 + z);
              triples.add(y, x, z + 1, 1 + z);
            }
          expect(plain(pairs.sorted())).toEqual(plain(pairs.sortedInParts(Infinity)[0]!()));
          expect(plain(triples.sorted())).toEqual(plain(triples.sortedInParts(Infinity)[0]!()));
        },
      ),
      { numRuns: 60 },
    );
    // Past 2,048 keys the counting sort runs: the same rows either way.
    const big = new PairCounts();
    for (let i = 1; i <= 3000; i++) big.add((i * 7919) % 40_000 || 1, i, i);
    const rows = big.sorted();
    expect(rows.length).toBe(3000);
    for (let k = 1; k < rows.length; k++)
      expect(
        rows.a[k - 1]! < rows.a[k]! || (rows.a[k - 1] === rows.a[k] && rows.b[k - 1]! < rows.b[k]!),
      ).toBe(true);
  });
});

describe('the lists by second id of a small table', () => {
  it('are those of the grouping over every id, for the ids that have any', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 50_000 })), {
          maxLength: 500,
        }),
        (adds) => {
          const t = new PairCounts();
          for (const [x, y] of adds) t.add(x, y, 1);
          const few = t.bySecondFew()!;
          const all = t.bySecond();
          const expected: Array<[number, number[]]> = [];
          for (let b = 0; b + 1 < all.start.length; b++)
            if (all.start[b + 1]! > all.start[b]!)
              expected.push([b, Array.from(all.first.subarray(all.start[b]!, all.start[b + 1]!))]);
          const got = Array.from(few.bs, (b, j): [number, number[]] => [
            b,
            Array.from(few.first.subarray(few.start[j]!, few.start[j + 1]!)),
          ]);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
    const big = new PairCounts();
    for (let i = 1; i <= 3000; i++) big.add(i, i + 1, 1);
    expect(big.bySecondFew()).toBeNull();
  });
});
