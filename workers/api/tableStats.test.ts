import { describe, expect, it, vi } from 'vitest';
import { fill } from '../store/testTables';
import { openTestDb } from '../store/testDb';
import { tableStats } from './coreApi';

describe('tableStats', () => {
  it('reads counts from the recorded file, and asks SQLite inside a transaction or without one', async () => {
    const db = await openTestDb();
    const sqlCounts = () =>
      tableStats(db).map(({ name }) => ({
        name,
        rows: Number(db.get<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`)!.n),
      }));
    // Not recording the file: no bytes within reach, counts from SQLite.
    expect(db.fileBytes()).toBeNull();
    fill(db, 6, 1500);
    expect(tableStats(db)).toEqual(sqlCounts());

    db.trackFile(false);
    expect(db.fileBytes()).not.toBeNull();
    const expected = sqlCounts();
    const get = vi.spyOn(db, 'get');
    expect(tableStats(db)).toEqual(expected);
    // From the file: no table was counted by SQLite.
    expect(get.mock.calls.filter(([sql]) => sql.includes('count(*)'))).toEqual([]);
    get.mockRestore();
    // Writes after recording started show in the next count.
    db.run('DELETE FROM small WHERE id % 2 = 0');
    db.transaction(() => {
      for (let i = 0; i < 700; i++) db.run('INSERT INTO pairs VALUES (?, ?, 0)', [10_000 + i, i]);
      expect(db.fileBytes()).toBeNull();
      // Inside a transaction the file is not whole: the counts still include the uncommitted rows.
      expect(tableStats(db).find((t) => t.name === 'pairs')!.rows).toBe(
        Number(db.get<{ n: number }>('SELECT count(*) AS n FROM pairs')!.n),
      );
    });
    const stats = tableStats(db);
    expect(stats).toEqual(sqlCounts());
    expect(stats.map((t) => t.name)).toContain('friend_messages');
    db.close();
  });
});
