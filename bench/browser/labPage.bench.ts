import type { BrowserBench } from '../harness';
import { busiestWorker, threadDelta, threadTimes } from '../threadCpu';

/** Writes per run: where the kernel keeps no schedstat, CPU time comes in ticks of 10 ms, longer than a write. */
const WRITES = 20;
const RUNS = 5;

type Engine = { addNote(body: string): Promise<unknown>; flush(): Promise<unknown> };

/**
 * What the page's main thread spends on a write while the Lab shows a result: each write moves the
 * tab's save state three times (unsaved, saving, saved), and the header shows it. A note is the
 * write here (the Lab page does not show notes, so nothing on it changes but the header, which renders
 * the unsaved and saving states only when they last: src/app/shownSaveState.ts). CPU time of the
 * renderer's main thread per write, from Linux's /proc; not measured where there is none.
 */
export default (async (h, page) => {
  await page.evaluate(() => (location.hash = '#/lab'));
  await page.getByRole('button', { name: /^Try an example/ }).click();
  await page
    .getByTestId('result-hash')
    .filter({ hasText: /^[0-9a-f]{64}$/ })
    .waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  if (!threadTimes()) return;
  const perWrite: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const before = threadTimes()!;
    await page.evaluate(async (writes) => {
      const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
      for (let i = 0; i < writes; i++) {
        await engine.addNote(`bench note ${i}`);
        await engine.flush();
        // The page renders the last state before the next write.
        await new Promise((r) => setTimeout(r, 50));
      }
    }, WRITES);
    const used = threadDelta(before, threadTimes()!);
    // The tab's renderer: the process whose engine worker thread ran the writes. Its main thread is
    // the one whose id is the process's (Chromium leaves that thread's kernel name alone on Linux).
    const worker = busiestWorker(used.values());
    if (!worker) throw new Error('no engine worker thread ran the writes');
    perWrite.push((used.get(`${worker.pid}/${worker.pid}`)?.ms ?? 0) / WRITES);
  }
  h.record("Lab page showing a result: the page's main-thread CPU per write", perWrite, 'ms', {
    writesPerRun: WRITES,
  });
}) satisfies BrowserBench;
