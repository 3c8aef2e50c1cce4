import { expect, openApp, test } from './support/fixtures';

test('a note written through the UI survives a reload', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('New note').fill('remember the lighthouse');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('remember the lighthouse');
  await expect(page.getByTestId('save-status')).toHaveText('saved');
  await page.reload();
  await openApp(page);
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('remember the lighthouse');
  await expect(page.getByTestId('rows-notes')).toHaveText('1');
});
