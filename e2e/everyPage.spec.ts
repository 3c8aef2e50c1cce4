import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';

// What every page owes a person, checked on each page in its first state: no serious or critical
// accessibility violation (axe-core), and on a phone (390×844) no sideways scrolling while the
// navigation and the save state stay in view. The engine pages check their later states in their
// own specs; the Data page's are here.

const pages = [
  { name: 'Lab', hash: '#/lab' },
  { name: 'Colony', hash: '#/colony' },
  { name: 'Friend', hash: '#/friend' },
  { name: 'Data', hash: '#/data' },
];

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    return root.scrollWidth - root.clientWidth;
  });
}

for (const { name, hash } of pages) {
  test(`${name}: no serious accessibility violation`, async ({ page }) => {
    await openApp(page, `./${hash}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`${name} on a phone: nothing scrolls sideways, navigation and save state in view`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, `./${hash}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeInViewport();
    await expect(page.locator('header .save-state')).toBeInViewport();
    await page.screenshot({ path: `test-results/phone-${name.toLowerCase()}.png`, fullPage: true });
  });
}

test('Data page in use: after a note, with the erase prompt, on a phone: accessible and fitting', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, './#/data');
  await page.getByLabel('New note').fill('a note that is long enough to wrap on a narrow phone screen');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText('a note that is long');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
});
