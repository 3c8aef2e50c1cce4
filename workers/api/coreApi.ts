import type { CoreApi, DataStats, Note } from '../contract';
import { EngineError } from '../core/errors';
import { PLANS } from '../core/plans';
import { countBtreeRows } from '../store/btreeCount';
import type { Db } from '../store/db';
import { appliedMigrations } from '../store/migrate';
import { readMetrics, toPrometheusText } from '../store/metrics';
import { getPlan, setPlan } from '../store/plan';
import type { EngineRuntime } from '../runtime/runtime';
import { requireBytes, requireOneOf, requireString, wellFormed } from '../runtime/validate';

/**
 * Every table with its number of rows. The counts are read from the file's B-tree pages where the
 * file is within reach (store/btreeCount.ts: a few bytes per page instead of SQLite reading every
 * page), otherwise, or when the pages do not read as expected, with `count(*)`.
 */
export function tableStats(db: Db) {
  const tables = db.all<{ name: string; rootpage: number }>(
    "SELECT name, rootpage FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const file = db.fileBytes();
  return tables.map(({ name, rootpage }) => {
    const fromFile = file ? countBtreeRows(file, Number(rootpage)) : null;
    if (fromFile !== null) return { name, rows: fromFile };
    const row = db.get<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    return { name, rows: Number(row?.n ?? 0) };
  });
}

/**
 * Each open file's counts at the last look, kept while it has had no change since: SQLite's
 * `total_changes()` (every row written on its connection) and the file's size say so. Per file, not
 * per API object: the worker's entry counts once as soon as a lab opens (api/openingApi.ts), and the
 * whole API, once the engines' code has loaded, finds those counts too.
 */
const countsSeen = new WeakMap<Db, { changes: number; size: number; stats: Omit<DataStats, 'save'> }>();

/** The foundation's slice of the API: lifecycle, data management, notes, plan and metrics. */
export function createCoreApi(rt: EngineRuntime): Omit<CoreApi, 'connect'> {
  const stats = (): DataStats =>
    rt.read((db) => {
      const changes = db.totalChanges();
      const size = db.sizeBytes();
      let seen = countsSeen.get(db);
      if (seen?.changes !== changes || seen.size !== size) {
        seen = {
          changes,
          size,
          stats: { sizeBytes: size, tables: tableStats(db), migrations: appliedMigrations(db) },
        };
        countsSeen.set(db, seen);
      }
      return { ...seen.stats, save: rt.saveState };
    });

  return {
    open: () => rt.open(),
    takeOver: () => rt.takeOver(),
    lockState: async () => rt.lock,
    flush: () => rt.flush(),
    cancel: async (opId) => rt.operations.cancel(requireString(opId, 'opId', { min: 1, max: 128 })),

    dataStats: async () => stats(),
    exportDatabase: () => rt.exportBytes(),
    importDatabase: async (bytes) => {
      await rt.importBytes(requireBytes(bytes, 'file'));
      return stats();
    },
    eraseEverything: async (confirm) => {
      if (confirm !== 'ERASE') {
        throw new EngineError('BAD_INPUT', 'To erase everything, confirm with the word ERASE.');
      }
      await rt.erase();
      return stats();
    },

    addNote: async (body) => {
      // Normalised before the write, so the note confirmed is the note stored.
      const text = wellFormed(requireString(body, 'note', { min: 1, max: 10_000 })).trim();
      if (!text) throw new EngineError('BAD_INPUT', 'A note cannot be empty.');
      const createdAt = rt.clock.now();
      const id = await rt.write((db) => {
        db.run('INSERT INTO notes (body, created_at) VALUES (?, ?)', [text, createdAt]);
        return db.lastInsertRowid();
      });
      return { id, body: text, createdAt };
    },
    listNotes: async () =>
      rt.read((db) =>
        db.all<Note>('SELECT id, body, created_at AS createdAt FROM notes ORDER BY id DESC LIMIT 200'),
      ),

    getPlan: async () => rt.read(getPlan),
    setPlan: async (plan) => {
      const p = requireOneOf(plan, 'plan', PLANS);
      await rt.write((db) => setPlan(db, p));
      return p;
    },

    metrics: async () => rt.read(readMetrics),
    metricsText: async () => rt.read((db) => toPrometheusText(readMetrics(db))),
  };
}
