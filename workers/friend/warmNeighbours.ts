import type { Db } from '../store/db';
import { idsBelow } from './coocBelow';
import { KEY_B, pairKeyOf, pairsOf } from './fieldKeys';
import type { FieldStore } from './field';
import { LOWER_HALF } from './generate';
import { STORED } from './neighbourCache';

/**
 * The most frequent words, whose neighbours are read ahead in idle time (`createFriendApi` with an
 * idle scheduler: once the field is read, and after each taught text). Finding a common word's
 * strongest neighbours ranks all of its pairs: 10–14 ms for the third most frequent word at 1M
 * tokens in Node, whose own rows number 25,000. The chat turns and dreams that follow a page load or a
 * taught text asked for them one by one: in 200 turns at 1M tokens, 371 first asks took 2.4 ms each,
 * half of that time for words among the 256 most frequent and four fifths among the 1,024. Dreams ask
 * for the most, so they were the slowest turns. The cache's answers are exact, so reading ahead
 * changes no reply.
 *
 * 512 of the cache's 1,024 places (with 1,000, the chat's own asks pushed read-ahead words out of the
 * cache and asked for them again). At 1M tokens in Node the read-ahead takes 2.3 s of idle time, in
 * pieces; after it, a chat turn with a forced dream took 48 ms against 84 (median of five), while the
 * third slowest of 200 plain turns moved less than runs differ (61–68 ms against 68–72 without).
 */
export const WARM_WORDS = 512;

/**
 * What one piece of the read-ahead reads: a word's own rows (a range of friend_cooc) and the rows of
 * its lower ids (a seek each). Read in one go, a common word held the worker 10–14 ms in Node and up
 * to 80 ms in Chromium, which a request arriving then waited for.
 */
export const PIECE = { rows: 2_000, ids: 400 };

/** The ids of the `count` most frequent words whose neighbours the cache does not hold, commonest first. */
export function wordsToWarm(field: FieldStore, count = WARM_WORDS): number[] {
  return field
    .topWords(count)
    .map((e) => e.id)
    .filter((id) => !field.neighbourCache.has(id));
}

/** Larger value first, then the smaller id: the order `neighbours` reads them in. */
const ranked = (x: { id: number; scaled: number }, y: { id: number; scaled: number }) =>
  y.scaled - x.scaled || x.id - y.id;

/**
 * One word's neighbours read ahead a piece at a time, kept in the cache as `neighbours` keeps them
 * (its top STORED above the floor, ranked) once the last piece is read, if it has more than that. The pieces stand for one
 * read only while nothing is written between them (`Db.totalChanges`): a write (a chat turn's, a decay
 * step) ends the read with nothing kept, and a later ask reads the word then.
 */
export class WordRead {
  private top: Array<{ id: number; scaled: number }> = [];
  /** The own rows read so far end at this second id; null once they are all read. */
  private after: number | null = -1;
  private below: number[] | null = null;
  private at = 0;
  private seen = -1;
  private floor = 0;

  constructor(
    private readonly field: FieldStore,
    readonly id: number,
    private readonly piece = PIECE,
  ) {}

  /** Reads the next piece; true once the word is kept, or the read is given up. */
  step(db: Db): boolean {
    const cache = this.field.neighbourCache;
    if (cache.has(this.id)) return true;
    const now = db.totalChanges();
    if (this.seen < 0) {
      this.seen = now;
      this.floor = this.field.coocFloor;
    } else if (now !== this.seen) return true;
    const { id, floor } = this;
    if (this.after !== null) {
      const rows = db.all<{ id: number; scaled: number }>(
        `SELECT ${KEY_B} AS id, scaled FROM friend_cooc
         WHERE k > ${pairKeyOf('?1', '?2')} AND ${pairsOf('?1')} ORDER BY k LIMIT ?3`,
        [id, this.after, this.piece.rows],
      );
      this.take(rows.filter((r) => r.scaled > floor));
      this.after = rows.length < this.piece.rows ? null : rows[rows.length - 1]!.id;
      return false;
    }
    if (this.below === null) this.below = idsBelow(db, id);
    if (this.at < this.below.length) {
      const ids = this.below.slice(this.at, this.at + this.piece.ids);
      this.at += ids.length;
      this.take(db.all<{ id: number; scaled: number }>(LOWER_HALF, [id, floor, JSON.stringify(ids)]));
      if (this.at < this.below.length) return false;
    }
    // Only a word with more pairs than an entry holds: its entry is cut, and a taught text's rows
    // outside it only raise its ceiling. A word with fewer is cheap to read when asked, and its whole
    // entry would take every new pair a taught text brings it, in rank order (kept for all 512 words,
    // that made a second 100k-token text 10–15% slower).
    if (this.top.length >= STORED)
      cache.set(
        id,
        this.top.map((r) => r.id),
        this.top.map((r) => r.scaled),
        floor,
      );
    return true;
  }

  /** Rows read: the STORED best of them and of those before stay. */
  private take(rows: Array<{ id: number; scaled: number }>): void {
    if (rows.length === 0) return;
    this.top = this.top.concat(rows).sort(ranked).slice(0, STORED);
  }
}

/**
 * One round of the read-ahead: the words `wordsToWarm` names, read a piece after each `next()`
 * (`read` runs a piece against the database). False when the field was reset or its database
 * replaced meanwhile: the ids name other words then, and the caller looks again.
 */
export async function readAhead(
  field: FieldStore,
  read: <T>(fn: (db: Db) => T) => T,
  next: () => Promise<void>,
): Promise<boolean> {
  const lineage = field.lineage;
  const ids = read((db) => {
    field.load(db);
    return wordsToWarm(field);
  });
  for (const id of ids) {
    const word = new WordRead(field, id);
    for (let done = false; !done;) {
      await next();
      if (field.lineage !== lineage) return false;
      done = read((db) => {
        field.load(db);
        return word.step(db);
      });
    }
  }
  return true;
}
