import { describe, expect, it } from 'vitest';
import { openEmptyDb } from './testDb';

describe('SqlJsDb', () => {
  it('commits a transaction and rolls back a failing one entirely', async () => {
    const db = await openEmptyDb();
    db.exec('CREATE TABLE t (x INTEGER)');
    db.transaction(() => db.run('INSERT INTO t VALUES (1)'));
    expect(() =>
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (2)');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(db.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    expect(db.inTransaction).toBe(false);
  });

  it('reads rows as objects by column name, and a cached statement sees a column added later', async () => {
    const db = await openEmptyDb();
    db.exec('CREATE TABLE t (x INTEGER, y TEXT)');
    db.run("INSERT INTO t VALUES (1, 'a'), (2, NULL)");
    expect(db.all('SELECT * FROM t ORDER BY x')).toEqual([
      { x: 1, y: 'a' },
      { x: 2, y: null },
    ]);
    expect(db.get('SELECT y AS label, x * 2 AS twice FROM t WHERE x = ?', [1])).toEqual({
      label: 'a',
      twice: 2,
    });
    // Through run, not exec: the cached `SELECT *` is prepared again by SQLite with three columns.
    db.run('ALTER TABLE t ADD COLUMN z REAL DEFAULT 0.5');
    expect(db.all('SELECT * FROM t ORDER BY x')).toEqual([
      { x: 1, y: 'a', z: 0.5 },
      { x: 2, y: null, z: 0.5 },
    ]);
    expect(db.get('SELECT * FROM t WHERE x = 2')).toEqual({ x: 2, y: null, z: 0.5 });
  });

  it('prepares statements without running them, skips what the schema cannot prepare, and lists them', async () => {
    const db = await openEmptyDb();
    db.exec('CREATE TABLE t (x INTEGER)');
    const insert = 'INSERT INTO t VALUES (?)';
    expect(db.prepare([insert, 'SELECT x FROM t', 'SELECT y FROM missing'])).toBe(1);
    expect(db.preparedSql()).toEqual([insert, 'SELECT x FROM t']);
    expect(db.all('SELECT x FROM t')).toEqual([]);
    expect(db.totalChanges()).toBe(0);
    // The kept statement runs as any other, and is not prepared a second time.
    db.run(insert, [7]);
    expect(db.all('SELECT x FROM t')).toEqual([{ x: 7 }]);
    expect(db.preparedSql().filter((sql) => sql === insert)).toHaveLength(1);
  });

  it('never empties its statement cache to prepare more: past its size it skips them', async () => {
    const db = await openEmptyDb();
    const sqls = Array.from({ length: 300 }, (_, i) => `SELECT ${i}`);
    expect(db.prepare(sqls)).toBe(300 - 255);
    expect(db.preparedSql()).toEqual(sqls.slice(0, 255));
    expect(db.prepare(['SELECT 1000', 'SELECT 3'])).toBe(1);
    expect(db.preparedSql()).toEqual(sqls.slice(0, 255));
  });

  it('nests with savepoints: an inner failure undoes only the inner part', async () => {
    const db = await openEmptyDb();
    db.exec('CREATE TABLE t (x INTEGER)');
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (1)');
      try {
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (2)');
          throw new Error('inner');
        });
      } catch {
        // expected
      }
      db.run('INSERT INTO t VALUES (3)');
    });
    expect(db.all<{ x: number }>('SELECT x FROM t ORDER BY x').map((r) => r.x)).toEqual([1, 3]);
  });

  it('refuses async transaction bodies and export inside a transaction', async () => {
    const db = await openEmptyDb();
    db.exec('CREATE TABLE t (x INTEGER)');
    expect(() => db.transaction(() => Promise.resolve(1))).toThrow(/synchronous/);
    expect(() => db.transaction(() => db.export())).toThrow(/inside a transaction/);
  });

  it('exports a file that starts with the SQLite header and reports its size', async () => {
    const db = await openEmptyDb();
    db.exec('CREATE TABLE t (x TEXT)');
    db.run('INSERT INTO t VALUES (?)', ['hello']);
    const bytes = db.export();
    expect(new TextDecoder().decode(bytes.slice(0, 15))).toBe('SQLite format 3');
    expect(db.sizeBytes()).toBe(bytes.length);
    expect(db.get('SELECT x FROM t')).toEqual({ x: 'hello' });
  });

  it('keeps its rollback journal in memory, and still rolls back after an export', async () => {
    const db = await openEmptyDb();
    expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'memory' });
    db.exec('CREATE TABLE t (x INTEGER)');
    db.transaction(() => db.run('INSERT INTO t VALUES (1)'));
    db.export();
    expect(() =>
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (2)');
        db.transaction(() => db.run('INSERT INTO t VALUES (3)'));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(db.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'memory' });
  });
});
