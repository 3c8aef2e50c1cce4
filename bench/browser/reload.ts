import type { Page } from '@playwright/test';

type Engine = { open(): Promise<unknown>; dataStats(): Promise<unknown> };

/** What the reloads took: the figure, and when each step of opening was reached (medians). */
export interface Reloads {
  /** Per reload, ms from navigation start until the lab is open and its data readable. */
  times: number[];
  /**
   * Median ms since navigation start at which each step was reached: the page created the worker,
   * the worker's entry ran (and started reading the lab), the lock was held, sql.js was ready, the
   * lab was read from IndexedDB, it was open, the data was readable, and the Data page showed it (the
   * page's own rendering, not part of the figure). The engines' code (`worker-ready`) loads 100 ms
   * after the lab opened: absent when that came after the marks were read.
   */
  phases: Record<string, number>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
};

/**
 * Reloads the page `runs` times and returns, for each, the time from navigation start until the lab
 * is open and its data readable (what a person waits for after a reload), with the steps on the way
 * (performance marks `dreamlane:*` of the page and of the engine worker, and of the navigation).
 *
 * Each reload comes `settleMs` after the page before it was readable, as when a person reloads a
 * page they have been using: by then its worker has loaded the engines' code and gone quiet. With
 * `settleMs: 0` the reload lands while the worker before it still loads that code and warms up,
 * and the new page shares the two cores and IndexedDB with it.
 */
export async function reloadUntilReadable(
  page: Page,
  { runs = 3, settleMs = 1500 }: { runs?: number; settleMs?: number } = {},
): Promise<Reloads> {
  const times: number[] = [];
  const seen: Record<string, number[]> = {};
  const note = (name: string, ms: number) => (seen[name] ??= []).push(Math.round(ms));
  for (let i = 0; i < runs; i++) {
    await new Promise((r) => setTimeout(r, settleMs));
    await page.reload();
    await page.waitForFunction(() => (globalThis as { dreamlane?: unknown }).dreamlane !== undefined);
    const run = await page.evaluate(async () => {
      const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
      await engine.open();
      await engine.dataStats();
      const readable = performance.now(); // since navigation start
      while (!document.querySelector('[data-testid="db-size"]')) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      const marks = performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('dreamlane:'))
        .map((m) => [m.name, m.startTime] as const);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (nav) {
        for (const k of ['responseEnd', 'unloadEventEnd', 'domInteractive'] as const) {
          marks.push([`dreamlane:nav-${k}`, nav[k]]);
        }
      }
      return { readable, shown: performance.now(), marks, origin: performance.timeOrigin };
    });
    times.push(run.readable);
    for (const [name, at] of run.marks) note(name.slice('dreamlane:'.length), at);
    // The worker's marks are on its own clock: moved onto the page's by the two time origins.
    const worker = page.workers().find((w) => /engine\.worker/.test(w.url()));
    if (worker) {
      const w = await worker.evaluate(() => ({
        origin: performance.timeOrigin,
        marks: performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('dreamlane:'))
          .map((m) => [m.name, m.startTime] as const),
      }));
      for (const [name, at] of w.marks) note(name.slice('dreamlane:'.length), at + w.origin - run.origin);
    }
    note('readable', run.readable);
    note('data-page-shown', run.shown);
  }
  const phases = Object.fromEntries(
    Object.entries(seen)
      .map(([name, xs]) => [name, median(xs)] as const)
      .sort((a, b) => a[1] - b[1]),
  );
  return { times, phases };
}
