import type { Db } from '../store/db';
import type { FieldStore, VocabEntry } from './field';
import { neighbours } from './generate';
import type { Token } from './tokenizer';
import type { FriendWordView, WordChance } from '../contract/friend';
import { KEY_B, pairsOf, triplesOf } from './fieldKeys';

/** How many of a word's strongest co-occurrences are probed for the word most often before it. */
const CONTEXT_PROBES = 100;

/**
 * What the field would say after `word`: the bigram row P(next | word) and, after the word it most
 * often follows (or the one the user gave), the trigram row P(next | before, word); and the words it
 * keeps company with. Probabilities are over the whole row, not only the `limit` shown.
 */
export function readWordView(
  db: Db,
  field: FieldStore,
  words: readonly Token[],
  limit: number,
): FriendWordView {
  const target = words[words.length - 1]!;
  const entry = field.lookup(target.key);
  if (!entry) {
    return {
      word: target.text,
      known: false,
      count: 0,
      next: [],
      before: null,
      nextAfterBoth: [],
      neighbours: [],
    };
  }
  const given = words.length > 1 ? field.lookup(words[words.length - 2]!.key) : undefined;
  const before = given ?? strongestBefore(db, field, entry);
  return {
    word: entry.display,
    known: true,
    count: entry.count,
    next: chances(
      db,
      field,
      `SELECT ${KEY_B} AS id, count FROM friend_bigrams WHERE ${pairsOf('?1')} ORDER BY count DESC, k LIMIT ?2`,
      `SELECT COALESCE(SUM(count), 0) AS n FROM friend_bigrams WHERE ${pairsOf('?1')}`,
      [entry.id],
      limit,
    ),
    before: before?.display ?? null,
    nextAfterBoth: before
      ? chances(
          db,
          field,
          `SELECT ${KEY_B} AS id, count FROM friend_trigrams WHERE ${triplesOf('?1', '?2')}
           ORDER BY count DESC, k LIMIT ?3`,
          `SELECT COALESCE(SUM(count), 0) AS n FROM friend_trigrams WHERE ${triplesOf('?1', '?2')}`,
          [before.id, entry.id],
          limit,
        )
      : [],
    neighbours: neighbours(db, field, entry.id, limit).map((n) => ({
      word: field.entry(n.id)?.display ?? '?',
      strength: n.count,
    })),
  };
}

function chances(
  db: Db,
  field: FieldStore,
  rowSql: string,
  totalSql: string,
  key: number[],
  limit: number,
): WordChance[] {
  const total = db.get<{ n: number }>(totalSql, key)!.n;
  if (total <= 0) return [];
  return db.all<{ id: number; count: number }>(rowSql, [...key, limit]).map((r) => ({
    word: field.entry(r.id)?.display ?? '?',
    count: r.count,
    probability: r.count / total,
  }));
}

/**
 * The word that most often comes right before `entry` and has a trigram row through it. The bigram
 * table is keyed by the first word, so instead of scanning it the word's strongest co-occurrences (its
 * ±5 window always holds the word before it) are probed by key.
 */
function strongestBefore(db: Db, field: FieldStore, entry: VocabEntry): VocabEntry | undefined {
  let best: { e: VocabEntry; n: number } | undefined;
  for (const c of neighbours(db, field, entry.id, CONTEXT_PROBES)) {
    const n = db.get<{ n: number }>(
      `SELECT COALESCE(SUM(count), 0) AS n FROM friend_trigrams WHERE ${triplesOf('?1', '?2')}`,
      [c.id, entry.id],
    )!.n;
    const e = field.entry(c.id);
    if (e && n > 0 && (!best || n > best.n || (n === best.n && e.id < best.e.id))) best = { e, n };
  }
  return best?.e;
}

/** Known words that start with `prefix`, most frequent first, for the word picker's suggestions. */
export function knownWords(field: FieldStore, prefix: string, limit: number): string[] {
  const p = prefix.toLowerCase();
  const found: VocabEntry[] = [];
  for (const e of field.entries()) if (!e.punct && e.word.startsWith(p)) found.push(e);
  found.sort((x, y) => y.count - x.count || x.id - y.id);
  return found.slice(0, limit).map((e) => e.word);
}
