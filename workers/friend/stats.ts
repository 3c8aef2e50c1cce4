import { countRowsAbove } from '../store/btreeRecords';
import type { Db } from '../store/db';
import type { AnsweringField } from './answeringField';
import { countDialogs, getDreamMeta } from './dream';
import { getMeta, getMetaNumber } from './fieldMeta';
import { countMessages } from './messages';
import { DEFAULT_ORIGIN } from './origin';
import { readThemes } from './themes';
import type { FriendStats } from '../contract/friend';

/** What the inspector shows of the field: its counts, themes, chat and dreams. */
export function readStats(db: Db, field: AnsweringField): FriendStats {
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
    cooccurrences:
      liveCooc(db, store.coocFloor) ?? count('friend_cooc', 'WHERE scaled > ?', [store.coocFloor]),
    themes: readThemes(db),
    messages: countMessages(db),
    dreams: countDialogs(db),
    dreamsEnabled: getDreamMeta(db, 'enabled') !== '0',
    origin: origin ?? DEFAULT_ORIGIN,
    originIsDefault: origin === undefined,
  };
}

/**
 * The co-occurrence pairs above the floor, counted from the file's pages where the file is within
 * reach (store/btreeRecords.ts): SQLite's count decodes every row, 130–140 ms at a million taught
 * tokens in Chromium each time the inspector refreshes. Null when the file is not within reach or
 * does not read as expected; the caller then asks SQLite.
 */
function liveCooc(db: Db, floor: number): number | null {
  const file = db.fileBytes();
  if (!file) return null;
  const root = db.get<{ rootpage: number }>(
    "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'friend_cooc'",
  );
  // friend_cooc is (a, b, scaled) WITHOUT ROWID: its records hold scaled third.
  return root ? countRowsAbove(file, Number(root.rootpage), 2, floor) : null;
}
