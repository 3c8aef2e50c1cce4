import type { BrowserContext, Page } from '@playwright/test';
import {
  countAcks,
  brownChars,
  lostWrites,
  startWriting,
  stopWriting,
  storedBodies,
  type Tally,
} from './durability';
import { KillableBrowser } from './killableBrowser';

/**
 * The durability runs shared by the end-to-end tests (few tries, with assertions) and
 * `npm run bench -- durability` (more tries, figures only): kill the browser, reload the tab, or hand
 * the lab to another tab while writes stream in, and count what was acknowledged and what was lost.
 */

/** The documented bound (README, Storage): a crash may lose only writes acknowledged this recently. */
export const CRASH_BOUND_MS = 2500;

export interface RunFigures {
  what: string;
  tries: number;
  acknowledged: number;
  lost: number;
  /** Acknowledged writes lost in each try. */
  lostPerTry: number[];
  /** How long before the kill, reload or hand-over the oldest lost write was acknowledged. */
  oldestLostMs: number;
  /** Lost writes acknowledged longer ago than the bound: always a failure. */
  beyondBound: string[];
  /** Tries interrupted while a long operation (teaching a text) was still running. */
  duringOperation: number;
  /** Writes refused with NOT_WRITER (never acknowledged, so never lost). */
  refused: number;
  /** Tries whose lab came back damaged, or on standby instead of as the writer. */
  failures: string[];
}

/** Empty figures; `refused` is read from the tally when a run ends. */
function figures(what: string, tries: number): RunFigures {
  return {
    what,
    tries,
    acknowledged: 0,
    lost: 0,
    lostPerTry: [],
    oldestLostMs: 0,
    beyondBound: [],
    duringOperation: 0,
    refused: 0,
    failures: [],
  };
}

function count(f: RunFigures, tally: Tally, stored: Set<string>, at: number, tag: string, bound: number) {
  const missing = lostWrites(tally, stored, at, tag);
  f.acknowledged += tally.acked.filter((a) => a.body.startsWith(`${tag} `)).length;
  f.lost += missing.length;
  f.lostPerTry.push(missing.length);
  f.oldestLostMs = Math.max(f.oldestLostMs, ...missing.map((m) => m.ageMs));
  f.beyondBound.push(...missing.filter((m) => m.ageMs > bound).map((m) => `${m.body} (${m.ageMs} ms)`));
}

/** Opens the lab in `page` and waits until this tab holds it (or says it is elsewhere). */
async function openLab(page: Page, url: string): Promise<boolean> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
  await page.getByText('Opening your lab…').waitFor({ state: 'detached', timeout: 30_000 });
  return (await page.getByRole('heading', { name: 'The lab is open in another tab.' }).count()) === 0;
}

async function labIn(context: BrowserContext, tally: Tally, baseURL: string): Promise<Page> {
  await countAcks(context, tally);
  const page = context.pages()[0] ?? (await context.newPage());
  if (!(await openLab(page, new URL('#/data', baseURL).href)))
    throw new Error('a restarted lab opened on standby');
  return page;
}

/**
 * What runs in the lab until the interruption; resolves to whether a long operation was still
 * running at that moment.
 */
export type Writing = (page: Page, tag: string, t: number) => Promise<boolean>;

/** Writes notes and chat messages for a while. */
export const writeNotesAndChat: Writing = async (page, tag, t) => {
  await startWriting(page, tag, { chat: true });
  await page.waitForTimeout(1500 + 300 * (t % 5));
  return false;
};

// About 300k tokens of real English: several seconds of teaching, so the kill lands while it runs.
const teachText = brownChars(1_500_000);

/** Starts teaching 1.5 MB of the Brown corpus, then writes notes while it is taught. */
export const writeDuringIngest: Writing = async (page, tag, t) => {
  await page.goto(new URL('#/friend', page.url()).href);
  await page.getByRole('button', { name: 'Open inspector' }).click({ timeout: 30_000 });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByLabel('Teach a text').fill(teachText);
  await inspector.getByRole('button', { name: 'Teach', exact: true }).click();
  await startWriting(page, tag);
  await page.waitForTimeout(1200 + 200 * (t % 5));
  return (await inspector.getByRole('progressbar', { name: 'Teaching progress' }).count()) > 0;
};

/**
 * Kills the whole browser `kills` times while `write` runs in the lab; after each kill the browser
 * starts again on the same profile and the saved lab is read back.
 */
export async function killRuns(
  baseURL: string,
  what: string,
  kills: number,
  write: Writing,
): Promise<RunFigures> {
  const browser = new KillableBrowser();
  const tally: Tally = { acked: [], refused: 0 };
  const f = figures(what, kills);
  try {
    let page = await labIn(await browser.start(), tally, baseURL);
    for (let t = 0; t < kills; t++) {
      const tag = `${what}${t}`;
      if (await write(page, tag, t)) f.duringOperation++;
      const killedAt = await browser.kill();
      page = await labIn(await browser.start(), tally, baseURL);
      count(f, tally, await storedBodies(page), killedAt, tag, CRASH_BOUND_MS);
    }
  } finally {
    await browser.dispose();
  }
  f.refused = tally.refused;
  return f;
}

/** Reloads the only tab `tries` times during writes. */
export async function reloadRuns(
  context: BrowserContext,
  baseURL: string,
  tries: number,
): Promise<RunFigures> {
  const tally = await countAcks(context);
  const f = figures('reload during writes', tries);
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  if (!(await openLab(page, new URL('#/data', baseURL).href))) throw new Error('the lab opened on standby');
  for (let t = 0; t < tries; t++) {
    const tag = `reload${t}`;
    await startWriting(page, tag);
    await page.waitForTimeout(700);
    const reloadedAt = Date.now();
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
    await page.getByText('Opening your lab…').waitFor({ state: 'detached', timeout: 30_000 });
    // Never "open in another tab": the old page's worker lets go of the lock within the wait.
    if ((await page.getByRole('heading', { name: 'The lab is open in another tab.' }).count()) > 0) {
      f.failures.push(`reload ${t} opened on standby`);
      break;
    }
    count(f, tally, await storedBodies(page), reloadedAt, tag, CRASH_BOUND_MS);
  }
  f.refused = tally.refused;
  return f;
}

/** Hands the lab back and forth between two tabs `tries` times while the writer keeps writing. */
export async function handOverRuns(
  context: BrowserContext,
  baseURL: string,
  tries: number,
): Promise<RunFigures> {
  const tally = await countAcks(context);
  const f = figures('"use here" under writes', tries);
  const a = await context.newPage();
  if (!(await openLab(a, new URL('#/data', baseURL).href))) throw new Error('the lab opened on standby');
  const b = await context.newPage();
  if (await openLab(b, new URL('#/data', baseURL).href)) throw new Error('a second tab took the lab unasked');
  const tabs = [a, b];
  for (let t = 0; t < tries; t++) {
    const writer = tabs[t % 2]!;
    const taker = tabs[(t + 1) % 2]!;
    await startWriting(writer, `handover${t}`);
    await writer.waitForTimeout(400);
    await taker.getByRole('button', { name: 'Use here' }).click();
    await taker.getByLabel('New note').waitFor();
    await writer.getByRole('heading', { name: 'The lab moved to another tab.' }).waitFor();
    await stopWriting(writer);
  }
  const stored = await storedBodies(tabs[tries % 2]!);
  // Nothing acknowledged may be lost in a hand-over: the bound is zero.
  for (let t = 0; t < tries; t++) count(f, tally, stored, Date.now(), `handover${t}`, -1);
  f.refused = tally.refused;
  await a.close();
  await b.close();
  return f;
}

/** One line for a test log or a bench note. */
export function describeRun(f: RunFigures): string {
  return (
    `${f.what}: ${f.tries} tries, ${f.acknowledged} acknowledged, ${f.lost} lost` +
    (f.lost ? ` (oldest ${f.oldestLostMs} ms before)` : '') +
    (f.refused ? `, ${f.refused} refused (NOT_WRITER)` : '') +
    (f.duringOperation ? `, ${f.duringOperation} of them while a text was being taught` : '')
  );
}
