import type { SqlJsStatic } from 'sql.js';
import { EngineError } from '../core/errors';
import { SqlJsDb } from './db';
import { checkMigrationPrefix, migrate } from './migrate';
import type { Migration } from './migrations';

const MAGIC = 'SQLite format 3\u0000';

const corrupt = (message: string, details?: Record<string, unknown>) =>
  new EngineError('CORRUPT_IMPORT', message, details);

/**
 * Checks the parts of the 100-byte header that reveal a foreign or truncated file before SQLite
 * sees it: sql.js would otherwise open a truncated file and fail later, mid-query.
 */
export function checkHeader(bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array)) throw corrupt('The file could not be read as bytes.');
  if (bytes.length < 100) {
    throw corrupt(`This is not a Dreamlane database: the file is only ${bytes.length} bytes long.`);
  }
  let magic = '';
  for (let i = 0; i < 16; i++) magic += String.fromCharCode(bytes[i]!);
  if (magic !== MAGIC) {
    throw corrupt('This is not a SQLite database (its first bytes are not "SQLite format 3").');
  }
  const rawPageSize = (bytes[16]! << 8) | bytes[17]!;
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw corrupt(`The SQLite header is damaged (page size ${rawPageSize}).`);
  }
  if (bytes.length % pageSize !== 0) {
    throw corrupt(
      `The file looks truncated or damaged: ${bytes.length} bytes is not a whole number of ${pageSize}-byte pages.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const changeCounter = view.getUint32(24);
  const pagesInHeader = view.getUint32(28);
  const validFor = view.getUint32(92);
  // The in-header size is only trustworthy when "version-valid-for" matches the change counter.
  if (validFor === changeCounter && pagesInHeader > 0 && pagesInHeader * pageSize !== bytes.length) {
    throw corrupt(
      `The file looks truncated: its header says ${pagesInHeader * pageSize} bytes, the file has ${bytes.length}.`,
    );
  }
}

/**
 * Opens an imported file as a candidate database and proves it is a sound Dreamlane database:
 * header, `PRAGMA integrity_check`, and a migration history that is a prefix of ours; then brings
 * it up to date. The caller swaps it in only when this returns; on any error the candidate is closed
 * and the current data is untouched.
 */
export function openImportCandidate(
  SQL: SqlJsStatic,
  bytes: Uint8Array,
  known: readonly Migration[],
  now: number,
): SqlJsDb {
  checkHeader(bytes);
  let db: SqlJsDb;
  try {
    db = new SqlJsDb(new SQL.Database(bytes));
  } catch (err) {
    throw corrupt(`SQLite could not open the file: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    let verdict: string[];
    try {
      verdict = db
        .all<Record<string, string>>('PRAGMA integrity_check')
        .map((r) => String(Object.values(r)[0]));
    } catch (err) {
      throw corrupt(`The file is damaged: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (verdict.length !== 1 || verdict[0] !== 'ok') {
      throw corrupt('The file is damaged (SQLite integrity check failed).', {
        problems: verdict.slice(0, 5),
      });
    }
    const ledger = db.get(
      "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = '__migrations__'",
    );
    if (!ledger) {
      throw corrupt('This SQLite file is not a Dreamlane database (it has no Dreamlane schema history).');
    }
    try {
      checkMigrationPrefix(db, known);
    } catch (err) {
      if (err instanceof EngineError) throw corrupt(err.message, err.details);
      throw err;
    }
    migrate(db, known, now);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
