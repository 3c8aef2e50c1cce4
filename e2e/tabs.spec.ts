import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { expect, openApp, test } from './support/fixtures';

test('two tabs never both write, and "use here" loses nothing in either direction', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await a.getByLabel('New note').fill('written in A before B opened');
  await a.getByRole('button', { name: 'Add note' }).click();
  await expect(a.getByRole('list', { name: 'Notes' })).toContainText('written in A before B opened');

  const b = await context.newPage();
  await b.goto('./#/data');
  await expect(b.getByRole('heading', { name: 'The lab is open in another tab.' })).toBeVisible();
  await expect(b.getByLabel('New note')).toHaveCount(0);

  // A writes again right before the hand-over: the debounce has not fired, the flush must carry it.
  await a.getByLabel('New note').fill('written in A just before use here');
  await a.getByRole('button', { name: 'Add note' }).click();
  await expect(a.getByRole('list', { name: 'Notes' })).toContainText('just before use here');

  await b.getByRole('button', { name: 'Use here' }).click();
  await expect(b.getByRole('list', { name: 'Notes' })).toContainText('written in A just before use here');
  await expect(b.getByRole('list', { name: 'Notes' })).toContainText('written in A before B opened');
  await expect(a.getByRole('heading', { name: 'The lab moved to another tab.' })).toBeVisible();
  await expect(a.getByLabel('New note')).toHaveCount(0);

  await b.getByLabel('New note').fill('written in B');
  await b.getByRole('button', { name: 'Add note' }).click();
  await expect(b.getByRole('list', { name: 'Notes' })).toContainText('written in B');

  await a.getByRole('button', { name: 'Use here' }).click();
  const notes = a.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText('written in B');
  await expect(notes.getByRole('listitem')).toHaveCount(3);
  await expect(b.getByRole('heading', { name: 'The lab moved to another tab.' })).toBeVisible();
});

test('"use here" is declined while the other tab cannot save, and goes through once it can', async ({
  playwright,
  baseURL,
}) => {
  // A profile on disk: Chromium enforces a storage quota there (an incognito profile's is not).
  const profile = mkdtempSync(join(tmpdir(), 'dreamlane-quota-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    baseURL: baseURL!,
    serviceWorkers: 'block',
  });
  // The origin's storage quota is nothing: A's saves fail as on a full disk. (Chromium reads the
  // quota when the lab's IndexedDB connection opens, so it is set before.)
  const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  const a = await context.newPage();
  await openApp(a);
  const b = await context.newPage();
  await b.goto('./#/data');
  await expect(b.getByRole('heading', { name: 'The lab is open in another tab.' })).toBeVisible();

  await a.getByLabel('New note').fill('acknowledged in A, not saved');
  await a.getByRole('button', { name: 'Add note' }).click();
  await expect(a.getByRole('list', { name: 'Notes' })).toContainText('acknowledged in A, not saved');
  await expect(a.getByText(/^Not saved:/)).toBeVisible();

  await b.getByRole('button', { name: 'Use here' }).click();
  await expect(b.getByText(/could not save its latest work/)).toBeVisible();
  await expect(b.getByRole('heading', { name: 'The lab is open in another tab.' })).toBeVisible();
  await expect(a.getByLabel('New note')).toBeVisible();

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await b.getByRole('button', { name: 'Use here' }).click();
  const notes = b.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText('acknowledged in A, not saved');
  await expect(a.getByRole('heading', { name: 'The lab moved to another tab.' })).toBeVisible();
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});
