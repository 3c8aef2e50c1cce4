import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import type { Db } from '../store/db';
import { FieldStore } from './field';
import { bigramRow } from './generate';
import { ingestText } from './ingest';
import { tokenize } from './tokenizer';

/** A few very common words and many rare ones, so common words have more bigrams than are kept. */
function sentence(seed: number): string {
  let x = seed + 7;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 2147483648;
  };
  const common = ['the', 'of', 'a', 'and'];
  const n = 6 + (next() % 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    words.push(r % 3 === 0 ? common[r % 4]! : `w${r % 400}`);
  }
  return words.join(' ');
}

const fresh = (db: Db, a: number) =>
  db.all<{ id: number; count: number }>(
    'SELECT b AS id, count FROM friend_bigrams WHERE a = ? ORDER BY count DESC, b LIMIT 48',
    [a],
  );

/** Every word's bigrams as kept equal its bigrams read afresh. */
function expectKeptRowsExact(db: Db, f: FieldStore): number {
  let checked = 0;
  for (const { a } of db.all<{ a: number }>('SELECT DISTINCT a FROM friend_bigrams')) {
    expect(bigramRow(db, f, a), `bigrams of ${a}`).toEqual(fresh(db, a));
    checked++;
  }
  return checked;
}

describe('the kept bigram rows (the generator’s fallback candidates)', () => {
  it('answer as a fresh read does while chat-sized writes and a taught text add to the counts', async () => {
    const db = await openTestDb();
    const f = new FieldStore();
    f.load(db);
    db.transaction(() => {
      for (let i = 0; i < 400; i++) f.observe(tokenize(sentence(i)), db);
      f.flush(db);
    });
    const the = f.lookup('the')!.id;
    // Common words have more rows than are kept: their kept rows are cut and carry a ceiling.
    expect(
      db.get<{ n: number }>('SELECT count(*) AS n FROM friend_bigrams WHERE a = ?', [the])!.n,
    ).toBeGreaterThan(96);
    expect(expectKeptRowsExact(db, f)).toBeGreaterThan(300);
    expect(f.bigramTops.size).toBeGreaterThan(300);
    for (let step = 0; step < 40; step++) {
      db.transaction(() => {
        for (let i = 0; i < 3; i++) f.observe(tokenize(sentence(10_000 + 3 * step + i)), db);
        f.flush(db);
      });
      // A few rows asked between the writes, as chat turns do.
      expect(bigramRow(db, f, the)).toEqual(fresh(db, the));
    }
    expectKeptRowsExact(db, f);
    // A taught text writes in pieces, and rows grow by many at once.
    const text = Array.from({ length: 600 }, (_, i) => sentence(50_000 + i) + '.').join(' ');
    const ctx = createTestContext(db, new ManualClock());
    await ingestText({ field: f, write: ctx.write }, text, silentOperation(), { rowsPerWrite: 300 });
    expect(f.bigramTops.size).toBeGreaterThan(300);
    expectKeptRowsExact(db, f);
  });
});
