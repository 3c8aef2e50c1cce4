import { EngineError } from '../core/errors';
import type { Db } from './db';
import type { Migration } from './migrations';

const LEDGER = `CREATE TABLE IF NOT EXISTS __migrations__ (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  applied_at INTEGER NOT NULL
)`;

/** Names of the migrations recorded in a database, in the order applied. */
export function appliedMigrations(db: Db): string[] {
  const exists = db.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = '__migrations__'");
  if (!exists) return [];
  return db.all<{ name: string }>('SELECT name FROM __migrations__ ORDER BY id').map((r) => r.name);
}

/**
 * Throws SCHEMA_MISMATCH unless the database's applied migrations are a prefix of `known`: a
 * database from a newer Dreamlane, or one whose history differs, is refused rather than "repaired".
 */
export function checkMigrationPrefix(db: Db, known: readonly Migration[]): string[] {
  const applied = appliedMigrations(db);
  if (applied.length > known.length) {
    throw new EngineError(
      'SCHEMA_MISMATCH',
      `This database was written by a newer Dreamlane (it has ${applied.length} schema steps, this app knows ${known.length}). Open it with a newer version.`,
      { applied, known: known.map((m) => m.name) },
    );
  }
  applied.forEach((name, i) => {
    if (known[i]!.name !== name) {
      throw new EngineError(
        'SCHEMA_MISMATCH',
        `This database's schema history does not match Dreamlane's (step ${i + 1} is "${name}", expected "${known[i]!.name}"). It was not changed.`,
        { applied, known: known.map((m) => m.name) },
      );
    }
  });
  return applied;
}

/**
 * Brings a database up to date: checks the prefix, then applies each missing migration in its own
 * transaction together with its ledger row. Running it again applies nothing.
 */
export function migrate(db: Db, known: readonly Migration[], now: number): string[] {
  const missing = missingMigrations(db, known);
  for (const m of missing) applyMigration(db, m, now);
  return afterMigrations(db, missing);
}

/**
 * As `migrate`, awaiting `pause` before each migration, so that work done in idle pieces (the warm-up's
 * throwaway database) holds the thread for one migration at a time.
 */
export async function migrateInPieces(
  db: Db,
  known: readonly Migration[],
  now: number,
  pause: () => Promise<void>,
): Promise<string[]> {
  const missing = missingMigrations(db, known);
  for (const m of missing) {
    await pause();
    applyMigration(db, m, now);
  }
  return afterMigrations(db, missing);
}

/** The known migrations the database lacks, after checking the prefix it has; the ledger exists after. */
function missingMigrations(db: Db, known: readonly Migration[]): readonly Migration[] {
  const applied = checkMigrationPrefix(db, known);
  db.exec(LEDGER);
  return known.slice(applied.length);
}

/** One migration in its own transaction, together with its ledger row. */
function applyMigration(db: Db, m: Migration, now: number): void {
  db.transaction(() => {
    db.exec(m.sql);
    db.run('INSERT INTO __migrations__ (name, applied_at) VALUES (?, ?)', [m.name, now]);
  });
}

/** After migrations were added: the file compacted if most of it is free pages; their names. */
function afterMigrations(db: Db, added: readonly Migration[]): string[] {
  if (added.length > 0) compactIfMostlyFree(db);
  return added.map((m) => m.name);
}

/**
 * A migration that rebuilds tables leaves the old tables' pages free inside the file, which keeps its
 * size: 0006 (the field's count tables keyed by one integer) took a 1M-token lab from 53 MB to 79 MB,
 * 30 MB of it free, past the size a lab is saved at (MAX_DB_BYTES), so the upgraded lab could no
 * longer be saved. When more than a quarter of the file is free after this open's migrations, VACUUM
 * writes it again without the free pages (that lab: 1.5 s in Node, 48 MB after). SQLite shrinks the
 * file; the next save writes every block (the file changes write it whole anyway).
 */
function compactIfMostlyFree(db: Db): void {
  if (db.pragmaNumber('freelist_count') * 4 > db.pragmaNumber('page_count')) db.exec('VACUUM');
}
