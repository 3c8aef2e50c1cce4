import { expect, openApp, test } from './support/fixtures';

// The page's <meta> CSP does not reach a Web Worker: the engine worker is protected by the CSP
// header its script is served with, and by its own lockdown for hosts that send no headers.

test('the engine worker script is served with a CSP header without unsafe-eval', async ({ page }) => {
  const workerResponse = page.waitForResponse((r) => /engine\.worker[^/]*\.js$/.test(r.url()));
  await openApp(page);
  const csp = (await workerResponse).headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/'unsafe-eval'/);
});

type Probe = Record<string, string>;

test('inside the engine worker, code from strings and requests to another origin are refused', async ({
  page,
  guard,
}) => {
  await openApp(page);
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(worker, 'the engine worker').toBeTruthy();
  // Another origin that really answers (the sub-path server on the next port): only the worker's
  // policy can keep a request there from succeeding.
  const other = `http://localhost:${Number(process.env.E2E_PORT || 4173) + 1}/some/sub/path/`;
  // The attempts run in a timer task of the worker's own, not inside the debugger's evaluation
  // (which the browser exempts from the CSP), so they meet the policy as the worker's code would.
  await worker!.evaluate((url) => {
    const g = globalThis as unknown as Record<string, unknown>;
    const attempt = async (fn: () => unknown) => {
      try {
        await fn();
        return 'ran';
      } catch (err) {
        return `refused: ${(err as Error).name}`;
      }
    };
    setTimeout(async () => {
      const probe: Probe = {
        eval: await attempt(() => (g.eval as (s: string) => unknown)('1 + 1')),
        functionCtor: await attempt(() => (g.Function as (s: string) => () => unknown)('return 1')()),
        viaPrototype: await attempt(() =>
          (function () {}.constructor as (s: string) => () => unknown)('return 1')(),
        ),
        fetchOther: await attempt(() => fetch(url)),
        xhr: await attempt(() => new XMLHttpRequest()),
        webSocket: await attempt(() => new WebSocket('ws://localhost:1/')),
        fetchOwn: await attempt(() => fetch('./').then((r) => r.ok || Promise.reject(new Error('not ok')))),
      };
      g.__probe = probe;
    }, 0);
  }, other);
  await expect
    .poll(() => worker!.evaluate(() => (globalThis as unknown as { __probe?: Probe }).__probe ?? null))
    .toEqual({
      eval: expect.stringMatching(/^refused/),
      functionCtor: expect.stringMatching(/^refused/),
      viaPrototype: expect.stringMatching(/^refused/),
      fetchOther: expect.stringMatching(/^refused/),
      xhr: expect.stringMatching(/^refused/),
      webSocket: expect.stringMatching(/^refused/),
      fetchOwn: 'ran',
    });
  // The browser reports each refusal by the policy on the console: those are this test's point.
  const rest = guard.consoleErrors.filter((e) => !/Content Security Policy|Refused to/i.test(e));
  guard.consoleErrors.length = 0;
  guard.consoleErrors.push(...rest);
  // And the engine still works after all that.
  await page.getByLabel('New note').fill('still writing');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('still writing');
});
