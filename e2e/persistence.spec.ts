import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';
import { storedBodies } from './support/durability';

const body = (n: number) => `note ${n} ${`${n.toString(36)} lighthouse `.repeat(600)}`.slice(0, 9000).trim();

type Manifest = { segments: Record<string, string>; blocks: Record<string, string>; generation: number };

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

test('segments saved whole beside the blocks read back whole after a reload, twice', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  /** Notes `from`..`to` (9,000 characters each, so each adds new pages), saved every 80. */
  const write = async (from: number, to: number) => {
    const segments = new Set<string>();
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
      for (const key of Object.values((await manifest(page)).segments)) segments.add(key);
    }
    return segments;
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
  // Each note adds new pages at the end of the file: once a quarter of a segment's blocks are kept
  // beside it, the segment is saved whole. Several segments are written over the run.
  const first = await write(0, 960);
  expect(first.size).toBeGreaterThan(2);
  // A segment saved whole is a large save: its Blobs were made by the helper worker, started for it.
  expect(page.workers().some((w) => /blobMaker\.worker/.test(w.url()))).toBe(true);
  await reloadAndCheck(960);
  // After the reload the tab builds on what it read back from IndexedDB.
  const second = await write(960, 1920);
  expect([...second].filter((k) => !first.has(k)).length).toBeGreaterThan(1);
  await reloadAndCheck(1920);
});
