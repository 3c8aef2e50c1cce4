import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import { createTestContext } from '../runtime/testContext';
import type { Db } from '../store/db';
import type { FieldStore } from './field';
import { bigramRow, trigramRow } from './generate';
import { ingestText } from './ingest';
import { tokenize } from './tokenizer';
import { observedField, seededSentence } from './testField';

/** A few very common words and many rare ones, so common words have more bigrams than are kept. */
const COMMON = ['the', 'of', 'a', 'and'];
const sentence = (seed: number) =>
  seededSentence(seed + 7, 6, 14, (r) => (r % 3 === 0 ? COMMON[r % 4]! : `w${r % 200}`));

const fresh = (db: Db, a: number) =>
  db.all<{ id: number; count: number }>(
    'SELECT (k & 2097151) AS id, count FROM friend_bigrams WHERE k >= ?1 * 2097152 AND k < (?1 + 1) * 2097152 ORDER BY count DESC, k LIMIT 48',
    [a],
  );

const freshTrigrams = (db: Db, a: number, b: number) =>
  db.all<{ id: number; count: number }>(
    'SELECT (k & 2097151) AS id, count FROM friend_trigrams WHERE k >= (?1 * 2097152 + ?2) * 2097152 AND k < (?1 * 2097152 + ?2 + 1) * 2097152 ORDER BY count DESC, k LIMIT 48',
    [a, b],
  );

/** Every word's bigrams and every word pair's trigrams, as kept, equal their rows read afresh. */
function expectKeptRowsExact(db: Db, f: FieldStore): number {
  let checked = 0;
  for (const { a } of db.all<{ a: number }>('SELECT DISTINCT (k >> 21) AS a FROM friend_bigrams')) {
    expect(bigramRow(db, f, a), `bigrams of ${a}`).toEqual(fresh(db, a));
    checked++;
  }
  for (const { a, b } of db.all<{ a: number; b: number }>(
    'SELECT DISTINCT (k >> 42) AS a, ((k >> 21) & 2097151) AS b FROM friend_trigrams',
  )) {
    expect(trigramRow(db, f, a, b), `trigrams of ${a} ${b}`).toEqual(freshTrigrams(db, a, b));
    checked++;
  }
  return checked;
}

describe('the kept n-gram rows (the generator’s candidates)', () => {
  it('answer as a fresh read does while chat-sized writes and a taught text add to the counts', async () => {
    const { db, f } = await observedField(2500, sentence);
    const the = f.lookup('the')!.id;
    // Common words have more rows than are kept: their kept rows are cut and carry a ceiling.
    expect(
      db.get<{ n: number }>('SELECT count(*) AS n FROM friend_bigrams WHERE (k >> 21) = ?', [the])!.n,
    ).toBeGreaterThan(96);
    expect(expectKeptRowsExact(db, f)).toBeGreaterThan(3000);
    expect(f.bigramTops.size).toBeGreaterThan(150);
    // Only word pairs with more trigrams than are kept have kept rows.
    const busiest = db.get<{ a: number; b: number; n: number }>(
      'SELECT (k >> 42) AS a, ((k >> 21) & 2097151) AS b, count(*) AS n FROM friend_trigrams GROUP BY 1, 2 ORDER BY n DESC LIMIT 1',
    )!;
    expect(busiest.n).toBeGreaterThan(96);
    expect(f.trigramTops.size).toBeGreaterThan(0);
    expect(f.trigramTops.size).toBeLessThan(100);
    for (let step = 0; step < 40; step++) {
      db.transaction(() => {
        for (let i = 0; i < 3; i++) f.observe(tokenize(sentence(10_000 + 3 * step + i)), db);
        f.flush(db);
      });
      // A few rows asked between the writes, as chat turns do.
      expect(bigramRow(db, f, the)).toEqual(fresh(db, the));
      expect(trigramRow(db, f, busiest.a, busiest.b)).toEqual(freshTrigrams(db, busiest.a, busiest.b));
    }
    expectKeptRowsExact(db, f);
    // A taught text writes in pieces, and rows grow by many at once.
    const text = Array.from({ length: 600 }, (_, i) => sentence(50_000 + i) + '.').join(' ');
    const ctx = createTestContext(db, new ManualClock());
    await ingestText({ field: f, write: ctx.write }, text, silentOperation(), { rowsPerWrite: 300 });
    expect(f.bigramTops.size).toBeGreaterThan(150);
    expectKeptRowsExact(db, f);
  });
});
