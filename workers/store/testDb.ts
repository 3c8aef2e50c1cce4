import initSqlJs from 'sql.js';
import { SqlJsDb } from './db';
import { migrate } from './migrate';
import { knownMigrations } from './migrations';

/**
 * A fresh, fully migrated in-memory database for Node tests: the real sql.js build and the real
 * schema, never a mock.
 */
/**
 * Options for `openTestDb` that open the file as the app opens its lab: watched for block saves and
 * given room up to the lab limit at once. Without it sql.js moves a growing file to a new buffer at
 * every eighth of growth, a cost the app does not pay (a quarter or more of the CPU time of a
 * 100k-token ingest; a 10k-sample lane job's commits took 0.33 ms against 0.11 ms).
 */
export const APP_FILE = { trackFile: true } as const;

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
