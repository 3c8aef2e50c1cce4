import type { Db } from '../store/db';
import type { SortedRows } from './countTables';

const key = (a: number, b: number) => a * 2_097_152 + b;
/** Tokens kept: the theme candidates of a few rebuilds; past it the pool starts again. */
const POOL = 600;

/**
 * The stored values of every pair among a pool of tokens (the theme candidates), kept in memory.
 * A theme rebuild needs the pairs among 150 frequent words: 11,000 lookups by key, most of a chat
 * turn's time when it falls due. The candidates hardly change from one rebuild to the next, so only
 * the pairs of tokens new to the pool are read. Kept exact like the neighbour cache: a chat turn's
 * writes hand over the new value of each written pair inside the pool, a taught text's writes
 * update it (`writtenRows`); a rescale or anything that may roll back clears it.
 */
export class PoolPairs {
  private readonly ids = new Set<number>();
  /** Stored value by pair (a < b); a pair with no row is not here. */
  private readonly values = new Map<number, number>();

  clear(): void {
    this.ids.clear();
    this.values.clear();
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Pair (a, b), a < b, now stores `v`. */
  written(a: number, b: number, v: number): void {
    if (this.ids.has(a) && this.ids.has(b)) this.values.set(key(a, b), v);
  }

  /**
   * Rows [from, to) of a taught text's co-occurrence were just written with the factors of
   * `writeRows` (stored = v·mul + add for a new pair or one at or below the floor, else old + that −
   * add): the pairs inside the pool take their new values, computed as SQLite computed them, since
   * the pool knows every old value among its tokens (so a text being taught does not clear it).
   */
  writtenRows(rows: SortedRows, from: number, to: number, mul: number, add: number, floor: number): void {
    if (this.ids.size === 0) return;
    const { a, b, v } = rows;
    for (let j = from; j < to; j++) {
      if (!this.ids.has(a[j]!) || !this.ids.has(b[j]!)) continue;
      const k = key(a[j]!, b[j]!);
      const excluded = v[j]! * mul + add;
      const old = this.values.get(k);
      this.values.set(k, old === undefined || old <= floor ? excluded : old + excluded - add);
    }
  }

  /** The stored value of (a, b), a < b, both in the pool (after `read`), or undefined with no row. */
  value(a: number, b: number): number | undefined {
    return this.values.get(key(a, b));
  }

  /** Brings every pair among `ids` into the pool, reading only the pairs of tokens new to it. */
  read(db: Db, ids: readonly number[]): void {
    let fresh = ids.filter((id) => !this.ids.has(id));
    if (fresh.length === 0) return;
    if (this.ids.size + fresh.length > POOL) {
      this.clear();
      fresh = [...ids];
    }
    const isFresh = new Set(fresh);
    const all = [...new Set([...this.ids, ...fresh])];
    const pairs: Array<[number, number]> = [];
    for (const f of fresh) {
      for (const o of all) {
        if (o === f || (isFresh.has(o) && o < f)) continue;
        pairs.push(o < f ? [o, f] : [f, o]);
      }
    }
    // In key order, so the lookups walk the table's pages in order.
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const r of db.all<{ a: number; b: number; scaled: number }>(
      `SELECT c.a AS a, c.b AS b, c.scaled AS scaled FROM json_each(?) p
       CROSS JOIN friend_cooc c ON c.a = p.value ->> 0 AND c.b = p.value ->> 1`,
      [JSON.stringify(pairs)],
    ))
      this.values.set(key(r.a, r.b), r.scaled);
    for (const f of fresh) this.ids.add(f);
  }
}
