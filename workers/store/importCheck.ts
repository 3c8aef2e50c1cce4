import type { SqlJsStatic } from 'sql.js';
import { EngineError } from '../core/errors';
import { SqlJsDb } from './db';
import { maxDbMessage } from './limits';
import { checkMigrationPrefix, migrate } from './migrate';
import type { Migration } from './migrations';
import { invalidJson, schemaDifferences } from './schemaCheck';

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

/** The schema Dreamlane's migrations produce, on a fresh in-memory database. */
function referenceSchema(SQL: SqlJsStatic, known: readonly Migration[], now: number): SqlJsDb {
  const ref = new SqlJsDb(new SQL.Database());
  migrate(ref, known, now);
  return ref;
}

const listed = (items: string[], max = 4) =>
  items.slice(0, max).join('; ') + (items.length > max ? `; and ${items.length - max} more` : '');

/**
 * Opens an imported file as a candidate database and proves it is a Dreamlane database as Dreamlane
 * wrote it: size within the limit, header, `PRAGMA integrity_check`, a migration history that is a
 * prefix of ours, then (brought up to date) exactly the schema our migrations produce and valid
 * JSON where the engines parse it. The caller swaps it in only when this returns; on any error the
 * candidate is closed and the current data is untouched.
 */
export function openImportCandidate(
  SQL: SqlJsStatic,
  bytes: Uint8Array,
  known: readonly Migration[],
  now: number,
  maxBytes: number,
): SqlJsDb {
  if (bytes instanceof Uint8Array && bytes.length > maxBytes) {
    throw new EngineError('STORAGE_QUOTA', maxDbMessage(bytes.length, maxBytes, 'file'), {
      sizeBytes: bytes.length,
      maxBytes,
    });
  }
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
      // A foreign trigger may fire while the file is brought up to date; that only touches this
      // candidate, which the schema check below then refuses.
      migrate(db, known, now);
    } catch (err) {
      if (err instanceof EngineError) throw corrupt(err.message, err.details);
      throw corrupt(
        `The file's schema could not be brought up to date: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const ref = referenceSchema(SQL, known, now);
    let diffs: string[];
    try {
      diffs = schemaDifferences(db, ref);
    } finally {
      ref.close();
    }
    if (diffs.length > 0) {
      throw corrupt(`This file's schema is not the one Dreamlane writes: ${listed(diffs)}.`, {
        differences: diffs,
      });
    }
    const tables = new Set(
      db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name),
    );
    const bad = invalidJson(db, tables);
    if (bad.length > 0) {
      throw corrupt(`This file holds data Dreamlane cannot read: not valid JSON in ${listed(bad)}.`, {
        invalidJson: bad,
      });
    }
    const size = db.sizeBytes();
    if (size > maxBytes) {
      throw new EngineError('STORAGE_QUOTA', maxDbMessage(size, maxBytes, 'file'), {
        sizeBytes: size,
        maxBytes,
      });
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
