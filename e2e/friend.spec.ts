import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';
import { pasteInto } from './support/paste';

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
  // One plain line of what the field did; the numbers live in the inspector.
  await expect(reply.getByTestId('reply-line')).toContainText(/words? of yours it knows|None of your words/);
  await expect(reply.getByTestId('reply-line')).toContainText(
    /leaning on “(structural|semantic|creative|precise|wounded)” patterns/,
  );

  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toBeVisible();
  await expect(inspector.getByTestId('metric-expert')).toHaveText(
    /structural|semantic|creative|precise|wounded/,
  );
  for (const id of [
    'metric-novelty',
    'metric-arousal',
    'metric-entropy',
    'metric-trauma',
    'metric-quality',
  ]) {
    await expect(inspector.getByTestId(id)).toHaveText(/^[01]\.\d\d$/);
  }
  await page.getByRole('button', { name: 'Dream now' }).click();
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
  await expect(page.getByTestId('message-leo').first().getByTestId('reply-line')).toContainText('leaning on');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const after = page.getByRole('region', { name: 'Inspector' });
  await expect(after.getByTestId('metric-expert')).toBeVisible();
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

test('a long pasted text is kept aside, not in the box; a short one lands in the box', async ({ page }) => {
  await openApp(page, './#/friend');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const box = inspector.getByLabel('Teach a text');
  await pasteInto(box, 'A short story about a fox.');
  await expect(box).toHaveValue('A short story about a fox.');

  const text = 'The heron waited by the cold water while the town slept. '.repeat(2_000);
  await pasteInto(box, text);
  // The paste goes in at the caret, after the short story: the whole is too long for the box.
  const aside = inspector.getByRole('group', { name: 'Teach a text' });
  await expect(aside).toContainText(
    `A pasted text of ${(26 + text.length).toLocaleString('en-US')} characters`,
  );
  await expect(aside).toContainText('A short story about a fox.The heron waited');
  // The box is gone while the text is kept aside: nothing lays the text out.
  await expect(inspector.getByRole('textbox', { name: 'Teach a text' })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('[data-testid="teach-aside"]').analyze();
  expect(axe.violations).toEqual([]);

  await aside.getByRole('button', { name: 'Clear the pasted text' }).click();
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');

  await pasteInto(box, text);
  await inspector.getByRole('button', { name: 'Teach', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Learned 24,000 tokens');
  await expect(aside).toHaveCount(0);
  await expect(box).toHaveValue('');
});

test('a text being taught leaves the page, and comes back when the teaching is cancelled', async ({
  page,
}) => {
  await openApp(page, './#/friend');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  // Long enough to be cancelled while it is taught (a few seconds).
  const text = 'The heron waited by the cold water while the town slept. '.repeat(20_000);
  await pasteInto(inspector.getByLabel('Teach a text'), text);
  const aside = inspector.getByRole('group', { name: 'Teach a text' });
  const summary = `A pasted text of ${text.length.toLocaleString('en-US')} characters`;
  await expect(aside).toContainText(summary);
  await inspector.getByRole('button', { name: 'Teach', exact: true }).click();
  await expect(inspector.getByRole('progressbar', { name: 'Teaching progress' })).toBeVisible();
  await expect(aside).toHaveCount(0);
  await expect(inspector.getByRole('textbox', { name: 'Teach a text' })).toHaveValue('');
  await inspector.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('Cancelled');
  await expect(aside).toContainText(summary);
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
  await page.getByRole('button', { name: 'Dream now' }).focus();
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

/** Serious and critical axe violations on the page as it is now, as short readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'page width').toBeLessThanOrEqual(client);
}

/** Every chart lies inside its panel, and no two legend entries overlap. */
async function expectChartsFit(page: Page) {
  for (const figure of await page.locator('figure.friend-chart').all()) {
    const box = (await figure.boundingBox())!;
    const svg = (await figure.locator('svg.recharts-surface').first().boundingBox())!;
    expect(svg.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(svg.x + svg.width).toBeLessThanOrEqual(box.x + box.width + 1);
    const items = await Promise.all(
      (await figure.locator('.friend-legend li').all()).map(async (li) => (await li.boundingBox())!),
    );
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i]!, items[j]!];
        const apart =
          a.x + a.width <= b.x + 0.5 ||
          b.x + b.width <= a.x + 0.5 ||
          a.y + a.height <= b.y + 0.5 ||
          b.y + b.height <= a.y + 0.5;
        expect(apart, 'legend entries overlap').toBe(true);
      }
  }
}

async function say(page: Page, text: string) {
  const count = await page.getByTestId('message-leo').count();
  await page.getByLabel('Message to the field').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('message-leo')).toHaveCount(count + 1);
}

async function showWord(page: Page, word: string) {
  await page.getByLabel('Word', { exact: true }).fill(word);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
}

test('"Hello there" on a fresh field is not answered with a loop of itself', async ({ page }) => {
  await openApp(page, './#/friend');
  await say(page, 'Hello there');
  const text = (await page.getByTestId('message-leo').first().locator('.friend-text').textContent()) ?? '';
  expect(text.toLowerCase()).not.toMatch(/hello there.*hello there/);
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  expect(words.filter((w) => w === 'hello').length).toBeLessThanOrEqual(1);
});

test('dream now works with the inspector closed', async ({ page }) => {
  await openApp(page, './#/friend');
  await say(page, 'Do you dream at night?');
  await expect(page.getByRole('region', { name: 'Inspector' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Dream now' }).click();
  await expect(page.getByRole('status')).toContainText('The field and its imaginary friend talked.');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  await expect(page.getByTestId('dream-dialog')).toHaveCount(1);
});

test('the word view shows next-word chances and the company a word keeps, with suggestions', async ({
  page,
}) => {
  await openApp(page, './#/friend');
  await page.getByLabel('Word', { exact: true }).fill('wor');
  // Suggestions of known words that start with what is typed.
  await expect(page.locator('datalist option[value="words"]')).toHaveCount(1);
  await showWord(page, 'words');
  const next = page.getByRole('figure', { name: 'What comes after words' });
  await expect(next).toBeVisible();
  await expect(next).toContainText('chance it comes next');
  await expect(next).toContainText('next word');
  await expect(next.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await next.getByText('As a table').click();
  const firstChance = Number(await next.locator('tbody tr td').nth(1).textContent());
  expect(firstChance).toBeGreaterThan(0);
  expect(firstChance).toBeLessThanOrEqual(1);
  const near = page.getByRole('figure', { name: 'Words near words' });
  await expect(near).toContainText('times seen near it');
  await showWord(page, 'zzyzx');
  await expect(page.getByTestId('word-view-unknown')).toContainText('does not know “zzyzx”');
});

test('axe finds no serious or critical problem on the Friend page in any of its states', async ({ page }) => {
  await openApp(page, './#/friend');
  await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();
  expect(await seriousViolations(page), 'fresh').toEqual([]);
  await say(page, 'Who are you, little field?');
  expect(await seriousViolations(page), 'after a chat').toEqual([]);
  await page.getByRole('button', { name: 'Dream now' }).click();
  await expect(page.getByRole('status')).toContainText('talked');
  await page.getByRole('button', { name: 'Open inspector' }).click();
  await expect(page.getByTestId('dream-dialog')).toHaveCount(1);
  expect(await seriousViolations(page), 'inspector open').toEqual([]);
  await showWord(page, 'the');
  await expect(page.getByTestId('word-view')).toBeVisible();
  expect(await seriousViolations(page), 'word view shown').toEqual([]);
  await page.getByLabel('Origin text').fill('no');
  await page.getByRole('button', { name: 'Save origin' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page), 'an error shown').toEqual([]);
});

for (const size of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  test(`fits a ${size.name} (${size.width}×${size.height}): no sideways scroll, charts inside their panels`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openApp(page, './#/friend');
    await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `/tmp/friend-${size.name}-fresh.png`, fullPage: true });
    await say(page, 'Hello there');
    await say(page, 'Tell me about the words you know.');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `/tmp/friend-${size.name}-chat.png`, fullPage: true });
    await showWord(page, 'the');
    await expect(page.getByTestId('word-view')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectChartsFit(page);
    await page.getByTestId('word-view').screenshot({ path: `/tmp/friend-${size.name}-word.png` });
    await page.getByRole('button', { name: 'Dream now' }).click();
    await expect(page.getByRole('status')).toContainText('talked');
    await page.getByRole('button', { name: 'Open inspector' }).click();
    await expect(page.getByTestId('dream-dialog')).toHaveCount(1);
    await expectNoSidewaysScroll(page);
    await expectChartsFit(page);
    await page.screenshot({ path: `/tmp/friend-${size.name}-inspector.png`, fullPage: true });
  });
}
