import { expect, openApp, test } from './support/fixtures';

test('a chat paste over the limit is kept whole, its size is shown, and it is not sent', async ({ page }) => {
  await openApp(page, './#/friend');
  const box = page.getByLabel('Message to the field');
  const long = 'word '.repeat(900); // 4,500 characters: over the 4,000 limit
  await box.fill(long);
  // Nothing was cut: the box holds the whole paste.
  expect(await box.inputValue()).toHaveLength(long.length);
  await expect(page.locator('#friend-draft-size')).toHaveText(/4,500 \/ 4,000 characters — 500 too many/);
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await box.press('Enter');
  await expect(page.getByTestId('message-user')).toHaveCount(0);

  await box.fill('A short line.');
  await expect(page.locator('#friend-draft-size')).toHaveText('13 / 4,000 characters');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('message-user').first()).toContainText('A short line.');
});
