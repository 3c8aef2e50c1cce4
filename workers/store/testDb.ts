import initSqlJs from 'sql.js';
import { SqlJsDb } from './db';
import { migrate } from './migrate';
import { knownMigrations } from './migrations';

/**
 * A fresh, fully migrated in-memory database for Node tests: the real sql.js build and the real
 * schema, never a mock.
 */
export async function openTestDb(
  now = 1_700_000_000_000,
  opts: { trackFile?: boolean } = {},
): Promise<SqlJsDb> {
  const SQL = await initSqlJs();
  // `trackFile`: the file is watched and given room as the app's lab is (benchmarks measure that).
  const db = new SqlJsDb(new SQL.Database(), opts.trackFile ? { trackFile: 'new' } : {});
  migrate(db, knownMigrations, now);
  return db;
}

export async function openEmptyDb(): Promise<SqlJsDb> {
  const SQL = await initSqlJs();
  return new SqlJsDb(new SQL.Database());
}
