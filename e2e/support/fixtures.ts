import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test: records requests that leave the origin and console errors, and fails if any happened.
 * The app must never talk to another host, and must never log an uncaught error.
 */
export const test = base.extend<{ guard: { foreignRequests: string[]; consoleErrors: string[] } }>({
  guard: [
    async ({ context }, use) => {
      const foreignRequests: string[] = [];
      const consoleErrors: string[] = [];
      context.on('request', (req) => {
        const url = new URL(req.url());
        if (['data:', 'blob:'].includes(url.protocol)) return;
        if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') foreignRequests.push(req.url());
      });
      context.on('page', (page) => watchPage(page, consoleErrors));
      await use({ foreignRequests, consoleErrors });
      expect(foreignRequests, 'requests to other origins').toEqual([]);
      expect(consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

function watchPage(page: Page, errors: string[]) {
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
}

export { expect };

/**
 * The engine worker's scripts (its entry and the engines' chunk it loads once the lab is open): they
 * run off the page's thread and the page does not wait for them, so the first-load budget leaves
 * them out (the first-load test and bench).
 */
export const ENGINE_WORKER_SCRIPT = /engine\.worker|engineMain/;

/** Open the app and wait until this tab holds the lab. */
export async function openApp(page: Page, path = './#/data') {
  await page.goto(path);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByText('Opening your lab…')).toHaveCount(0);
}

/**
 * A screenshot kept for looking at, not for a check: bounded, and a failure is logged, not fatal.
 * Headless Chromium sometimes draws no frame for the second of two pages on a loaded machine, and
 * a screenshot there waits for one until the test's time limit; the checks read the DOM instead.
 */
export async function screenshotForReview(page: Page, path: string) {
  try {
    await page.screenshot({ path, timeout: 10_000 });
  } catch (err) {
    console.warn(`screenshot for review skipped (${path}): ${(err as Error).message.split('\n')[0]}`);
  }
}
