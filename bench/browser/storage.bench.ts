import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { createRng } from '../../workers/core/rng';
import { migrate } from '../../workers/store/migrate';
import { knownMigrations } from '../../workers/store/migrations';
import { SqlJsDb } from '../../workers/store/db';
import type { BrowserBench } from '../harness';

/**
 * A migrated Dreamlane database padded to about `mb` megabytes with incompressible rows (in a
 * table of their own, so the page on screen stays light and the measure is the save itself).
 */
async function makeDatabase(mb: number): Promise<Uint8Array> {
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

type Engine = {
  importDatabase(b: Uint8Array): Promise<unknown>;
  addNote(b: string): Promise<unknown>;
  flush(): Promise<{ status: string }>;
  open(): Promise<unknown>;
  dataStats(): Promise<{ sizeBytes: number }>;
};

/**
 * Snapshot-and-save time (export in the worker + one IndexedDB put) and reload time against the
 * database size, and whether the main thread saw a long task (> 50 ms) while saving.
 */
const bench: BrowserBench = async (h, page) => {
  const outDir = process.env.BENCH_DIST || 'dist';
  mkdirSync(join(outDir, 'bench-data'), { recursive: true });
  for (const mb of [1, 10, 50]) {
    const bytes = await makeDatabase(mb);
    writeFileSync(join(outDir, 'bench-data', `db-${mb}.sqlite`), bytes);
    const sizeMb = bytes.length / 1024 / 1024;
    await page.evaluate(async (url) => {
      const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
      const buf = new Uint8Array(await (await fetch(url)).arrayBuffer());
      await engine.importDatabase(buf);
    }, `./bench-data/db-${mb}.sqlite`);

    const result = await page.evaluate(async () => {
      const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
      const longTasks: number[] = [];
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration);
      });
      obs.observe({ type: 'longtask', buffered: false });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        await engine.addNote(`bench ${i}`);
        const t0 = performance.now();
        const st = await engine.flush();
        times.push(performance.now() - t0);
        if (st.status !== 'saved') throw new Error(`save ended ${st.status}`);
      }
      await new Promise((r) => setTimeout(r, 100));
      obs.disconnect();
      return { times, longTasks };
    });
    h.record(`snapshot+save, ${sizeMb.toFixed(1)} MB`, result.times, 'ms', {
      mainThreadLongTasks: result.longTasks.length,
      longestMainThreadTaskMs: Math.round(Math.max(0, ...result.longTasks)),
    });

    const reloads: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await page.waitForFunction(() => (globalThis as { dreamlane?: unknown }).dreamlane !== undefined);
      reloads.push(
        await page.evaluate(async () => {
          const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
          await engine.open();
          await engine.dataStats();
          return performance.now(); // since navigation start
        }),
      );
    }
    h.record(`reload until data is readable, ${sizeMb.toFixed(1)} MB`, reloads, 'ms');
  }
};

export default bench;
