import type { Db } from '../store/db';

/**
 * Gives SQLite a page cache as large as the field (plus room to grow), so writes and reads across
 * the whole B-tree do not go back to the in-memory file for every page. Connection-wide; it only
 * ever grows here. Called when the field is loaded (a reopened lab starts with SQLite's 2 MB) and
 * as a taught text makes it grow.
 */
export function sizeCache(db: Db): void {
  const want = Math.min(512 * 1024, Math.ceil((db.sizeBytes() * 1.25) / 1024) + 32 * 1024);
  const have = Math.abs(db.pragmaNumber('cache_size'));
  if (want > have) db.run(`PRAGMA cache_size = -${want}`);
}
