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
  const result = page.getByTestId('import-result');
  const importFile = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    await input.setInputFiles(file);
    const confirm = page.getByRole('group', { name: 'Confirm import' });
    await expect(confirm).toContainText('Import replaces everything in this lab');
    await confirm.getByRole('button', { name: 'Continue without export' }).click();
  };
  await importFile({
    name: 'cut.sqlite',
    mimeType: 'application/octet-stream',
    buffer: good.subarray(0, good.length - 1000),
  });
  await expect(result).toHaveRole('alert');
  await expect(result).toContainText('truncated');
  // The result is shown by the import control and has the focus.
  await expect(result).toBeFocused();
  await importFile({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('just some text, not a database '.repeat(20)),
  });
  await expect(result).toContainText('not a SQLite database');
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('keep me');

  // A good file still imports after the failures.
  await addNote(page, 'added after export');
  await importFile({ name: 'good.sqlite', mimeType: 'application/octet-stream', buffer: good });
  await expect(page.getByRole('status')).toHaveText('Imported good.sqlite.');
  await expect(result).toBeFocused();
  await expect(page.getByRole('list', { name: 'Notes' })).not.toContainText('added after export');
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('keep me');
});

test('import asks first: cancel keeps the lab, "export first" downloads a copy before replacing it', async ({
  page,
}) => {
  await openApp(page);
  await addNote(page, 'first lab');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .sqlite' }).click();
  const first = readFileSync((await (await download).path())!);
  await addNote(page, 'second thought');

  const input = page.getByTestId('import-input');
  const confirm = page.getByRole('group', { name: 'Confirm import' });
  await input.setInputFiles({ name: 'first.sqlite', mimeType: 'application/octet-stream', buffer: first });
  await expect(confirm.getByRole('button', { name: 'Export first, then import' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('second thought');

  await input.setInputFiles({ name: 'first.sqlite', mimeType: 'application/octet-stream', buffer: first });
  const backup = page.waitForEvent('download');
  await confirm.getByRole('button', { name: 'Export first, then import' }).click();
  const saved = readFileSync((await (await backup).path())!);
  expect(saved.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
  await expect(page.getByTestId('import-result')).toHaveText('Imported first.sqlite.');
  await expect(page.getByRole('list', { name: 'Notes' })).not.toContainText('second thought');
  // The copy taken first still holds what the import replaced.
  expect(saved.includes(Buffer.from('second thought'))).toBe(true);
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
