import { gzipSync } from 'node:zlib';
import type { Page, Request } from '@playwright/test';
import type { BrowserBench } from '../harness';
import { ENGINE_WORKER_SCRIPT } from '../../e2e/support/fixtures';

/**
 * First load: the JavaScript the main thread fetches before the Lab is usable (the page shows its seed
 * editor and the "Run simulation" button), summed as gzip, leaving out the engine worker's scripts as
 * the first-load test does (ENGINE_WORKER_SCRIPT). A fresh context each run, so nothing comes from the
 * HTTP cache.
 */
async function measure(page: Page, url: string): Promise<{ kb: number; files: string[] }> {
  const context = await page.context().browser()!.newContext({ serviceWorkers: 'block' });
  const tab = await context.newPage();
  const scripts: Request[] = [];
  tab.on('request', (req) => {
    if (req.resourceType() !== 'script') return;
    if (ENGINE_WORKER_SCRIPT.test(req.url())) return;
    scripts.push(req);
  });
  await tab.goto(url);
  await tab.getByRole('button', { name: 'Run simulation' }).waitFor({ state: 'visible', timeout: 60_000 });
  let bytes = 0;
  const files: string[] = [];
  for (const req of scripts) {
    const res = await req.response();
    if (!res) continue;
    const body = await res.body();
    bytes += gzipSync(body, { level: 9 }).length;
    files.push(new URL(req.url()).pathname.split('/').pop()!);
  }
  await context.close();
  return { kb: bytes / 1024, files: files.sort() };
}

const bench: BrowserBench = async (h, page) => {
  const origin = new URL(page.url()).origin;
  const runs: number[] = [];
  let files: string[] = [];
  for (let i = 0; i < 3; i++) {
    const m = await measure(page, `${origin}/#/lab`);
    runs.push(Number(m.kb.toFixed(1)));
    files = m.files;
  }
  h.record('JavaScript before the Lab is usable (gzip, budget 120 KB)', runs, 'KB', { files });
};

export default bench;
