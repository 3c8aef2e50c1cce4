import type { SortedRows } from './countTables';

/**
 * The strongest co-occurrence neighbours of recently asked tokens, kept in memory. Finding a common
 * word's strongest neighbours means ranking all of its pairs (tens of thousands for "the"), and a
 * chat turn asks for the same words again and again (the prompt's, the reply's, the dream's lines).
 *
 * An entry holds a token's top `KEEP` neighbours by (stored value descending, id), read from
 * friend_cooc. It stays exact because a pair's stored value never goes down (a count grows by
 * adding; decay only moves the epoch; a pair at zero restarts above the floor), so a pair left out
 * of an entry can only get in by a write — and every write is reported here: `written` with the new
 * values after a chat turn's writes, `evictWritten` after a piece of a taught text's, `clear` after
 * anything else that changes or may roll back the table.
 */

/** Neighbours kept per token: the most any reader asks for (the semantic field's 256). */
export const KEEP = 256;
/** Tokens kept, least recently asked dropped first. */
const TOKENS = 1024;

interface Entry {
  ids: number[];
  scaled: number[];
  /** Every pair of the token above the floor at the time is here (it has fewer than KEEP). */
  complete: boolean;
}

/** Ranks (v, id) against (w, other): negative when the first comes first. */
const rank = (v: number, id: number, w: number, other: number) => (v > w ? -1 : v < w ? 1 : id - other);

export class NeighbourCache {
  private readonly entries = new Map<number, Entry>();

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
   * The top `limit` neighbours above `floor`, or null when the entry is missing or cannot tell (it
   * holds fewer than `limit` above the floor and was cut at KEEP).
   */
  get(id: number, floor: number, limit: number): { ids: number[]; scaled: number[] } | null {
    const e = this.entries.get(id);
    if (!e) return null;
    this.entries.delete(id);
    this.entries.set(id, e);
    let n = 0;
    while (n < e.ids.length && e.scaled[n]! > floor) n++;
    // Values below the floor at the end mean the pairs left out are below it too.
    if (n < limit && e.complete === false && n === e.ids.length) return null;
    const k = Math.min(n, limit);
    return { ids: e.ids.slice(0, k), scaled: e.scaled.slice(0, k) };
  }

  /** Keeps a token's top KEEP neighbours as read (ranked, above the floor). */
  set(id: number, ids: number[], scaled: number[]): void {
    if (this.entries.size >= TOKENS && !this.entries.has(id)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { ids, scaled, complete: ids.length < KEEP });
  }

  /**
   * Rows [from, to) of a taught text's co-occurrence (in key order) were just written: the entries of
   * the tokens they name are dropped, the others stay exact. A token is the first id only of rows in
   * the piece's range of first ids, and the second id only of rows whose first id is smaller, so
   * the commonest words (the lowest ids) lose their entries only to the first pieces of a write.
   */
  evictWritten(rows: SortedRows, from: number, to: number): void {
    if (this.entries.size === 0 || from >= to) return;
    const lo = rows.a[from]!;
    const hi = rows.a[to - 1]!;
    const seconds = new Set<number>();
    for (let j = from; j < to; j++) seconds.add(rows.b[j]!);
    for (const id of [...this.entries.keys()])
      if ((id >= lo && id <= hi) || seconds.has(id)) this.entries.delete(id);
  }

  /** Pair (x, y) now stores `v`: the entries of x and of y take it in. */
  written(x: number, y: number, v: number): void {
    this.update(x, y, v);
    this.update(y, x, v);
  }

  private update(id: number, other: number, v: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    const at = e.ids.indexOf(other);
    if (at >= 0) {
      e.ids.splice(at, 1);
      e.scaled.splice(at, 1);
    }
    let lo = 0;
    let hi = e.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rank(e.scaled[mid]!, e.ids[mid]!, v, other) < 0) lo = mid + 1;
      else hi = mid;
    }
    // Below the last of an entry cut at KEEP, the pair stays with the others left out.
    if (lo === e.ids.length && !e.complete) return;
    e.ids.splice(lo, 0, other);
    e.scaled.splice(lo, 0, v);
    if (e.ids.length > KEEP) {
      e.ids.pop();
      e.scaled.pop();
      e.complete = false;
    }
  }
}
