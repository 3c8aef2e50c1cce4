import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';
import { storedBodies } from './support/durability';

const body = (n: number) => `note ${n} ${`${n.toString(36)} lighthouse `.repeat(600)}`.slice(0, 9000).trim();

type Manifest = { base: string; blocks: Record<string, string>; generation: number };

/** The stored manifest, read from IndexedDB in the page. */
const manifest = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Manifest>((resolve, reject) => {
        const req = indexedDB.open('dreamlane');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('snapshots').objectStore('snapshots').get('manifest');
          get.onsuccess = () => {
            req.result.close();
            resolve(get.result as Manifest);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );

test('new bases are composed from the stored base and the blocks, and a reload reads them back whole', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  const bases = new Set<string>();
  // Notes of 9,000 characters: each adds new pages, so the blocks kept beside the base pass the
  // 8 MB threshold and the store composes new bases from the old one.
  for (let round = 0; round < 12; round++) {
    await page.evaluate(async (round) => {
      const { engine } = (
        globalThis as unknown as {
          dreamlane: { engine: { addNote(b: string): Promise<unknown>; flush(): Promise<unknown> } };
        }
      ).dreamlane;
      for (let i = 0; i < 80; i++) {
        const n = round * 80 + i;
        // Notes are stored trimmed.
        await engine.addNote(
          `note ${n} ${`${n.toString(36)} lighthouse `.repeat(600)}`.slice(0, 9000).trim(),
        );
      }
      await engine.flush();
    }, round);
    bases.add((await manifest(page)).base);
  }
  // The first base, then at least one composed on top of it.
  expect(bases.size).toBeGreaterThan(1);
  const last = await manifest(page);
  await page.reload();
  await openApp(page);
  await expect(page.getByTestId('rows-notes')).toHaveText('960');
  // Every note is in the lab read back from the composed base and its blocks (integrity checked).
  const bodies = await storedBodies(page);
  const missing = [...Array(960).keys()].filter((n) => !bodies.has(body(n)));
  expect(missing).toEqual([]);
  expect((await manifest(page)).generation).toBe(last.generation);
});
