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
  test.setTimeout(180_000);
  await openApp(page);
  /** Notes `from`..`to` (9,000 characters each, so each adds new pages), saved every 80. */
  const write = async (from: number, to: number) => {
    const bases = new Set<string>();
    for (let start = from; start < to; start += 80) {
      await page.evaluate(
        async ({ start, end }) => {
          const { engine } = (
            globalThis as unknown as {
              dreamlane: { engine: { addNote(b: string): Promise<unknown>; flush(): Promise<unknown> } };
            }
          ).dreamlane;
          for (let n = start; n < end; n++) {
            // Notes are stored trimmed.
            await engine.addNote(
              `note ${n} ${`${n.toString(36)} lighthouse `.repeat(600)}`.slice(0, 9000).trim(),
            );
          }
          await engine.flush();
        },
        { start, end: Math.min(to, start + 80) },
      );
      bases.add((await manifest(page)).base);
    }
    return bases;
  };
  /** Reload, then check every note is in the lab read back (integrity checked). */
  const reloadAndCheck = async (count: number) => {
    const generation = (await manifest(page)).generation;
    await page.reload();
    await openApp(page);
    await expect(page.getByTestId('rows-notes')).toHaveText(String(count));
    const bodies = await storedBodies(page);
    const missing = [...Array(count).keys()].filter((n) => !bodies.has(body(n)));
    expect(missing).toEqual([]);
    expect((await manifest(page)).generation).toBe(generation);
  };
  // The blocks kept beside the base pass the 8 MB threshold: the first base (a new lab is saved
  // whole), then at least one composed from it and the blocks.
  expect((await write(0, 960)).size).toBeGreaterThan(1);
  await reloadAndCheck(960);
  // After the reload the base is the one read back from IndexedDB; a base composed from it (whose
  // record the same save deletes) reads back whole too.
  expect((await write(960, 1920)).size).toBeGreaterThan(1);
  await reloadAndCheck(1920);
});
