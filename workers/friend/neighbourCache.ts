import type { SortedRows } from './countTables';

/**
 * The strongest co-occurrence neighbours of recently asked tokens, kept in memory. Finding a common
 * word's strongest neighbours means ranking all of its pairs (tens of thousands for "the"), and a
 * chat turn asks for the same words again and again (the prompt's, the reply's, the dream's lines).
 *
 * An entry holds a token's top `STORED` neighbours by (stored value descending, id), read from
 * friend_cooc, and a ceiling: every pair of the token that is not in the entry ranks after it. A
 * pair's stored value never goes down (a count grows by adding; decay only moves the epoch; a pair at
 * zero restarts above the floor), so the entry answers a top-k exactly while its k-th pair ranks
 * before the ceiling. Every write is reported here: `written` with the new values after a chat turn's
 * writes; `writtenRows` after a piece of a taught text's, whose new values are computed as SQLite
 * computes them for the pairs in an entry, while a pair left out only raises the ceiling to the most
 * it can now hold; `clear` after anything else that changes or may roll back the table. An entry holds
 * twice the most any reader asks for, so the ceiling can rise a long way (a taught text adds to
 * thousands of a common word's pairs) before a top-KEEP must be read again.
 */

/** Neighbours a reader may ask for from the cache: the most any asks (the semantic field's 256). */
export const KEEP = 256;
/** Neighbours an entry holds, and reads: room below the asked-for top for the ceiling to rise into. */
export const STORED = 2 * KEEP;
/** Tokens kept, least recently asked dropped first. */
const TOKENS = 1024;

interface Entry {
  ids: number[];
  scaled: number[];
  /**
   * The ids of `ids`, to tell a member from the many pairs left out without a scan: a taught text
   * reports every row of a kept common word, and scanning 512 ids for each cost a 100k-token text
   * 10–15% of its time once the commonest words were kept.
   */
  members: Set<number>;
  /**
   * Every pair of the token not in `ids` has a stored value below `ceiling`, or equal to it and an id
   * at or above `ceilingId` (-Infinity: any id).
   */
  ceiling: number;
  ceilingId: number;
}

/** Whether (v, id) ranks before (w, other): larger value first, then smaller id. */
const before = (v: number, id: number, w: number, other: number) => v > w || (v === w && id < other);

/** Raises an entry's ceiling to cover a pair left out that stores at most `v` (id at or above `id`). */
function cover(e: Entry, v: number, id: number): void {
  if (v > e.ceiling) {
    e.ceiling = v;
    e.ceilingId = id;
  } else if (v === e.ceiling && id < e.ceilingId) e.ceilingId = id;
}

export class NeighbourCache {
  private readonly entries = new Map<number, Entry>();
  private readonly stored: number;
  private readonly tokens: number;

  /**
   * @param opts.stored Members an entry holds (STORED for neighbours).
   * @param opts.tokens Entries kept (TOKENS for neighbours).
   */
  constructor(opts: { stored?: number; tokens?: number } = {}) {
    this.stored = opts.stored ?? STORED;
    this.tokens = opts.tokens ?? TOKENS;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  /**
   * The top `limit` (at most KEEP) neighbours above `floor`, or null when the entry is missing or
   * cannot tell (a pair left out of it might rank among them).
   */
  get(id: number, floor: number, limit: number): { ids: number[]; scaled: number[] } | null {
    const e = this.entries.get(id);
    if (!e) return null;
    this.entries.delete(id);
    this.entries.set(id, e);
    let n = 0;
    while (n < e.ids.length && e.scaled[n]! > floor) n++;
    const k = Math.min(n, limit);
    if (k < limit) {
      // Fewer than asked above the floor: only right if no pair left out is above it.
      if (e.ceiling > floor) return null;
    } else if (k > 0 && !before(e.scaled[k - 1]!, e.ids[k - 1]!, e.ceiling, e.ceilingId)) return null;
    return { ids: e.ids.slice(0, k), scaled: e.scaled.slice(0, k) };
  }

  /**
   * Keeps a token's neighbours as read: its top `STORED` above `floor` (ranked). Fewer than that
   * means every pair above the floor is here.
   */
  set(id: number, ids: number[], scaled: number[], floor: number): void {
    if (this.entries.size >= this.tokens && !this.entries.has(id)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const cut = ids.length >= this.stored;
    this.entries.set(id, {
      ids,
      scaled,
      members: new Set(ids),
      // Cut: the pairs left out rank after the last read. Whole: they are at or below the floor.
      ceiling: cut ? scaled[ids.length - 1]! : floor,
      ceilingId: cut ? ids[ids.length - 1]! + 1 : -Infinity,
    });
  }

  /**
   * Rows [from, to) of a taught text's co-occurrence were just written with the factors of
   * `writeRows` (stored = v·mul + add for a new pair or one at or below the floor, else old + that −
   * add). A pair in an entry takes its new value, computed as SQLite computed it. A pair left out of
   * an entry whose ceiling is at or below the floor had no value above it, so its new value is known
   * too; otherwise the ceiling rises to the most that pair can hold now.
   */
  writtenRows(rows: SortedRows, from: number, to: number, mul: number, add: number, floor: number): void {
    if (this.entries.size === 0) return;
    const { a, b, v } = rows;
    for (let j = from; j < to; j++) {
      const x = a[j]!;
      const y = b[j]!;
      const ex = this.entries.get(x);
      const ey = this.entries.get(y);
      if (!ex && !ey) continue;
      const excluded = v[j]! * mul + add;
      if (ex) this.taught(ex, y, excluded, add, floor);
      if (ey) this.taught(ey, x, excluded, add, floor);
    }
  }

  private taught(e: Entry, other: number, excluded: number, add: number, floor: number): void {
    const at = e.members.has(other) ? e.ids.indexOf(other) : -1;
    if (at >= 0) {
      const old = e.scaled[at]!;
      this.place(e, other, old <= floor ? excluded : old + excluded - add, at);
    } else if (e.ceiling <= floor) {
      this.place(e, other, excluded, -1);
    } else {
      // Its old value was at most the ceiling (rounding keeps the order), or at most the floor.
      cover(e, Math.max(excluded, e.ceiling + excluded - add), -Infinity);
    }
  }

  /**
   * A count row of `key` gained `delta` for `member`: the n-gram tables, whose counts only grow and
   * have no floor. A member outside the entry had at most the ceiling (nothing, when the entry holds
   * every row of its key).
   */
  added(key: number, member: number, delta: number): void {
    const e = this.entries.get(key);
    if (e) this.taught(e, member, delta, 0, 0);
  }

  /** Pair (x, y) now stores `v`: the entries of x and of y take it in. */
  written(x: number, y: number, v: number): void {
    const ex = this.entries.get(x);
    if (ex) this.place(ex, y, v, ex.members.has(y) ? ex.ids.indexOf(y) : -1);
    const ey = this.entries.get(y);
    if (ey) this.place(ey, x, v, ey.members.has(x) ? ey.ids.indexOf(x) : -1);
  }

  /** `other` now stores `v` (`at`: its place in the entry, or -1): in the entry if it ranks before the ceiling. */
  private place(e: Entry, other: number, v: number, at: number): void {
    if (at >= 0 && !before(e.scaled[at]!, e.ids[at]!, v, other)) {
      // A kept pair that grew (stored values never go down) moves up past the pairs it now ranks
      // before, which move down one: no removal and insertion over the whole entry (a taught text
      // grows many of a common word's kept pairs).
      let lo = 0;
      let hi = at;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(e.scaled[mid]!, e.ids[mid]!, v, other)) lo = mid + 1;
        else hi = mid;
      }
      for (let k = at; k > lo; k--) {
        e.ids[k] = e.ids[k - 1]!;
        e.scaled[k] = e.scaled[k - 1]!;
      }
      e.ids[lo] = other;
      e.scaled[lo] = v;
      return;
    }
    if (at >= 0) {
      e.ids.splice(at, 1);
      e.scaled.splice(at, 1);
      e.members.delete(other);
    }
    // A pair the ceiling covers stays out (or leaves: the ceiling rose past it).
    if (!before(v, other, e.ceiling, e.ceilingId)) return;
    let lo = 0;
    let hi = e.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(e.scaled[mid]!, e.ids[mid]!, v, other)) lo = mid + 1;
      else hi = mid;
    }
    e.ids.splice(lo, 0, other);
    e.scaled.splice(lo, 0, v);
    e.members.add(other);
    if (e.ids.length > this.stored) {
      const id = e.ids.pop()!;
      e.members.delete(id);
      cover(e, e.scaled.pop()!, id);
    }
  }
}
