import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';

async function addNote(page: Page, text: string) {
  await page.getByLabel('New note').fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText(text);
}

test('a note written through the UI survives a reload', async ({ page }) => {
  await openApp(page);
  await addNote(page, 'remember the lighthouse');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await page.reload();
  await openApp(page);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('remember the lighthouse');
  await expect(page.getByTestId('rows-notes')).toHaveText('1');
  await expect(page.getByTestId('last-saved')).not.toHaveText('never');
  // The header knows the reloaded data is saved, before anything new is written.
  await expect(page.getByTestId('save-state')).toContainText('Saved');
});

test('data written through the engine API survives a reload', async ({ page }) => {
  await openApp(page);
  await page.evaluate(async () => {
    const { engine } = (
      globalThis as unknown as {
        dreamlane: { engine: { addNote(b: string): Promise<unknown>; flush(): Promise<unknown> } };
      }
    ).dreamlane;
    await engine.addNote('via the API');
    await engine.flush();
  });
  await page.reload();
  await openApp(page);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('via the API');
});

test('export downloads a SQLite file', async ({ page }) => {
  await openApp(page);
  await addNote(page, 'exported note');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .sqlite' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^dreamlane-.*\.sqlite$/);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
  await expect(page.getByRole('status')).toHaveText('Exported the database.');
});

test('importing a corrupt or foreign file shows the error and keeps the data', async ({ page }) => {
  await openApp(page);
  await addNote(page, 'keep me');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .sqlite' }).click();
  const good = readFileSync((await (await download).path())!);

  const input = page.getByTestId('import-input');
  await input.setInputFiles({
    name: 'cut.sqlite',
    mimeType: 'application/octet-stream',
    buffer: good.subarray(0, good.length - 1000),
  });
  await expect(page.getByRole('alert')).toContainText('truncated');
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('just some text, not a database '.repeat(20)),
  });
  await expect(page.getByRole('alert')).toContainText('not a SQLite database');
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('keep me');

  // A good file still imports after the failures.
  await addNote(page, 'added after export');
  await input.setInputFiles({ name: 'good.sqlite', mimeType: 'application/octet-stream', buffer: good });
  await expect(page.getByRole('status')).toHaveText('Imported good.sqlite.');
  await expect(page.getByRole('list', { name: 'Notes' })).not.toContainText('added after export');
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('keep me');
});

test('erase everything asks for confirmation, then empties the lab', async ({ page }) => {
  await openApp(page);
  await addNote(page, 'soon gone');
  const erase = page.getByRole('button', { name: 'Erase everything' });
  await expect(erase).toBeDisabled();
  await page.getByLabel('Type ERASE to confirm').fill('ERASE');
  await erase.click();
  await expect(page.getByRole('status')).toHaveText('Everything was erased.');
  await expect(page.getByRole('list', { name: 'Notes' }).getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await openApp(page);
  await expect(page.getByTestId('rows-notes')).toHaveText('0');
});

test('the shell: every page is reachable by keyboard', async ({ page }) => {
  await openApp(page, './');
  for (const name of ['Lab', 'Colony', 'Friend', 'Data']) {
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  }
  await expect(page.getByText('Everything stays in this browser')).toBeVisible();
});
