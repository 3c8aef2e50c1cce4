// Test helper: tables of several B-tree shapes, for the row-count tests.
import { createRng } from '../core/rng';
import type { Db } from './db';

/** Tables of every B-tree shape: rows with overflow pages, WITHOUT ROWID keys, deletions, none. */
export function fill(db: Db, seed: number, rows: number): void {
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
