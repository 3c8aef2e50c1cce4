import type { Browser, BrowserType, Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { expect, openApp, test } from './support/fixtures';
import {
  ackedIn,
  countAcks,
  longText,
  lostWrites,
  startWriting,
  stopWriting,
  storedBodies,
} from './support/durability';

/**
 * Acknowledged writes survive a crash, a reload and a hand-over. The documented bound (README,
 * Storage): a write is saved within 1 s plus one save (and, during a long operation, one batch of
 * it) of its acknowledgement, so a crash may lose only writes acknowledged that recently. These
 * tries are few to keep the suite short; `npm run bench -- durability` repeats them.
 */
const CRASH_BOUND_MS = 2500;

const figures: string[] = [];

// Killing renderer processes works, but on a small shared machine a browser whose renderers were
// killed sometimes stops opening tabs; until that is understood the crash tests run on request.
const crashTests = process.env.E2E_CRASH === '1';
test.afterAll(() => {
  if (figures.length) console.log(`durability: ${figures.join('; ')}`);
});

async function rendererPids(browser: Browser): Promise<Set<number>> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  await cdp.detach();
  return new Set(processInfo.filter((p) => p.type === 'renderer').map((p) => p.id));
}

/** A fresh browser profile with the lab open on the Data page, counting acks. */
async function freshLab(browser: Browser) {
  const before = await rendererPids(browser);
  const context = await browser.newContext();
  const tally = await countAcks(context);
  const page = await context.newPage();
  await openApp(page);
  // The renderer processes this profile started: its page and the engine worker run in them.
  const own = [...(await rendererPids(browser))].filter((pid) => !before.has(pid));
  return { context, tally, page, own };
}

/** The renderer dies at once (SIGKILL): the page and its engine worker, with no unload event. */
function crash(pids: number[]): number {
  const killedAt = Date.now();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return killedAt;
}

/** A new page of the same profile once the killed renderer is gone (a new tab may land in a dying one). */
async function reopen(page: Page): Promise<Page> {
  for (let attempt = 0; ; attempt++) {
    try {
      const next = await page.context().newPage();
      await openApp(next);
      return next;
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Crash tests kill renderer processes: they get a browser of their own, so no other test shares it. */
async function ownBrowser(browserType: BrowserType): Promise<Browser> {
  return browserType.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

test('a renderer crash mid-notes-and-chat loses no write acknowledged before the bound', async ({
  playwright,
}) => {
  test.skip(!crashTests, 'set E2E_CRASH=1 to kill renderers');
  test.setTimeout(90_000);
  const browser = await ownBrowser(playwright.chromium);
  let acked = 0;
  let lost = 0;
  const tries = 3;
  for (let t = 0; t < tries; t++) {
    const { context, tally, page, own } = await freshLab(browser);
    expect(own.length).toBeGreaterThan(0);
    const tag = `crash${t}`;
    await startWriting(page, tag, { chat: true });
    await page.waitForTimeout(1500 + 400 * t);
    const killedAt = crash(own);
    const after = await reopen(page);
    const missing = lostWrites(tally, await storedBodies(after), killedAt, tag);
    acked += ackedIn(tally, tag);
    lost += missing.length;
    expect(ackedIn(tally, tag)).toBeGreaterThan(5);
    expect(missing.filter((m) => m.ageMs > CRASH_BOUND_MS)).toEqual([]);
    await context.close();
  }
  await browser.close();
  figures.push(
    `crash mid-notes/chat: ${tries} tries, ${acked} acknowledged, ${lost} lost (all within ${CRASH_BOUND_MS} ms)`,
  );
});

test('a renderer crash mid-ingest loses no note acknowledged before the bound', async ({ playwright }) => {
  test.skip(!crashTests, 'set E2E_CRASH=1 to kill renderers');
  test.setTimeout(120_000);
  const browser = await ownBrowser(playwright.chromium);
  let acked = 0;
  let lost = 0;
  const tries = 2;
  const text = longText(150_000);
  for (let t = 0; t < tries; t++) {
    const { context, tally, page, own } = await freshLab(browser);
    await page.goto('./#/friend');
    await page.getByRole('button', { name: 'Open inspector' }).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByLabel('Teach a text').fill(text);
    await inspector.getByRole('button', { name: 'Teach', exact: true }).click();
    const tag = `ingest${t}`;
    await startWriting(page, tag);
    await page.waitForTimeout(2500 + 500 * t);
    const killedAt = crash(own);
    const after = await reopen(page);
    const missing = lostWrites(tally, await storedBodies(after), killedAt, tag);
    acked += ackedIn(tally, tag);
    lost += missing.length;
    expect(ackedIn(tally, tag)).toBeGreaterThan(3);
    expect(missing.filter((m) => m.ageMs > CRASH_BOUND_MS)).toEqual([]);
    await context.close();
  }
  await browser.close();
  figures.push(
    `crash mid-ingest: ${tries} tries, ${acked} acknowledged, ${lost} lost (all within ${CRASH_BOUND_MS} ms)`,
  );
});

test('reloading the only tab during writes keeps what was acknowledged, and it opens as the writer', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, tally, page } = await freshLab(browser);
  page.on('dialog', (d) => void d.accept());
  let lost = 0;
  const tries = 4;
  for (let t = 0; t < tries; t++) {
    const tag = `reload${t}`;
    await startWriting(page, tag);
    await page.waitForTimeout(700);
    const reloadedAt = Date.now();
    await page.reload();
    // Never "open in another tab": the old page's worker lets go of the lock within the wait.
    await expect(page.getByText('Opening your lab…')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'The lab is open in another tab.' })).toHaveCount(0);
    const missing = lostWrites(tally, await storedBodies(page), reloadedAt, tag);
    lost += missing.length;
    expect(missing.filter((m) => m.ageMs > CRASH_BOUND_MS)).toEqual([]);
  }
  expect(tally.acked.length).toBeGreaterThan(10);
  figures.push(`reload during writes: ${tries} tries, ${tally.acked.length} acknowledged, ${lost} lost`);
  await context.close();
});

test('"use here" back and forth under writes: every acknowledged write arrives, the rest are refused', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, tally, page: a } = await freshLab(browser);
  const b = await context.newPage();
  await b.goto('./#/data');
  await expect(b.getByRole('heading', { name: 'The lab is open in another tab.' })).toBeVisible();
  const tabs = [a, b];
  const tries = 6;
  for (let t = 0; t < tries; t++) {
    const writer = tabs[t % 2]!;
    const taker = tabs[(t + 1) % 2]!;
    await startWriting(writer, `handover${t}`);
    await writer.waitForTimeout(400);
    await taker.getByRole('button', { name: 'Use here' }).click();
    await expect(taker.getByLabel('New note')).toBeVisible();
    await expect(writer.getByRole('heading', { name: 'The lab moved to another tab.' })).toBeVisible();
    await stopWriting(writer);
  }
  const last = tabs[tries % 2]!;
  const stored = await storedBodies(last);
  const missing = Array.from({ length: tries }, (_, t) =>
    lostWrites(tally, stored, Date.now(), `handover${t}`),
  ).flat();
  expect(tally.acked.length).toBeGreaterThan(20);
  expect(missing).toEqual([]);
  figures.push(
    `use here under writes: ${tries} hand-overs, ${tally.acked.length} acknowledged, ${missing.length} lost, ${tally.refused} refused (NOT_WRITER)`,
  );
  await context.close();
});
