import type { Db } from '../store/db';
import { openTestDb } from '../store/testDb';
import { FieldStore } from './field';
import { tokenize } from './tokenizer';

/**
 * Texts and fields for the tests of what the field keeps in memory (neighbours, n-gram rows, the
 * theme pool, the lists of lower ids): seeded, so every run observes the same words.
 */

/** xorshift32 from `seed`: every bit mixes, so small moduli are spread evenly. */
export function xorshift(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 2147483648;
  };
}

/**
 * A sentence of `minWords` to `minWords + spread - 1` words from the stream seeded `seed`: its
 * first draw sets the length, each next one is handed to `pick` for a word.
 */
export function seededSentence(
  seed: number,
  minWords: number,
  spread: number,
  pick: (draw: number) => string,
): string {
  const next = xorshift(seed);
  const n = minWords + (next() % spread);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(next()));
  return words.join(' ');
}

/**
 * A new test database and a field over it that has observed `sentence(0)` … `sentence(count - 1)`
 * and written them, in one transaction; `then` runs in that transaction after the flush.
 */
export async function observedField(
  count: number,
  sentence: (i: number) => string,
  then?: (f: FieldStore, db: Db) => void,
): Promise<{ db: Db; f: FieldStore }> {
  const db = await openTestDb();
  const f = new FieldStore();
  f.load(db);
  db.transaction(() => {
    for (let i = 0; i < count; i++) f.observe(tokenize(sentence(i)), db);
    f.flush(db);
    then?.(f, db);
  });
  return { db, f };
}

/** A field read afresh from `db`, with nothing kept: what a kept answer must equal. */
export function freshField(db: Db): FieldStore {
  const fresh = new FieldStore();
  fresh.load(db);
  return fresh;
}
