import type { Db } from './db';

/**
 * Compares an imported database's schema with the one Dreamlane's migrations produce, object by
 * object: tables (and their columns), indexes, triggers and views. An import may hold only what
 * Dreamlane itself would have created; anything extra (a trigger that deletes on the next note, a
 * view standing in for a table), missing or changed is named, so the import can be refused.
 */

interface SchemaObject {
  type: string;
  name: string;
  table: string;
  sql: string;
}

/** SQLite's own bookkeeping tables, which appear and disappear with use (AUTOINCREMENT, ANALYZE). */
const INTERNAL = /^sqlite_(sequence|stat\d)$/;

/**
 * The CREATE statement with runs of whitespace collapsed and the spaces around punctuation dropped,
 * so formatting alone never counts as a difference; case and every token still count.
 */
export function normaliseSql(sql: string | null): string {
  if (sql === null) return '';
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),;=])\s*/g, '$1')
    .trim();
}

function objects(db: Db): Map<string, SchemaObject> {
  const rows = db.all<{ type: string; name: string; tbl_name: string; sql: string | null }>(
    'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name',
  );
  const out = new Map<string, SchemaObject>();
  for (const r of rows) {
    if (INTERNAL.test(r.name)) continue;
    out.set(r.name, { type: r.type, name: r.name, table: r.tbl_name, sql: normaliseSql(r.sql) });
  }
  return out;
}

type Column = {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
  hidden: number;
};

function columns(db: Db, table: string): string {
  const rows = db.all<Column>(`PRAGMA table_xinfo("${table.replace(/"/g, '""')}")`);
  return rows
    .map(
      (c) =>
        `${c.name} ${c.type} notnull=${c.notnull} default=${String(c.dflt_value)} pk=${c.pk} hidden=${c.hidden}`,
    )
    .join('; ');
}

const describe = (o: SchemaObject) =>
  o.type === 'table' || o.type === 'view' ? `${o.type} "${o.name}"` : `${o.type} "${o.name}" on "${o.table}"`;

/** Every way `candidate`'s schema differs from `reference`'s, in words; empty when they match. */
export function schemaDifferences(candidate: Db, reference: Db): string[] {
  const want = objects(reference);
  const have = objects(candidate);
  const diffs: string[] = [];
  for (const [name, w] of want) {
    const h = have.get(name);
    if (!h) {
      diffs.push(`${describe(w)} is missing`);
    } else if (h.type !== w.type) {
      diffs.push(`"${name}" is a ${h.type} where Dreamlane has a ${w.type}`);
    } else if (h.sql !== w.sql || h.table !== w.table) {
      diffs.push(`${describe(w)} is defined differently`);
    } else if (w.type === 'table' && columns(candidate, name) !== columns(reference, name)) {
      diffs.push(`table "${name}" has different columns`);
    }
  }
  for (const [name, h] of have) {
    if (!want.has(name)) diffs.push(`an unknown ${describe(h)} is present`);
  }
  return diffs;
}

/**
 * Columns that hold JSON the engines parse when they read the row: a value that is not JSON would
 * break the page that shows it, so an import carrying one is refused. Nullable ones may be NULL.
 */
export const JSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  metrics: ['labels'],
  settings: ['value'],
  lane_jobs: ['seed_json', 'result_json'],
  lane_trace: ['data_json'],
  lane_artifacts: ['payload_json'],
  colony_colonies: ['config'],
  colony_agents: ['expertise', 'personality'],
  colony_runs: ['request', 'winners', 'verdict'],
  colony_outcomes: ['scores', 'correct', 'reliability'],
  colony_tunes: ['options', 'rungs'],
  colony_tune_leaderboard: ['config'],
  colony_evolutions: ['options'],
  colony_model_profiles: ['profile'],
  friend_themes: ['words'],
};

/** `table.column (row n)` for the first few stored values that are not valid JSON. */
export function invalidJson(db: Db, known: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  for (const [table, cols] of Object.entries(JSON_COLUMNS)) {
    if (!known.has(table)) continue;
    for (const col of cols) {
      const rows = db.all<{ id: number }>(
        `SELECT rowid AS id FROM "${table}" WHERE "${col}" IS NOT NULL AND (typeof("${col}") <> 'text' OR NOT json_valid("${col}")) LIMIT 3`,
      );
      for (const r of rows) bad.push(`${table}.${col} (row ${r.id})`);
    }
  }
  return bad;
}
