import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { countRowsAbove } from './btreeRecords';
import { SqlJsDb } from './db';

async function tableWith(rows: Array<[number, number, number]>) {
  const SQL = await initSqlJs();
  const db = new SqlJsDb(new SQL.Database(), { trackFile: 'new' });
  db.exec(
    'CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, scaled REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID',
  );
  db.exec('CREATE TABLE plain (id INTEGER PRIMARY KEY, x REAL)');
  db.transaction(() => {
    for (const r of rows) db.run('INSERT INTO pairs (a, b, scaled) VALUES (?, ?, ?)', r);
    db.run('INSERT INTO plain (x) VALUES (1.5)');
  });
  const root = (name: string) =>
    db.get<{ rootpage: number }>('SELECT rootpage FROM sqlite_master WHERE name = ?', [name])!.rootpage;
  return { db, root };
}

describe('countRowsAbove', () => {
  it('counts what SQLite counts, for every kind of number a REAL column stores', async () => {
    const rng = createRng('btree-records');
    const rows: Array<[number, number, number]> = [];
    for (let i = 0; i < 60_000; i++) {
      const pick = rng.int(6);
      // Fractions, whole numbers (SQLite stores those as integers of 1–8 bytes), zero, negatives, large.
      const scaled =
        pick === 0
          ? rng.next() * 10
          : pick === 1
            ? rng.int(300) - 150
            : pick === 2
              ? 0
              : pick === 3
                ? -rng.next() * 1e9
                : pick === 4
                  ? Math.floor(rng.next() * 2 ** 40)
                  : 1e-300 * rng.next();
      rows.push([rng.int(5000), i, scaled]);
    }
    const { db, root } = await tableWith(rows);
    const file = db.fileBytes()!;
    for (const threshold of [-1e12, -150, -0.5, 0, 1e-310, 0.25, 1, 7.5, 149, 2 ** 39, 1e15]) {
      const sql = db.get<{ n: number }>('SELECT count(*) AS n FROM pairs WHERE scaled > ?', [threshold])!.n;
      expect(countRowsAbove(file, root('pairs'), 2, threshold)).toBe(sql);
    }
    // The first columns read as numbers too.
    expect(countRowsAbove(file, root('pairs'), 0, 2499)).toBe(
      db.get<{ n: number }>('SELECT count(*) AS n FROM pairs WHERE a > 2499')!.n,
    );
    db.close();
  });

  it('answers null for what it does not read: a text column, a page out of range', async () => {
    const { db, root } = await tableWith([[1, 2, 0.5]]);
    const file = db.fileBytes()!;
    expect(countRowsAbove(file, 10_000, 2, 0)).toBeNull();
    db.exec(
      "CREATE TABLE words (w TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID; INSERT INTO words VALUES ('x', 1)",
    );
    expect(countRowsAbove(db.fileBytes()!, root('words'), 0, 0)).toBeNull();
    expect(countRowsAbove(db.fileBytes()!, root('words'), 1, 0)).toBe(1);
    db.close();
  });

  it('reads records whose sizes and types take more than one byte (long text before the number)', async () => {
    const { db, root } = await tableWith([]);
    db.exec('CREATE TABLE notes (w TEXT PRIMARY KEY, n REAL) WITHOUT ROWID');
    db.transaction(() => {
      // Keys of 70–700 characters: serial types and payload sizes of two bytes, a few rows a page.
      for (let i = 0; i < 400; i++)
        db.run('INSERT INTO notes VALUES (?, ?)', [`${i} `.repeat(20 + (i % 200)), i / 4]);
    });
    const file = db.fileBytes()!;
    for (const threshold of [-1, 0, 12.5, 50, 99.75, 100]) {
      const sql = db.get<{ n: number }>('SELECT count(*) AS n FROM notes WHERE n > ?', [threshold])!.n;
      expect(countRowsAbove(file, root('notes'), 1, threshold)).toBe(sql);
    }
    db.close();
  });

  it('counts the rows of a rowid table keyed by an INTEGER PRIMARY KEY of up to 2^42, as SQLite does', async () => {
    const { db, root } = await tableWith([]);
    db.exec('CREATE TABLE keyed (k INTEGER PRIMARY KEY, scaled REAL NOT NULL)');
    const rng = createRng('btree-records-rowid');
    db.transaction(() => {
      // Keys of one to six bytes (the cells' rowid varints), values of every stored kind.
      for (let i = 0; i < 40_000; i++) {
        const k = Math.floor(rng.next() * 2 ** (7 + rng.int(36)));
        const pick = rng.int(4);
        const scaled =
          pick === 0 ? rng.next() * 10 : pick === 1 ? rng.int(300) - 150 : pick === 2 ? 0 : -rng.next();
        db.run('INSERT OR REPLACE INTO keyed (k, scaled) VALUES (?, ?)', [k, scaled]);
      }
    });
    const file = db.fileBytes()!;
    for (const threshold of [-200, -0.5, 0, 0.25, 1, 7.5, 148]) {
      const sql = db.get<{ n: number }>('SELECT count(*) AS n FROM keyed WHERE scaled > ?', [threshold])!.n;
      expect(sql).toBeGreaterThan(0);
      expect(countRowsAbove(file, root('keyed'), 1, threshold)).toBe(sql);
    }
    // Column 0 is the key: NULL in the record, never counted.
    expect(countRowsAbove(file, root('keyed'), 0, -1)).toBe(0);
    db.close();
  });
});
