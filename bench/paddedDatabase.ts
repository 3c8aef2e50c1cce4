import initSqlJs from 'sql.js';
import { createRng } from '../workers/core/rng';
import { migrate } from '../workers/store/migrate';
import { knownMigrations } from '../workers/store/migrations';
import { SqlJsDb } from '../workers/store/db';

/**
 * A migrated Dreamlane database padded to about `mb` megabytes with incompressible rows (in a
 * table of their own, so the page on screen stays light and the measure is the save itself).
 */
export async function makeDatabase(mb: number): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SqlJsDb(new SQL.Database());
  migrate(db, knownMigrations, 0);
  const rng = createRng('storage-bench', mb);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const row = () => {
    let s = '';
    for (let i = 0; i < 4000; i++) s += alphabet[rng.int(alphabet.length)];
    return s;
  };
  const rows = Math.round((mb * 1024 * 1024) / 4100);
  db.exec('CREATE TABLE bench_padding (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) db.run('INSERT INTO bench_padding (body) VALUES (?)', [row()]);
  });
  return db.export();
}
