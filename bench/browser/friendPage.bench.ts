import type { BrowserBench } from '../harness';
import { brownText } from '../node/friend.bench';
import { pasteInto } from '../../e2e/support/paste';

interface Watch {
  longTasks: number[];
  waits: number[];
  stop: boolean;
}

/**
 * Teaching a 1M-token text the way a person does, from the Friend page: the text pasted into the
 * inspector's box and the Teach button pressed. Meanwhile the page's main thread is watched (its long
 * tasks, over 50 ms) and a request that does no work of its own (`lockState`) is sent every 15 ms,
 * whose wait is what a chat turn sent then would wait before the engine takes it, the page's own
 * work included. Two texts, each on a reset field.
 */
export default (async (h, page) => {
  await page.evaluate(() => (location.hash = '#/friend'));
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const text = brownText(1_000_000);
  const longTasks: number[] = [];
  const waits: number[] = [];
  for (let run = 0; run < 2; run++) {
    await page.evaluate(async () => {
      const engine = (
        globalThis as unknown as {
          dreamlane: { engine: { friendReset(): Promise<unknown>; flush(): Promise<unknown> } };
        }
      ).dreamlane.engine;
      await engine.friendReset();
      await engine.flush();
    });
    await pasteInto(inspector.getByLabel('Teach a text'), text);
    await page.evaluate(() => {
      const w = globalThis as unknown as {
        benchWatch: Watch;
        dreamlane: { engine: { lockState(): Promise<unknown> } };
      };
      const watch: Watch = { longTasks: [], waits: [], stop: false };
      w.benchWatch = watch;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) watch.longTasks.push(e.duration);
      });
      observer.observe({ type: 'longtask' });
      void (async () => {
        while (!watch.stop) {
          await new Promise((r) => setTimeout(r, 15));
          const t = performance.now();
          await w.dreamlane.engine.lockState();
          watch.waits.push(performance.now() - t);
        }
        observer.disconnect();
      })();
    });
    await inspector.getByRole('button', { name: 'Teach', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Learned/ })
      .waitFor({ timeout: 180_000 });
    const out = await page.evaluate(() => {
      const watch = (globalThis as unknown as { benchWatch: Watch }).benchWatch;
      watch.stop = true;
      return { longTasks: watch.longTasks, waits: watch.waits };
    });
    longTasks.push(...out.longTasks);
    waits.push(...out.waits);
    h.record(
      `teaching 1M tokens from the Friend page: the page's long tasks, text ${run + 1}`,
      [out.longTasks.length],
      'tasks',
      {
        total_ms: Math.round(out.longTasks.reduce((a, b) => a + b, 0)),
        longest_ms: Math.max(0, ...out.longTasks),
      },
    );
  }
  h.record('teaching 1M tokens from the Friend page: wait of a request sent meanwhile', waits, 'ms', {
    max: Math.max(...waits),
  });
}) satisfies BrowserBench;
