import { yieldToLoop } from '../core/yieldToLoop';
import type { EngineContext } from '../runtime/context';
import { RowsAboveCount } from '../store/btreeRecords';
import type { Db } from '../store/db';
import type { AnsweringField } from './answeringField';
import { countDialogs, getDreamMeta } from './dream';
import { getMeta, getMetaNumber } from './fieldMeta';
import { countMessages } from './messages';
import { DEFAULT_ORIGIN } from './origin';
import { readThemes } from './themes';
import type { FriendStats } from '../contract/friend';

/** What the inspector shows of the field: its counts, themes, chat and dreams. */
export function readStats(db: Db, field: AnsweringField, liveCooc?: number): FriendStats {
  const store = field.store;
  store.load(db);
  const count = (t: string, where = '', params: number[] = []) =>
    db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t} ${where}`, params)!.n;
  const origin = getMeta(db, 'origin');
  return {
    tokens: getMetaNumber(db, 'tokens', 0),
    observations: getMetaNumber(db, 'observations', 0),
    vocabulary: count('friend_vocab'),
    bigrams: count('friend_bigrams'),
    trigrams: count('friend_trigrams'),
    // Pairs that decayed to zero but wait for the next prune are not counted.
    cooccurrences: liveCooc ?? count('friend_cooc', 'WHERE scaled > ?', [store.coocFloor]),
    themes: readThemes(db),
    messages: countMessages(db),
    dreams: countDialogs(db),
    dreamsEnabled: getDreamMeta(db, 'enabled') !== '0',
    origin: origin ?? DEFAULT_ORIGIN,
    originIsDefault: origin === undefined,
  };
}

/** Pages of friend_cooc counted per task: some 5 ms in Node, 10 in Chromium. */
export const COOC_PAGES_PER_STEP = 1024;
/** Counts begun again after a write came between two steps, before the count is taken in one go. */
const COUNT_TRIES = 3;

/**
 * `readStats`, with the co-occurrence pairs above the floor counted from the file's pages
 * (store/btreeRecords.ts) in steps, leaving the thread between them: SQLite's count decodes every
 * row, 90 ms in Node and 130–140 ms in Chromium at a million taught tokens, and reading the pages in
 * one go still took 30 ms in Node and 33–75 ms in Chromium, one task of the engine's thread each
 * time the Friend page's inspector refreshed: a request sent meanwhile waited 49 ms at the median
 * (nine refreshes), against 9 ms in steps.
 *
 * A write between two steps (a chat turn, a text) starts the count again; after COUNT_TRIES such
 * starts, or where the file is not within reach or does not read as expected, SQLite counts in one go.
 */
export async function readStatsInSteps(
  ctx: EngineContext,
  field: AnsweringField,
  { pause = yieldToLoop, pagesPerStep = COOC_PAGES_PER_STEP } = {},
): Promise<FriendStats> {
  for (let tries = 0; tries < COUNT_TRIES; tries++) {
    const db = ctx.db();
    const file = db.fileBytes();
    const writes = db.fileWrites();
    if (!file || writes === null) break;
    field.store.load(db);
    const root = db.get<{ rootpage: number }>(
      "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'friend_cooc'",
    );
    if (!root) break;
    // friend_cooc is (k INTEGER PRIMARY KEY, scaled): its records hold a NULL for k, then scaled.
    const count = new RowsAboveCount(file, Number(root.rootpage), 1, field.store.coocFloor);
    let state = count.step(pagesPerStep);
    while (state === 'more') {
      await pause();
      if (ctx.db() !== db || db.fileWrites() !== writes) break;
      state = count.step(pagesPerStep);
    }
    if (state === 'bad') break;
    // The last step and this read run in one task: the count is of the file the other counts read.
    if (state === 'done') return ctx.read((now) => readStats(now, field, count.rows));
  }
  return ctx.read((db) => readStats(db, field));
}
