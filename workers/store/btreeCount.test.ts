import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { BtreeWalk, countBtreeRows, pageSizeOf } from './btreeCount';
import { SqlJsDb } from './db';
import { openTestDb } from './testDb';
import { fill } from './testTables';

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

  it('walks in steps of a few pages the pages a walk in one go visits, in the same order', async () => {
    const db = await openTestDb();
    fill(db, 6, 3000);
    const file = db.export();
    const root = Number(
      db.get<{ r: number }>("SELECT rootpage AS r FROM sqlite_master WHERE name = 'pairs'")!.r,
    );
    const whole: number[] = [];
    expect(new BtreeWalk(file, root).step((p) => (whole.push(p.start), true))).toBe('done');
    expect(whole.length).toBeGreaterThan(6);

    const stepped: number[] = [];
    const walk = new BtreeWalk(file, root);
    const states: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const state = walk.step((p) => (stepped.push(p.start), true), 3);
      states.push(state);
      if (state !== 'more') break;
    }
    expect(stepped).toEqual(whole);
    expect(states.at(-1)).toBe('done');
    // The step that visits the last page says so.
    expect(states.length).toBe(Math.ceil(whole.length / 3));
    // Once done it stays done, and visits nothing more.
    expect(walk.step(() => true)).toBe('done');
    expect(stepped.length).toBe(whole.length);

    // A visitor that refuses a page stops the walk for good.
    const refused = new BtreeWalk(file, root);
    expect(refused.step(() => true, 2)).toBe('more');
    expect(refused.step(() => false, 2)).toBe('bad');
    expect(refused.step(() => true)).toBe('bad');
    expect(new BtreeWalk(file, 0).step(() => true)).toBe('bad');
    db.close();
  });
});
