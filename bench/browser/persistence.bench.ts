import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserBench } from '../harness';
import { reloadUntilReadable } from './reload';
import { makeDatabase } from '../paddedDatabase';

type Engine = {
  addNote(body: string): Promise<unknown>;
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

  // A save that composes a new base: a 50 MB lab, notes until the blocks kept beside the base near
  // the threshold (an eighth of the image, at least 8 MB), then one more batch, saved while a chat
  // turn arrives. Each try starts from a fresh import (the notes grow the lab towards its limit).
  writeFileSync(join(outDir, 'bench-data', 'db-50.sqlite'), await makeDatabase(50));
  const composed = { saveMs: [] as number[], wait: [] as number[], sizeMb: 0 };
  for (let k = 0; k < 3; k++) {
    const one = await page.evaluate(async (url) => {
      const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
      await engine.open();
      await engine.importDatabase(new Uint8Array(await (await fetch(url)).arrayBuffer()));
      await engine.flush();
      const note = (i: number) => `${i} ` + 'a long note that fills new pages '.repeat(270);
      // Save after every ten notes, with a chat turn arriving just after the save starts, until a
      // save composes a new base (the base's key changes).
      const quiet: number[] = [];
      for (let j = 0; j < 3; j++) {
        const t = performance.now();
        await engine.friendChat(`a quiet question ${j}`);
        quiet.push(performance.now() - t);
      }
      const quietMs = quiet.sort((a, b) => a - b)[1]!;
      for (let i = 0; i < 3000; i += 10) {
        // The manifest is read first: nothing may wait between the last note and the flush, or the
        // saver's own timer starts the save before the chat turn is sent.
        const before = (await manifest()).base;
        for (let j = 0; j < 10; j++) await engine.addNote(note(i + j));
        const t0 = performance.now();
        const saving = engine.flush();
        await new Promise((r) => setTimeout(r, 5));
        const t1 = performance.now();
        await engine.friendChat('a question during a save');
        const during = performance.now() - t1;
        await saving;
        const saveMs = performance.now() - t0;
        if ((await manifest()).base !== before) {
          const sizeMb = (await engine.dataStats()).sizeBytes / 1024 / 1024;
          return { saveMs, wait: during - quietMs, sizeMb };
        }
      }
      throw new Error('no save composed a new base');

      function manifest() {
        return new Promise<{ base: string }>((resolve, reject) => {
          const req = indexedDB.open('dreamlane');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const get = req.result.transaction('snapshots').objectStore('snapshots').get('manifest');
            get.onsuccess = () => {
              req.result.close();
              resolve(get.result as { base: string });
            };
            get.onerror = () => reject(get.error);
          };
        });
      }
    }, './bench-data/db-50.sqlite');
    composed.saveMs.push(one.saveMs);
    composed.wait.push(one.wait);
    composed.sizeMb = one.sizeMb;
  }
  const at = `${Math.round(composed.sizeMb)} MB lab`;
  h.record(`save that composes a new base, ${at}: time end to end`, composed.saveMs, 'ms');
  h.record(`chat turn wait caused by a save composing a new base, ${at}`, composed.wait, 'ms');
};

export default bench;
