import initSqlJs from 'sql.js';
import { describe, expect, it, vi } from 'vitest';
import { createRng } from '../core/rng';
import { tableStats } from '../api/coreApi';
import { countBtreeRows, pageSizeOf } from './btreeCount';
import { SqlJsDb } from './db';
import { openTestDb } from './testDb';

/** Each table's count from the file beside SQLite's `count(*)`. */
function bothCounts(db: SqlJsDb, file: Uint8Array) {
  return db
    .all<{ name: string; rootpage: number }>(
      "SELECT name, rootpage FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    .map(({ name, rootpage }) => ({
      name,
      fromFile: countBtreeRows(file, rootpage),
      sql: Number(db.get<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`)!.n),
    }));
}

/** Tables of every B-tree shape: rows with overflow pages, WITHOUT ROWID keys, deletions, none. */
function fill(db: SqlJsDb, seed: number, rows: number): void {
  const rng = createRng('btree-count', seed);
  db.exec(`
    CREATE TABLE small (id INTEGER PRIMARY KEY, v TEXT);
    CREATE TABLE wide (id INTEGER PRIMARY KEY, v TEXT);
    CREATE TABLE pairs (a INTEGER, b INTEGER, w REAL, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE TABLE keyed (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
    CREATE TABLE empty (id INTEGER PRIMARY KEY);
    CREATE INDEX small_v ON small (v);
  `);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      db.run('INSERT INTO small (v) VALUES (?)', [`v${rng.int(1000)}`]);
      db.run('INSERT OR IGNORE INTO pairs VALUES (?, ?, ?)', [rng.int(500), rng.int(500), rng.next()]);
      db.run('INSERT OR IGNORE INTO keyed VALUES (?, ?)', [
        `key-${rng.int(1e6)}-${'x'.repeat(rng.int(90))}`,
        i,
      ]);
      if (i % 25 === 0) db.run('INSERT INTO wide (v) VALUES (?)', ['w'.repeat(100 + rng.int(20_000))]);
    }
  });
  // Deletions leave half-empty pages and free pages behind.
  db.run('DELETE FROM small WHERE id % 3 = 0');
  db.run('DELETE FROM pairs WHERE (a + b) % 4 = 0');
  db.run('DELETE FROM keyed WHERE v % 5 = 0');
}

describe('countBtreeRows', () => {
  it("counts every table's rows as count(*) does, at several page sizes", async () => {
    const SQL = await initSqlJs();
    for (const [seed, pageSize] of [
      [1, 4096],
      [2, 512],
      [3, 65536],
    ] as const) {
      const db = new SqlJsDb(new SQL.Database());
      db.exec(`PRAGMA page_size = ${pageSize}`);
      fill(db, seed, 6000);
      const file = db.export();
      expect(pageSizeOf(file)).toBe(pageSize);
      const counts = bothCounts(db, file);
      for (const c of counts) expect(c.fromFile, `${c.name} at ${pageSize}`).toBe(c.sql);
      // The tables are large enough to have interior pages, and none is counted by accident as empty.
      expect(counts.find((c) => c.name === 'small')!.sql).toBeGreaterThan(3000);
      expect(counts.find((c) => c.name === 'pairs')!.sql).toBeGreaterThan(3000);
      expect(counts.find((c) => c.name === 'empty')!.sql).toBe(0);
      db.close();
    }
  });

  it("counts the lab's tables, and the schema table whose root is page 1", async () => {
    const db = await openTestDb();
    fill(db, 4, 300);
    for (const c of bothCounts(db, db.export())) expect(c.fromFile, c.name).toBe(c.sql);
    const schemaRows = Number(db.get<{ n: number }>('SELECT count(*) AS n FROM sqlite_master')!.n);
    expect(countBtreeRows(db.export(), 1)).toBe(schemaRows);
    db.close();
  });

  it('gives null, never a wrong count, when the pages do not read as a B-tree', async () => {
    const db = await openTestDb();
    fill(db, 5, 2000);
    const file = db.export();
    const pageSize = pageSizeOf(file)!;
    const root = Number(
      db.get<{ r: number }>("SELECT rootpage AS r FROM sqlite_master WHERE name = 'small'")!.r,
    );
    db.close();

    expect(countBtreeRows(file, 0)).toBeNull();
    expect(countBtreeRows(file, file.length / pageSize + 1)).toBeNull();
    expect(countBtreeRows(file, 1.5)).toBeNull();
    expect(countBtreeRows(file.subarray(0, 50), 1)).toBeNull();

    // An unknown page type at the root.
    const badType = file.slice();
    badType[(root - 1) * pageSize] = 0x07;
    expect(countBtreeRows(badType, root)).toBeNull();

    // An interior root whose right-most child points back at itself: a cycle, not an endless walk.
    expect(file[(root - 1) * pageSize]).toBe(0x05);
    const cycle = file.slice();
    const at = (root - 1) * pageSize + 8;
    cycle[at] = (root >>> 24) & 0xff;
    cycle[at + 1] = (root >>> 16) & 0xff;
    cycle[at + 2] = (root >>> 8) & 0xff;
    cycle[at + 3] = root & 0xff;
    expect(countBtreeRows(cycle, root)).toBeNull();

    // A child pointing past the end of the file.
    const past = file.slice();
    past[at] = 0x7f;
    expect(countBtreeRows(past, root)).toBeNull();

    // A page size that is not a power of two.
    const badSize = file.slice();
    badSize[16] = 0x03;
    badSize[17] = 0x00;
    expect(pageSizeOf(badSize)).toBeNull();
    expect(countBtreeRows(badSize, root)).toBeNull();
  });
});

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
