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

/** What the save of one generation wrote, read from the stored manifest and records. */
type Written = { kb: number; blocks: number; segments: number; kept: number };

/**
 * Persistence on a large lab (about 60 MB, the size of a 1M-token field): what a save after one chat
 * turn writes to IndexedDB and how long it takes end to end, how long a chat turn waits when it
 * arrives while a save runs (also when the save writes a 4 MB segment whole), and how long a reload
 * takes until the data is readable.
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
  await page.evaluate(installWrittenProbe);

  const result = await page.evaluate(async () => {
    const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
    const written = (globalThis as unknown as { __written: (g: number) => Promise<Written> }).__written;
    const saveMs: number[] = [];
    const writtenKb: number[] = [];
    let kept = 0;
    let segments = 0;
    for (let i = 0; i < 7; i++) {
      await engine.friendChat(`hello there number ${i}, what do you dream about?`);
      const t0 = performance.now();
      const st = await engine.flush();
      saveMs.push(performance.now() - t0);
      const w = await written(st.generation);
      writtenKb.push(w.kb);
      kept = w.kept;
      segments += w.segments;
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
    return { saveMs, writtenKb, kept, segments, idle, duringSave };
  });
  h.record(`save after a chat turn, ${mb} MB lab: time end to end`, result.saveMs, 'ms');
  h.record(`save after a chat turn, ${mb} MB lab: written to IndexedDB`, result.writtenKb, 'KB', {
    blocksKeptBesideSegments: result.kept,
    segmentsWrittenIn7Saves: result.segments,
  });
  h.record(`chat turn, ${mb} MB lab, nothing saving`, result.idle, 'ms');
  h.record(`chat turn, ${mb} MB lab, arriving during a save`, result.duringSave, 'ms');
  h.record(
    `chat turn wait caused by a save, ${mb} MB lab`,
    result.duringSave.map((d, i) => d - result.idle[i]!),
    'ms',
  );

  // A reload of a page in use (the figure), then reloads that each follow the last one at once.
  const reloads = await reloadUntilReadable(page, { runs: 9 });
  h.record(`reload until data is readable, ${mb} MB lab`, reloads.times, 'ms', {
    msSinceNavigationStart: reloads.phases,
  });
  const hasty = await reloadUntilReadable(page, { runs: 5, settleMs: 0 });
  h.record(`reload until data is readable, ${mb} MB lab, reloaded as soon as readable`, hasty.times, 'ms', {
    msSinceNavigationStart: hasty.phases,
  });
  await page.evaluate(installWrittenProbe);

  // A save that writes a segment whole: notes of 9 KB add new pages at the end of the file, and
  // once a quarter of a segment's blocks are kept beside it, the next save carries the 4 MB
  // segment. A chat turn arrives just after each save starts; the saves that wrote a segment count.
  // From a 50 MB lab: the notes need room below the 64 MB limit.
  writeFileSync(join(outDir, 'bench-data', 'db-50.sqlite'), await makeDatabase(50));
  const seg = await page.evaluate(async (url) => {
    const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
    await engine.importDatabase(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    await engine.flush();
    const written = (globalThis as unknown as { __written: (g: number) => Promise<Written> }).__written;
    const quiet: number[] = [];
    for (let j = 0; j < 5; j++) {
      const t = performance.now();
      await engine.friendChat(`a quiet question ${j}`);
      quiet.push(performance.now() - t);
    }
    const quietMs = quiet.sort((a, b) => a - b)[2]!;
    const saveMs: number[] = [];
    const wait: number[] = [];
    for (let i = 0; saveMs.length < 5 && i < 3000; i += 4) {
      for (let j = 0; j < 4; j++)
        await engine.addNote(`${i + j} ` + 'a note that fills new pages '.repeat(320));
      const t0 = performance.now();
      const saving = engine.flush();
      await new Promise((r) => setTimeout(r, 2));
      const t1 = performance.now();
      await engine.friendChat('a question during a save');
      const during = performance.now() - t1;
      const st = await saving;
      const ms = performance.now() - t0;
      // The flush may have saved twice (the chat turn's write after the notes'): look at both.
      const w = [await written(st.generation - 1), await written(st.generation)];
      if (w.some((x) => x.segments > 0)) {
        saveMs.push(ms);
        wait.push(during - quietMs);
      }
    }
    return { saveMs, wait };
  }, './bench-data/db-50.sqlite');
  h.record(`save that writes a 4 MB segment whole, 50–54 MB lab: time end to end`, seg.saveMs, 'ms');
  h.record(`chat turn wait caused by a save writing a segment, 50–54 MB lab`, seg.wait, 'ms');
};

/** Defines `__written(generation)` in the page: what the save of that generation wrote. */
function installWrittenProbe(): void {
  const read = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  (globalThis as unknown as { __written: (g: number) => Promise<Written> }).__written = async (
    generation,
  ) => {
    const db = await read(indexedDB.open('dreamlane'));
    try {
      const tx = db.transaction(['snapshots', 'blocks']);
      const m = (await read(tx.objectStore('snapshots').get('manifest'))) as {
        segments: Record<string, string>;
        blocks: Record<string, string>;
      };
      const blockKeys = Object.values(m.blocks).filter((k) => k.startsWith(`${generation}:`));
      const segKeys = Object.values(m.segments).filter((k) => k.startsWith(`seg:${generation}:`));
      let bytes = 0;
      for (const key of [...blockKeys, ...segKeys]) {
        const v = (await read(tx.objectStore('blocks').get(key))) as Blob | Uint8Array;
        bytes += v instanceof Blob ? v.size : v.length;
      }
      return {
        kb: bytes / 1024,
        blocks: blockKeys.length,
        segments: segKeys.length,
        kept: Object.keys(m.blocks).length,
      };
    } finally {
      db.close();
    }
  };
}

export default bench;
