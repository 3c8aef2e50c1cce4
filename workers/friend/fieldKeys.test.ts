import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { migrate } from '../store/migrate';
import { knownMigrations } from '../store/migrations';
import { openEmptyDb } from '../store/testDb';
import { ID_LIMIT, KEY_B, pairKey, pairsOf, triplesOf } from './fieldKeys';

const BEFORE_KEYS = knownMigrations.findIndex((m) => m.name === '0006_friend_integer_keys');

/** An older lab's count tables (migrations up to 0005), with rows whose ids reach 2^21 − 1. */
async function olderLab(draws = 3000) {
  const db = await openEmptyDb();
  migrate(db, knownMigrations.slice(0, BEFORE_KEYS), 1);
  const rng = createRng('field-keys');
  // Small ids, as a field has, and the largest ids there can be: a triple's key is then 2^63 − 1.
  const id = () => (rng.int(4) === 0 ? ID_LIMIT - 1 - rng.int(3) : rng.int(300));
  const bigrams = new Map<string, [number, number, number]>();
  const trigrams = new Map<string, [number, number, number, number]>();
  const cooc = new Map<string, [number, number, number]>();
  for (let i = 0; i < draws; i++) {
    const [a, b, c] = [id(), id(), id()];
    bigrams.set(`${a} ${b}`, [a, b, 1 + rng.int(50)]);
    trigrams.set(`${a} ${b} ${c}`, [a, b, c, 1 + rng.int(50)]);
    if (a !== b)
      cooc.set(`${Math.min(a, b)} ${Math.max(a, b)}`, [Math.min(a, b), Math.max(a, b), rng.next() * 9]);
  }
  const top = ID_LIMIT - 1;
  trigrams.set(`${top} ${top} ${top}`, [top, top, top, 7]);
  db.transaction(() => {
    for (const r of bigrams.values()) db.run('INSERT INTO friend_bigrams (a, b, count) VALUES (?, ?, ?)', r);
    for (const r of trigrams.values())
      db.run('INSERT INTO friend_trigrams (a, b, c, count) VALUES (?, ?, ?, ?)', r);
    for (const r of cooc.values()) db.run('INSERT INTO friend_cooc (a, b, scaled) VALUES (?, ?, ?)', r);
  });
  return { db, bigrams, trigrams, cooc };
}

const byIds = (x: readonly number[], y: readonly number[]) => {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};

describe('the count tables keyed by one integer (migration 0006)', () => {
  it('keep every row of an older lab, in the same order, with keys up to 2^63 − 1', async () => {
    const { db, bigrams, trigrams, cooc } = await olderLab();
    migrate(db, knownMigrations, 2);
    const top = ID_LIMIT - 1;
    expect(
      db.get<{ a: number }>('SELECT (k >> 42) AS a FROM friend_trigrams ORDER BY k DESC LIMIT 1')!.a,
    ).toBe(top);
    expect(
      db.get<{ n: number }>('SELECT count(*) AS n FROM friend_trigrams WHERE k = 9223372036854775807')!.n,
    ).toBe(1);
    expect(
      db
        .all<{ a: number; b: number; count: number }>(
          'SELECT (k >> 21) AS a, (k & 2097151) AS b, count FROM friend_bigrams ORDER BY k',
        )
        .map((r) => [r.a, r.b, r.count]),
    ).toEqual([...bigrams.values()].sort(byIds));
    expect(
      db
        .all<{ a: number; b: number; c: number; count: number }>(
          'SELECT (k >> 42) AS a, ((k >> 21) & 2097151) AS b, (k & 2097151) AS c, count FROM friend_trigrams ORDER BY k',
        )
        .map((r) => [r.a, r.b, r.c, r.count]),
    ).toEqual([...trigrams.values()].sort(byIds));
    expect(
      db
        .all<{ k: number; scaled: number }>('SELECT k, scaled FROM friend_cooc ORDER BY k')
        .map((r) => [Math.floor(r.k / ID_LIMIT), r.k % ID_LIMIT, r.scaled]),
    ).toEqual([...cooc.values()].sort(byIds));
  });

  it('leave an older lab’s file no larger than it was, with no free pages and its integrity whole', async () => {
    // Tables large enough to be most of the file, as a taught field's are.
    const { db } = await olderLab(40_000);
    const pages = () => db.get<{ page_count: number }>('PRAGMA page_count')!.page_count;
    const before = pages();
    migrate(db, knownMigrations, 2);
    // The rebuilt tables' old pages were more than a quarter of the file: it was written again.
    expect(db.get<{ freelist_count: number }>('PRAGMA freelist_count')!.freelist_count).toBe(0);
    expect(pages()).toBeLessThanOrEqual(before);
    expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  });

  it('find a word’s rows and a word pair’s rows as their ids did', async () => {
    const { db, bigrams, trigrams, cooc } = await olderLab();
    migrate(db, knownMigrations, 2);
    const firsts = [...new Set([...bigrams.values()].map((r) => r[0]))];
    expect(firsts).toContain(ID_LIMIT - 1);
    for (const a of firsts) {
      const want = [...bigrams.values()].filter((r) => r[0] === a).map((r) => r[1]);
      const got = db.all<{ id: number }>(`SELECT ${KEY_B} AS id FROM friend_bigrams WHERE ${pairsOf('?1')}`, [
        a,
      ]);
      expect(got.map((r) => r.id).sort((x, y) => x - y)).toEqual(want.sort((x, y) => x - y));
      const own = [...cooc.values()].filter((r) => r[0] === a).length;
      expect(
        db.get<{ n: number }>(`SELECT count(*) AS n FROM friend_cooc WHERE ${pairsOf('?1')}`, [a])!.n,
      ).toBe(own);
    }
    for (const [a, b] of [...trigrams.values()].slice(0, 300)) {
      const want = [...trigrams.values()].filter((r) => r[0] === a && r[1] === b).map((r) => r[2]);
      const got = db.all<{ id: number }>(
        `SELECT ${KEY_B} AS id FROM friend_trigrams WHERE ${triplesOf('?1', '?2')} ORDER BY k`,
        [a, b],
      );
      expect(got.map((r) => r.id)).toEqual(want.sort((x, y) => x - y));
    }
    // A pair's key as the field computes it is the key SQLite stored.
    const [a, b] = [...cooc.values()][0]!;
    expect(db.get('SELECT 1 AS x FROM friend_cooc WHERE k = ?', [pairKey(a, b)])).toEqual({ x: 1 });
  });
});
