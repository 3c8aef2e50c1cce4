import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp, test } from './support/fixtures';

test('the built page carries a CSP without unsafe-eval', async ({ page, guard }) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/'unsafe-eval'/);
  // The policy is enforced: an injected inline script does not run.
  await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);
  expect(
    await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
  ).toBeUndefined();
  // Chromium reports the refusal on the console; that one error is this test's point, not a bug.
  expect(guard.consoleErrors.some((e) => e.includes('Content Security Policy'))).toBe(true);
  guard.consoleErrors.length = 0;
});

test('no built script compiles code from strings', () => {
  const dir = join(process.env.E2E_DIST || 'dist', 'assets');
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(1);
  for (const f of scripts) {
    const code = readFileSync(join(dir, f), 'utf8');
    expect(code, f).not.toMatch(/new Function\s*\(|\beval\s*\(/);
  }
});

test('no script in the built page holds its parser', () => {
  // A plain script waits for the stylesheet and holds the parsing, and with it the entry module that
  // starts the engine worker (reading the lab back). Every script is a module, deferred or async.
  const html = readFileSync(join(process.env.E2E_DIST || 'dist', 'index.html'), 'utf8');
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag).toMatch(/\btype="module"|\bdefer\b|\basync\b/);
});

test('hashed assets may be cached for good, the page is revalidated, by both servers', async ({
  request,
}) => {
  const immutable = 'public, max-age=31536000, immutable';
  const dir = join(process.env.E2E_DIST || 'dist', 'assets');
  const worker = readdirSync(dir).find((f) => /^engine\.worker-.*\.js$/.test(f));
  const wasm = readdirSync(dir).find((f) => f.endsWith('.wasm'));
  expect(worker && wasm).toBeTruthy();
  const port = Number(process.env.E2E_PORT || 4173);
  for (const base of [`http://127.0.0.1:${port}/`, `http://127.0.0.1:${port + 1}/some/sub/path/`]) {
    for (const file of [worker, wasm]) {
      const res = await request.get(`${base}assets/${file}`);
      expect(res.status(), file).toBe(200);
      expect(res.headers()['cache-control'], `${base} ${file}`).toBe(immutable);
      // The security headers still come with it (the worker's CSP arrives only this way).
      expect(res.headers()['content-security-policy']).toContain("connect-src 'self'");
    }
    const page = await request.get(base);
    expect(page.headers()['cache-control'] ?? '', base).not.toContain('immutable');
  }
  // A revalidation the preview server answers with 304 says the same.
  const first = await request.get(`http://127.0.0.1:${port}/assets/${worker}`);
  const again = await request.get(`http://127.0.0.1:${port}/assets/${worker}`, {
    headers: { 'If-None-Match': first.headers()['etag']! },
  });
  expect(again.status()).toBe(304);
  expect(again.headers()['cache-control']).toBe(immutable);
});

test('the app works from a sub-path of a plain static server', async ({ page }) => {
  const port = Number(process.env.E2E_PORT || 4173) + 1;
  await openApp(page, `http://127.0.0.1:${port}/some/sub/path/#/data`);
  await page.getByLabel('New note').fill('from a sub-path');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('from a sub-path');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await page.reload();
  await openApp(page, `http://127.0.0.1:${port}/some/sub/path/#/data`);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('from a sub-path');
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after the first load the app starts with no network at all, wasm included', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await page.getByLabel('New note').fill('made online');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('list', { name: 'Notes' })).toContainText('made online');
    await expect(page.getByTestId('save-status')).toHaveText('saved');
    // Wait until the service worker controls the page and has precached the build.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((r) =>
          navigator.serviceWorker.addEventListener('controllerchange', () => r()),
        );
      }
    });
    await context.setOffline(true);
    await page.reload();
    await openApp(page);
    await expect(page.getByRole('list', { name: 'Notes' })).toContainText('made online');
    await page.getByLabel('New note').fill('made offline');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('list', { name: 'Notes' })).toContainText('made offline');
    await context.setOffline(false);
  });
});
