import initSqlJs from 'sql.js';
import { SqlJsDb } from './db';
import { migrate } from './migrate';
import { knownMigrations } from './migrations';

/**
 * A fresh, fully migrated in-memory database for Node tests: the real sql.js build and the real
 * schema, never a mock.
 */
export async function openTestDb(now = 1_700_000_000_000): Promise<SqlJsDb> {
  const SQL = await initSqlJs();
  const db = new SqlJsDb(new SQL.Database());
  migrate(db, knownMigrations, now);
  return db;
}

export async function openEmptyDb(): Promise<SqlJsDb> {
  const SQL = await initSqlJs();
  return new SqlJsDb(new SQL.Database());
}
