import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserBench } from '../harness';
import { reloadUntilReadable } from './reload';
import { makeDatabase } from '../paddedDatabase';

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

    const reloads = await reloadUntilReadable(page);
    h.record(`reload until data is readable, ${sizeMb.toFixed(1)} MB`, reloads.times, 'ms', {
      msSinceNavigationStart: reloads.phases,
    });
  }
};

export default bench;
