import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate';
import { knownMigrations } from '../store/migrations';
import { openEmptyDb } from '../store/testDb';

describe('the migration that stores co-occurrence both ways', () => {
  it('mirrors every pair of a field saved with one row per pair, same values, and drops the b index', async () => {
    const db = await openEmptyDb();
    const upTo = knownMigrations.findIndex((m) => m.name === '0005_friend_cooc_both_ways');
    expect(upTo).toBeGreaterThan(0);
    migrate(db, knownMigrations.slice(0, upTo), 1);
    db.run('INSERT INTO friend_cooc (a, b, scaled) VALUES (1, 2, 3.5), (1, 7, 2.25), (4, 9, 10)');
    migrate(db, knownMigrations, 2);
    expect(db.all('SELECT a, b, scaled FROM friend_cooc ORDER BY a, b')).toEqual([
      { a: 1, b: 2, scaled: 3.5 },
      { a: 1, b: 7, scaled: 2.25 },
      { a: 2, b: 1, scaled: 3.5 },
      { a: 4, b: 9, scaled: 10 },
      { a: 7, b: 1, scaled: 2.25 },
      { a: 9, b: 4, scaled: 10 },
    ]);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'friend_cooc_b'")).toBeUndefined();
  });
});
