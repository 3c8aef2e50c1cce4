import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserBench } from '../harness';
import { reloadUntilReadable } from './reload';
import { makeDatabase } from '../paddedDatabase';

type Engine = {
  importDatabase(b: Uint8Array): Promise<unknown>;
  friendChat(text: string): Promise<unknown>;
  flush(): Promise<{ status: string; generation: number }>;
  open(): Promise<unknown>;
  dataStats(): Promise<{ sizeBytes: number }>;
};

/**
 * Block-wise persistence on a large lab (about 60 MB, the size of a 1M-token field): what a save
 * after one chat turn writes to IndexedDB and how long it takes end to end, how long a chat turn
 * waits when it arrives while a save runs, and how long a reload takes until the data is readable.
 */
const bench: BrowserBench = async (h, page) => {
  const outDir = process.env.BENCH_DIST || 'dist';
  mkdirSync(join(outDir, 'bench-data'), { recursive: true });
  const mb = 60;
  writeFileSync(join(outDir, 'bench-data', `db-${mb}.sqlite`), await makeDatabase(mb));
  await page.evaluate(async (url) => {
    const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
    await engine.importDatabase(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    await engine.flush();
  }, `./bench-data/db-${mb}.sqlite`);

  const result = await page.evaluate(async () => {
    const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
    /** Blocks the save of `generation` wrote: their keys carry the generation that wrote them. */
    const blocksOf = (generation: number) =>
      new Promise<{ written: number; overlay: number; compacted: boolean }>((resolve, reject) => {
        const req = indexedDB.open('dreamlane');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('snapshots').objectStore('snapshots').get('manifest');
          get.onsuccess = () => {
            const m = get.result as { base: string; blocks: Record<string, string> };
            req.result.close();
            const keys = Object.values(m.blocks);
            resolve({
              written: keys.filter((k) => k.startsWith(`${generation}:`)).length,
              overlay: keys.length,
              compacted: m.base === `base:${generation}`,
            });
          };
          get.onerror = () => reject(get.error);
        };
      });
    const saveMs: number[] = [];
    const writtenKb: number[] = [];
    let overlayBlocks = 0;
    let compactions = 0;
    for (let i = 0; i < 7; i++) {
      await engine.friendChat(`hello there number ${i}, what do you dream about?`);
      const t0 = performance.now();
      const st = await engine.flush();
      saveMs.push(performance.now() - t0);
      const b = await blocksOf(st.generation);
      writtenKb.push(b.compacted ? NaN : b.written * 64);
      overlayBlocks = b.overlay;
      if (b.compacted) compactions++;
    }
    // A chat turn sent while a save is under way, against one sent when nothing is saving.
    const idle: number[] = [];
    const duringSave: number[] = [];
    for (let i = 0; i < 7; i++) {
      await engine.flush();
      let t = performance.now();
      await engine.friendChat(`a quiet question ${i}`);
      idle.push(performance.now() - t);
      // The saver starts 25 ms after the write; arrive just after it started.
      await new Promise((r) => setTimeout(r, 30));
      t = performance.now();
      await engine.friendChat(`a question during a save ${i}`);
      duringSave.push(performance.now() - t);
    }
    return { saveMs, writtenKb, overlayBlocks, compactions, idle, duringSave };
  });
  h.record(`save after a chat turn, ${mb} MB lab: time end to end`, result.saveMs, 'ms');
  h.record(
    `save after a chat turn, ${mb} MB lab: written to IndexedDB`,
    result.writtenKb.filter((x) => !Number.isNaN(x)),
    'KB',
    { changedBlocksKept: result.overlayBlocks, compactionsIn7Saves: result.compactions },
  );
  h.record(`chat turn, ${mb} MB lab, nothing saving`, result.idle, 'ms');
  h.record(`chat turn, ${mb} MB lab, arriving during a save`, result.duringSave, 'ms');
  h.record(
    `chat turn wait caused by a save, ${mb} MB lab`,
    result.duringSave.map((d, i) => d - result.idle[i]!),
    'ms',
  );

  const reloads = await reloadUntilReadable(page);
  h.record(`reload until data is readable, ${mb} MB lab`, reloads, 'ms');
};

export default bench;
