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
    cooccurrences: count('friend_cooc', 'WHERE scaled > ?', [store.coocFloor]),
    themes: readThemes(db),
    messages: countMessages(db),
    dreams: countDialogs(db),
    dreamsEnabled: getDreamMeta(db, 'enabled') !== '0',
    origin: origin ?? DEFAULT_ORIGIN,
    originIsDefault: origin === undefined,
  };
}
