import type { Db } from '../store/db';
import type { SortedRows } from './countTables';
import { KEY_A, KEY_B, pairKey } from './fieldKeys';

/** Tokens kept: the theme candidates of a few rebuilds; past it the pool starts again. */
const POOL = 600;

/**
 * The stored values of every pair among a pool of tokens (the theme candidates), kept in memory.
 * A theme rebuild needs the pairs among 150 frequent words: 11,000 lookups, most of a chat turn's
 * time when it falls due. The candidates hardly change from one rebuild to the next, so only the
 * pairs of tokens new to the pool are read. Kept exact like the neighbour cache: a chat turn's
 * writes hand over the new value of each written pair inside the pool, a taught text's writes
 * update it (`writtenRows`); a rescale or anything that may roll back clears it.
 *
 * Each token of the pool has a slot, and the values sit in a square table by slot (2.9 MB once a
 * rebuild has run): looked up in a Map keyed by pair, a key past 2^31 was a boxed number, and the
 * lookups of one rebuild took 4–9 ms of a chat turn at 1M tokens.
 */
export class PoolPairs {
  /** The slot of each token in the pool, given in the order tokens join it. */
  private readonly slots = new Map<number, number>();
  /**
   * Stored value of pair (a, b), a < b, at slot(a)·POOL + slot(b); NaN where the pair has no row.
   * Entries of slots not given since the last `clear` are stale: a slot's row and column are
   * cleared when it is given.
   */
  private values: Float64Array | null = null;

  clear(): void {
    this.slots.clear();
  }

  has(id: number): boolean {
    return this.slots.has(id);
  }

  get size(): number {
    return this.slots.size;
  }

  /** The slot of `id`, or -1 when it is not in the pool: for `valueAt`. */
  slotOf(id: number): number {
    return this.slots.get(id) ?? -1;
  }

  /**
   * The stored value of the pair whose tokens have slots `sa` and `sb` (the smaller id's slot first),
   * or NaN with no row.
   */
  valueAt(sa: number, sb: number): number {
    return this.values![sa * POOL + sb]!;
  }

  /** Pair (a, b), a < b, now stores `v`. */
  written(a: number, b: number, v: number): void {
    const sa = this.slots.get(a);
    if (sa === undefined) return;
    const sb = this.slots.get(b);
    if (sb === undefined) return;
    this.values![sa * POOL + sb] = v;
  }

  /**
   * Rows [from, to) of a taught text's co-occurrence were just written with the factors of
   * `writeRows` (stored = v·mul + add for a new pair or one at or below the floor, else old + that −
   * add): the pairs inside the pool take their new values, computed as SQLite computed them, since
   * the pool knows every old value among its tokens (so a text being taught does not clear it).
   */
  writtenRows(rows: SortedRows, from: number, to: number, mul: number, add: number, floor: number): void {
    if (this.slots.size === 0) return;
    const values = this.values!;
    const { a, b, v } = rows;
    for (let j = from; j < to; j++) {
      const sa = this.slots.get(a[j]!);
      if (sa === undefined) continue;
      const sb = this.slots.get(b[j]!);
      if (sb === undefined) continue;
      const at = sa * POOL + sb;
      const excluded = v[j]! * mul + add;
      const old = values[at]!;
      // NaN (no row) fails the comparison too: the pair is new.
      values[at] = !(old > floor) ? excluded : old + excluded - add;
    }
  }

  /** Brings every pair among `ids` into the pool, reading only the pairs of tokens new to it. */
  read(db: Db, ids: readonly number[]): void {
    let fresh = ids.filter((id) => !this.slots.has(id));
    if (fresh.length === 0) return;
    if (this.slots.size + fresh.length > POOL) {
      this.clear();
      fresh = [...ids];
    }
    const isFresh = new Set(fresh);
    const all = [...new Set([...this.slots.keys(), ...fresh])];
    const pairs: number[] = [];
    for (const f of fresh) {
      for (const o of all) {
        if (o === f || (isFresh.has(o) && o < f)) continue;
        pairs.push(o < f ? pairKey(o, f) : pairKey(f, o));
      }
    }
    // In key order, so the lookups walk the table's pages in order.
    pairs.sort((x, y) => x - y);
    const rows = db.all<{ a: number; b: number; scaled: number }>(
      `SELECT ${KEY_A} AS a, ${KEY_B} AS b, c.scaled AS scaled FROM json_each(?) p
       CROSS JOIN friend_cooc c ON c.k = p.value`,
      [JSON.stringify(pairs)],
    );
    const values = (this.values ??= new Float64Array(POOL * POOL));
    for (const f of fresh) {
      const s = this.slots.size;
      this.slots.set(f, s);
      // The slot's row and column may hold another token's values from before a clear.
      values.fill(NaN, s * POOL, (s + 1) * POOL);
      for (let t = 0; t < POOL; t++) values[t * POOL + s] = NaN;
    }
    for (const r of rows) values[this.slots.get(r.a)! * POOL + this.slots.get(r.b)!] = r.scaled;
  }
}
