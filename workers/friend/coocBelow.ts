import type { Db } from '../store/db';

/**
 * The lower half of each token's co-occurrence neighbours. friend_cooc stores a pair once, as (a, b)
 * with a < b, so a token's neighbours are its own rows (a = token) and the rows that name it as b.
 * For the second half every token b has the ascending list of those a's (friend_cooc_below).
 *
 * A list gains a pair's id before friend_cooc gains the row, so at every moment (between any two
 * transactions of a text being taught, too) a list names every row it should; it may also name a
 * pair with no row, which readers skip as they join with friend_cooc. Pairs the prune deletes are
 * taken out. A list is read and written a whole token at a time, in token order, instead of one
 * random-order index insert per new pair; and a list of three-byte ids takes a third of the room.
 */

/** Bytes per id in a list: big-endian, as ids stay below 2^21. */
const ID_BYTES = 3;

/** The ids a list holds, ascending. */
export function decodeIds(list: Uint8Array): number[] {
  const out: number[] = new Array(list.length / ID_BYTES);
  for (let i = 0, k = 0; i < list.length; i += ID_BYTES, k++)
    out[k] = (list[i]! << 16) | (list[i + 1]! << 8) | list[i + 2]!;
  return out;
}

function encodeIds(ids: ArrayLike<number>, from = 0, to = ids.length): Uint8Array {
  const out = new Uint8Array((to - from) * ID_BYTES);
  for (let i = from, k = 0; i < to; i++, k += ID_BYTES) {
    const x = ids[i]!;
    out[k] = x >>> 16;
    out[k + 1] = (x >>> 8) & 0xff;
    out[k + 2] = x & 0xff;
  }
  return out;
}

/** The a's of token `b`'s rows (a, b) with a < b (and perhaps a few with no row), ascending. */
export function idsBelow(db: Db, b: number): number[] {
  const row = db.get<{ ids: Uint8Array }>('SELECT ids FROM friend_cooc_below WHERE b = ?', [b]);
  return row ? decodeIds(row.ids) : [];
}

/** New pairs grouped by their second id b: `first[start[b]…start[b + 1])` are b's a's, ascending. */
export interface PairsBySecond {
  readonly start: Int32Array;
  readonly first: Int32Array;
}

const ROWS_PER_STATEMENT = 64;
const upsertSql = new Map<number, string>();

function upsert(db: Db, rows: Array<number | Uint8Array>): void {
  const n = rows.length / 2;
  let sql = upsertSql.get(n);
  if (!sql) {
    sql = `INSERT INTO friend_cooc_below (b, ids) VALUES ${new Array(n).fill('(?, ?)').join(', ')}
      ON CONFLICT(b) DO UPDATE SET ids = excluded.ids`;
    upsertSql.set(n, sql);
  }
  db.run(sql, rows);
}

/** The id at index `p` of a list. */
const idAt = (list: Uint8Array, p: number): number =>
  (list[3 * p]! << 16) | (list[3 * p + 1]! << 8) | list[3 * p + 2]!;

/**
 * `list` merged with `add[from, to)` (ascending), or null when every id is in the list already.
 * Each new id's place is found by galloping from the last one's, and the list is copied between new
 * ids in whole runs: a taught text adds a few ids to lists of hundreds, and decoding and copying the
 * list an id at a time was most of the cost of the lists at a million taught tokens.
 */
export function mergeIds(list: Uint8Array, add: Int32Array, from: number, to: number): Uint8Array | null {
  const n = list.length / ID_BYTES;
  const out = new Uint8Array(list.length + (to - from) * ID_BYTES);
  let k = 0; // bytes written
  let copied = 0; // ids of the list copied so far
  let p = 0; // every id of the list before p is below the id being placed
  for (let j = from; j < to; j++) {
    const y = add[j]!;
    if (p < n && idAt(list, p) < y) {
      // Gallop: lo is below y; find hi at or above it (or the end), then halve.
      let lo = p;
      let step = 1;
      let hi = p + 1;
      while (hi < n && idAt(list, hi) < y) {
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
      if (hi > n) hi = n;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (idAt(list, mid) < y) lo = mid;
        else hi = mid;
      }
      p = hi;
    }
    if (p < n && idAt(list, p) === y) continue;
    if (p > copied) {
      out.set(list.subarray(copied * ID_BYTES, p * ID_BYTES), k);
      k += (p - copied) * ID_BYTES;
      copied = p;
    }
    out[k] = y >>> 16;
    out[k + 1] = (y >>> 8) & 0xff;
    out[k + 2] = y & 0xff;
    k += ID_BYTES;
  }
  if (k === copied * ID_BYTES) return null;
  if (n > copied) {
    out.set(list.subarray(copied * ID_BYTES), k);
    k += (n - copied) * ID_BYTES;
  }
  return k === out.length ? out : out.subarray(0, k);
}

/**
 * Adds the pairs of the tokens b in [from, to) to their lists: the ids a list lacks are merged in.
 * Call before the rows are written (in the same transaction or an earlier one).
 */
export function addBelow(db: Db, pairs: PairsBySecond, from: number, to: number): void {
  const { start, first } = pairs;
  const end = Math.min(to, start.length - 1);
  if (from >= end || start[from] === start[end]) return;
  const bs: number[] = [];
  for (let b = from; b < end; b++) if (start[b + 1]! > start[b]!) bs.push(b);
  // A chat turn's few tokens are read by key; a taught text's range of tokens in one pass.
  const byKey = bs.length * 4 < end - from;
  mergeInto(db, bs, first, (j) => [start[bs[j]!]!, start[bs[j]! + 1]!], byKey ? null : [from, end]);
}

/**
 * New pairs of a few tokens (a chat turn's), by second id: `bs` ascending, and `first[start[j]…
 * start[j + 1])` the first ids of `bs[j]`, ascending. Sorting a handful of pairs this way costs
 * nothing like grouping them over every id of the vocabulary, as `PairsBySecond` is.
 */
export interface FewPairsBySecond {
  readonly bs: Int32Array;
  readonly start: Int32Array;
  readonly first: Int32Array;
}

/** `addBelow` for a few tokens' pairs. */
export function addBelowFew(db: Db, pairs: FewPairsBySecond): void {
  const { bs, start, first } = pairs;
  if (bs.length === 0) return;
  mergeInto(db, Array.from(bs), first, (j) => [start[j]!, start[j + 1]!], null);
}

/**
 * Merges each token's new first ids into its list: token `bs[j]` gains `first[s…e)`, `[s, e] = run(j)`.
 * The lists are read by key, or as the range `range` of tokens in one pass.
 */
function mergeInto(
  db: Db,
  bs: readonly number[],
  first: Int32Array,
  run: (j: number) => [number, number],
  range: readonly [number, number] | null,
): void {
  const lists = new Map<number, Uint8Array>();
  const stored = range
    ? db.all<{ b: number; ids: Uint8Array }>('SELECT b, ids FROM friend_cooc_below WHERE b >= ? AND b < ?', [
        range[0],
        range[1],
      ])
    : db.all<{ b: number; ids: Uint8Array }>(
        'SELECT b, ids FROM friend_cooc_below WHERE b IN (SELECT value FROM json_each(?))',
        [JSON.stringify(bs)],
      );
  for (const r of stored) lists.set(r.b, r.ids);
  const rows: Array<number | Uint8Array> = [];
  for (let j = 0; j < bs.length; j++) {
    const b = bs[j]!;
    const [s, e] = run(j);
    const list = lists.get(b);
    const ids = list ? mergeIds(list, first, s, e) : encodeIds(first, s, e);
    if (ids === null) continue;
    rows.push(b, ids);
    if (rows.length === 2 * ROWS_PER_STATEMENT) {
      upsert(db, rows);
      rows.length = 0;
    }
  }
  if (rows.length > 0) upsert(db, rows);
}

/** Cuts the tokens into ranges [from, to) of about `rows` new pairs each, for steps of bounded work. */
export function belowRanges(pairs: PairsBySecond, rows: number): Array<[number, number]> {
  const { start } = pairs;
  const last = start.length - 1;
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let b = 1; b <= last; b++) {
    if (b === last || start[b]! - start[from]! >= rows) {
      out.push([from, b]);
      from = b;
    }
  }
  return out;
}

/** Takes deleted pairs out of their lists. */
export function dropPairs(db: Db, pairs: ReadonlyArray<{ a: number; b: number }>): void {
  if (pairs.length === 0) return;
  const byB = new Map<number, Set<number>>();
  for (const { a, b } of pairs) {
    let s = byB.get(b);
    if (!s) byB.set(b, (s = new Set()));
    s.add(a);
  }
  for (const [b, gone] of byB) {
    const kept = idsBelow(db, b).filter((x) => !gone.has(x));
    if (kept.length === 0) db.run('DELETE FROM friend_cooc_below WHERE b = ?', [b]);
    else db.run('UPDATE friend_cooc_below SET ids = ? WHERE b = ?', [encodeIds(kept), b]);
  }
}

/** Empties the lists (with friend_cooc). */
export function resetCoocBelow(db: Db): void {
  db.run('DELETE FROM friend_cooc_below');
}
