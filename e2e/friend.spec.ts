import { expect, openApp, test } from './support/fixtures';

test('chat with the field, dream, inspect, and find it all after a reload', async ({ page }) => {
  await openApp(page, './#/friend');
  await expect(page.getByRole('heading', { name: 'Friend' })).toBeVisible();

  await page.getByLabel('Message to the field').fill('Who are you, little field?');
  await page.getByRole('button', { name: 'Send' }).click();
  const reply = page.getByTestId('message-leo').first();
  await expect(reply).toBeVisible();
  await expect(page.getByTestId('message-user').first()).toContainText('Who are you, little field?');
  const replyText = (await reply.locator('.friend-text').textContent()) ?? '';
  expect(replyText.trim().length).toBeGreaterThan(0);
  await expect(reply.getByTestId('metric-expert')).toHaveText(/structural|semantic|creative|precise|wounded/);
  for (const id of [
    'metric-novelty',
    'metric-arousal',
    'metric-entropy',
    'metric-trauma',
    'metric-quality',
  ]) {
    await expect(reply.getByTestId(id)).toHaveText(/^[01]\.\d\d$/);
  }

  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toBeVisible();
  await inspector.getByRole('button', { name: 'Dream now' }).click();
  await expect(page.getByRole('status')).toContainText('The field and its imaginary friend talked.');
  const dialog = inspector.getByTestId('dream-dialog').first();
  await expect(dialog).toBeVisible();
  const turns = await dialog.getByTestId('dream-turn').count();
  expect(turns).toBeGreaterThanOrEqual(3);
  expect(turns).toBeLessThanOrEqual(4);
  await expect(inspector.getByRole('figure', { name: 'Fragment weights over dreams' })).toBeVisible();
  await expect(inspector.getByTestId('stat-dreams')).toHaveText('1');
  const tokens = await inspector.getByTestId('stat-tokens').textContent();

  await inspector.getByLabel('Dreams after replies').uncheck();
  await expect(inspector.getByLabel('Dreams after replies')).not.toBeChecked();

  await page.evaluate(() =>
    (
      globalThis as unknown as { dreamlane: { engine: { flush(): Promise<unknown> } } }
    ).dreamlane.engine.flush(),
  );
  await page.reload();
  await openApp(page, './#/friend');
  await expect(page.getByTestId('message-leo').first().locator('.friend-text')).toHaveText(replyText);
  await expect(page.getByTestId('message-leo').first().getByTestId('metric-expert')).toBeVisible();
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const after = page.getByRole('region', { name: 'Inspector' });
  await expect(after.getByTestId('dream-dialog')).toHaveCount(1);
  await expect(after.getByTestId('dream-turn')).toHaveCount(turns);
  await expect(after.getByTestId('stat-tokens')).toHaveText(tokens ?? '');
  await expect(after.getByLabel('Dreams after replies')).not.toBeChecked();
});

test('a new origin is learned and survives a reload; bad input is refused with a message', async ({
  page,
}) => {
  await openApp(page, './#/friend');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const origin = inspector.getByLabel('Origin text');
  await origin.fill('no');
  await inspector.getByRole('button', { name: 'Save origin' }).click();
  await expect(page.getByRole('alert')).toContainText('at least one sentence');
  await origin.fill('The lighthouse keeper counts the waves. Every wave is a word.');
  await inspector.getByRole('button', { name: 'Save origin' }).click();
  await expect(page.getByRole('status')).toContainText('The new origin was learned.');
  await expect(inspector.getByRole('table', { name: 'Fragments' })).toContainText('Every wave is a word.');
  await page.evaluate(() =>
    (
      globalThis as unknown as { dreamlane: { engine: { flush(): Promise<unknown> } } }
    ).dreamlane.engine.flush(),
  );
  await page.reload();
  await openApp(page, './#/friend');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  await expect(page.getByLabel('Origin text')).toHaveValue(
    'The lighthouse keeper counts the waves. Every wave is a word.',
  );
});

test('teaching a longer text grows the field', async ({ page }) => {
  await openApp(page, './#/friend');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const before = Number((await inspector.getByTestId('stat-tokens').textContent())!.replace(/\D/g, ''));
  const story = 'The fox ran along the river, and the river ran along the fox. '.repeat(200);
  await inspector.getByLabel('Teach a text').fill(story);
  await inspector.getByRole('button', { name: 'Teach', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Learned 3,000 tokens');
  await expect
    .poll(async () => Number((await inspector.getByTestId('stat-tokens').textContent())!.replace(/\D/g, '')))
    .toBe(before + 3000);
  await page.getByLabel('Message to the field').fill('where is the fox?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('message-leo')).toHaveCount(1);
});

test('works from the keyboard: send with Enter, open the inspector and dream with keys', async ({ page }) => {
  await openApp(page, './#/friend');
  await page.getByLabel('Message to the field').focus();
  await page.keyboard.type('Do you dream at night?');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-leo')).toHaveCount(1);
  await expect(page.getByLabel('Message to the field')).toHaveValue('');

  const open = page.getByRole('button', { name: 'Open inspector' });
  await open.focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toBeVisible();
  await inspector.getByRole('button', { name: 'Dream now' }).focus();
  await page.keyboard.press('Enter');
  await expect(inspector.getByTestId('dream-dialog')).toHaveCount(1);
  await expect(inspector.getByTestId('dream-dialog')).toContainText('asked for with “Dream now”');
  // The timeline scrolls with the keyboard: it takes focus.
  await inspector.getByRole('list', { name: 'Dream dialogs' }).focus();
  await expect(inspector.getByRole('list', { name: 'Dream dialogs' })).toBeFocused();

  const toggle = inspector.getByLabel('Dreams after replies');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await expect(page.getByRole('status')).toContainText('Dreams are off');
});
