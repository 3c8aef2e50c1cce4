import type { Page } from '@playwright/test';

type Engine = { open(): Promise<unknown>; dataStats(): Promise<unknown> };

/**
 * Reloads the page `runs` times and returns, for each, the time from navigation start until the lab
 * is open and its data readable (what a person waits for after a reload).
 */
export async function reloadUntilReadable(page: Page, runs = 3): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await page.waitForFunction(() => (globalThis as { dreamlane?: unknown }).dreamlane !== undefined);
    times.push(
      await page.evaluate(async () => {
        const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
        await engine.open();
        await engine.dataStats();
        return performance.now(); // since navigation start
      }),
    );
  }
  return times;
}
