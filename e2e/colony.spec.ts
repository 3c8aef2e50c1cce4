import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures';

/** axe-core on the whole page: no serious or critical violation (their ids and targets if any). */
async function expectAccessible(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, `serious or critical axe violations ${state}`).toEqual([]);
}

/** The page never scrolls sideways at the current viewport width (names what sticks out if it does). */
async function expectNoSideScroll(page: Page) {
  const { scrollWidth, width, outside } = await page.evaluate(() => {
    const w = window.innerWidth;
    // Inside a scroll box that itself fits, an element does not widen the page.
    const clipped = (e: Element) => {
      for (let p = e.parentElement; p; p = p.parentElement)
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX))
          return p.getBoundingClientRect().right <= w + 1;
      return false;
    };
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && !clipped(e))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, width: w, outside };
  });
  expect(scrollWidth, `sticking out: ${outside.join(', ')}`).toBeLessThanOrEqual(width);
}

/** Open the Colony page and wait for it (it loads on demand). */
async function openColony(page: Page) {
  await openApp(page, './#/colony');
  await expect(page.getByRole('heading', { name: 'Colony', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Build colony' })).toBeVisible();
}

async function buildColony(page: Page) {
  await page.getByRole('button', { name: 'Build colony' }).click();
  await expect(page.getByRole('status')).toContainText('Built Colony of 10');
}

test('a colony runs on a lane result, compares methods, learns from an outcome and exports a package', async ({
  page,
}) => {
  await openApp(page, './#/colony');
  // A small lane result to evaluate (the pricing example, with few samples so the test stays quick).
  const jobId = await page.evaluate(async () => {
    const { engine } = (
      globalThis as unknown as {
        dreamlane: { engine: Record<string, (...a: unknown[]) => Promise<unknown>> };
      }
    ).dreamlane;
    const example = (await (await fetch('./examples/pricing.json')).json()) as {
      seed: Record<string, unknown>;
    };
    await engine.laneSetEnabled!(true);
    const id = (await engine.laneSchedule!({ ...example.seed, samples: 400 })) as string;
    await engine.laneCollect!(id);
    return id;
  });
  // Remount the page so its lane picker lists the new result.
  await page.getByRole('link', { name: 'Data' }).click();
  await page.getByRole('link', { name: 'Colony' }).click();

  await page.getByRole('button', { name: 'Build colony' }).click();
  await expect(page.getByRole('status')).toContainText('Built Colony of 10');

  await page.getByLabel('Lane result').selectOption(jobId);
  await page.getByRole('button', { name: 'Use lane result' }).click();
  await expect(page.getByText(`From lane result ${jobId}`)).toBeVisible();

  await page.getByRole('button', { name: 'Run colony' }).click();
  await expect(page.getByTestId('verdict')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Top 3' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByTestId('vote-heatmap')).toBeVisible();

  await page.getByRole('button', { name: 'Compare all methods' }).click();
  const table = page.getByRole('table', { name: 'Methods compared' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table).toContainText('byzantine · geometric median');

  await page.getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByTestId('outcome-count')).toHaveText('1 outcomes recorded.');
  await expect(page.getByRole('figure', { name: 'Reliability by agent' })).toBeVisible();

  await page.getByRole('button', { name: 'Build package' }).click();
  await expect(page.getByTestId('package')).toContainText('Recommended');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const text = await readFile((await download.path())!, 'utf8');
  const pkg = JSON.parse(text) as { contextKeys: string[]; systemPrompt: string };
  expect(pkg.contextKeys).toEqual(['current_price', 'segment']);
  // The example's context values never reach the package.
  expect(text).not.toContain('small teams');
  expect(pkg.systemPrompt).toContain('Recommended approach');
});

test('the robustness study plots every method against the Byzantine share', async ({ page }) => {
  await openApp(page, './#/colony');
  await page.getByLabel('Seeds').fill('20');
  await page.getByRole('button', { name: 'Run robustness study' }).click();
  await expect(page.getByTestId('robustness-chart')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('robustness-chart')).toContainText('trimmed mean');
  // On the free plan the study runs the plan's largest colony, and marks f/n = 3/10 on the x-axis.
  await expect(page.getByTestId('robustness-chart')).toContainText('f/n = 0.30');
  await expect(page.getByTestId('robustness-chart')).toContainText('10 agents');
});

test('a bad colony size is explained next to the field and builds nothing', async ({ page }) => {
  await openApp(page, './#/colony');
  const size = page.getByLabel(/^Agents \(plan free/);
  const build = page.getByRole('button', { name: 'Build colony' });
  const cases: Array<[string, RegExp]> = [
    ['-4', /Agents must be a whole number from 3 to 10 \(the free plan's cap\); "-4" is not/],
    ['', /Enter the number of agents/],
    ['11', /"11" is not/],
    ['4.5', /"4.5" is not/],
  ];
  for (const [text, message] of cases) {
    await size.fill(text);
    await build.click();
    // The typed text stays as it was, and the message is tied to the field.
    await expect(size).toHaveValue(text);
    await expect(size).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await size.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(message);
  }
  await expect(page.getByText(/Built Colony/)).toHaveCount(0);
  await expect(page.getByLabel('Saved colony').locator('option')).toHaveText(['none yet']);

  await size.fill('7');
  await expect(size).not.toHaveAttribute('aria-invalid');
  await build.click();
  await expect(page.getByRole('status')).toContainText('Built Colony of 7');
});

test('hand-entered candidates take stakeholders, and the verdict explains itself', async ({ page }) => {
  await openApp(page, './#/colony');
  await page.getByRole('button', { name: 'Build colony' }).click();
  await expect(page.getByRole('status')).toContainText('Built Colony of 10');
  await page.getByRole('button', { name: 'Stakeholders of Wait a quarter' }).click();
  await page.getByRole('button', { name: 'Add stakeholder to Wait a quarter' }).click();
  await page.getByLabel('Name of stakeholder 1 of Wait a quarter').fill('Support staff');
  await page.getByLabel('Utility of stakeholder 1 of Wait a quarter').fill('0.9');
  await expect(page.getByRole('button', { name: 'Stakeholders of Wait a quarter' })).toContainText('1');
  // The candidates table stays inside its panel.
  const fits = await page
    .getByRole('table', { name: 'Candidates' })
    .evaluate((t) => t.closest('.panel')!.scrollWidth <= t.closest('.panel')!.clientWidth);
  expect(fits).toBe(true);

  await page.getByRole('button', { name: 'Run colony' }).click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('bootstrap resamples of the agents');
  await expect(verdict.getByRole('heading', { name: 'Warnings' })).toBeVisible();
  await expect(verdict.getByRole('heading', { name: 'Suspected Byzantine agents' })).toBeVisible();
  await expect(page.getByText('The darker the cell, the higher')).toBeVisible();
});

test('the same seed gives the same verdict, in Run and in Compare; a new seed is a fresh draw', async ({
  page,
}) => {
  await openColony(page);
  await buildColony(page);
  const seed = page.getByLabel('Run seed');
  await expect(seed).toHaveValue('run-1');
  const seen: Array<{ winner: string | null; confidence: string | null }> = [];
  for (let k = 0; k < 3; k++) {
    await page.getByRole('button', { name: 'Run colony' }).click();
    await expect(page.getByRole('heading', { name: `Verdict (run ${k + 1}, seed run-1)` })).toBeVisible();
    seen.push({
      winner: await page.getByTestId('winner').textContent(),
      confidence: await page.getByTestId('confidence').textContent(),
    });
  }
  expect(seen[1]).toEqual(seen[0]);
  expect(seen[2]).toEqual(seen[0]);
  const { winner, confidence } = seen[0]!;

  // Compare with the same seed: its trimmed-mean row is the verdict Run gave (the default method).
  await page.getByRole('button', { name: 'Compare all methods' }).click();
  const row = page
    .getByRole('table', { name: 'Methods compared' })
    .getByRole('row', { name: /byzantine · trimmed mean/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText(winner!);
  await expect(row.getByRole('cell').nth(2)).toHaveText(confidence!);
  // Top 3 lists are real lists.
  await expect(row.getByRole('list').getByRole('listitem')).toHaveCount(3);

  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(seed).not.toHaveValue('run-1');
  const fresh = await seed.inputValue();
  await page.getByRole('button', { name: 'Run colony' }).click();
  await expect(page.getByTestId('verdict-seed')).toHaveText(fresh);
});

test('the example: colluders sway the majority, the robust methods still find the truly best', async ({
  page,
}) => {
  await openColony(page);
  await buildColony(page);
  await page.getByRole('button', { name: 'Compare all methods' }).click();
  const table = page.getByRole('table', { name: 'Methods compared' });
  const truly = (name: RegExp) => table.getByRole('row', { name }).getByRole('cell').last();
  await expect(truly(/^majority/)).toHaveText('no');
  for (const m of [/coordinate median/, /trimmed mean/, /geometric median/, /Krum/])
    await expect(truly(m)).toHaveText('yes');
  // Method names are words, never engine identifiers.
  await expect(page.locator('.colony-page')).not.toContainText('trimmed_mean');
  await expect(page.locator('.colony-page')).not.toContainText('geometric_median');

  // The heat map labels its rows (agents) and columns (candidates), and every cell has a tooltip.
  const map = page.getByTestId('vote-heatmap');
  await expect(map.locator('text.colony-row-label', { hasText: 'a001' }).first()).toBeVisible();
  await expect(map.locator('text.colony-col-label')).toHaveCount(5);
  await expect(map.locator('text.colony-col-label').first()).toContainText('Steady rollout');
  const tips = await map.locator('rect > title').allTextContents();
  expect(tips.filter((t) => / scored .+: \d\.\d\d$/.test(t))).toHaveLength(10 * 5);
});

test('the Colony page passes axe in every state', async ({ page }) => {
  // Six full axe passes and three studies: slow on a small shared machine, not a performance check.
  test.setTimeout(300_000);
  await openColony(page);
  await expectAccessible(page, 'on a fresh page');
  await buildColony(page);
  await page.getByRole('button', { name: 'Run colony' }).click();
  await expect(page.getByTestId('verdict')).toBeVisible();
  await expectAccessible(page, 'after a run');
  await page.getByRole('button', { name: 'Compare all methods' }).click();
  await expect(page.getByRole('table', { name: 'Methods compared' })).toBeVisible();
  await expectAccessible(page, 'after compare');
  await page.getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByTestId('outcome-count')).toHaveText('1 outcomes recorded.');
  await expectAccessible(page, 'after an outcome');
  await page.getByLabel('Seeds').fill('20');
  await page.getByRole('button', { name: 'Run robustness study' }).click();
  await expect(page.getByTestId('robustness-chart')).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'with the robustness view');
  await page.getByLabel('Budget (configurations)').fill('30');
  await page.getByRole('button', { name: 'Run self-tune' }).click();
  await expect(page.getByTestId('tune-result')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Generations').fill('3');
  await page.getByRole('button', { name: 'Run evolution' }).click();
  await expect(page.getByTestId('evolve-chart')).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'after tuning and evolution');
});

for (const [w, h] of [
  [390, 844],
  [1280, 800],
] as const) {
  test(`at ${w}×${h} the Colony page fits: no sideways scroll, tables scroll in their panels`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: w, height: h });
    await openColony(page);
    await expectNoSideScroll(page);
    await page.screenshot({ path: `/tmp/colony-${w}-fresh.png`, fullPage: true });
    await buildColony(page);
    await page.getByRole('button', { name: 'Compare all methods' }).click();
    await expect(page.getByRole('table', { name: 'Methods compared' })).toBeVisible();
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await expect(page.getByTestId('outcome-count')).toHaveText('1 outcomes recorded.');
    await page.getByLabel('Seeds').fill('20');
    await page.getByRole('button', { name: 'Run robustness study' }).click();
    await expect(page.getByTestId('robustness-chart')).toBeVisible({ timeout: 60_000 });
    await expectNoSideScroll(page);
    // Charts and the heat map fit their panel.
    for (const sel of ['[data-testid="vote-heatmap"]', '[data-testid="robustness-chart"] svg']) {
      const fits = await page
        .locator(sel)
        .first()
        .evaluate(
          (el) => el.getBoundingClientRect().right <= el.closest('.panel')!.getBoundingClientRect().right + 1,
        );
      expect(fits, sel).toBe(true);
    }
    await page.getByTestId('vote-heatmap').screenshot({ path: `/tmp/colony-${w}-heatmap.png` });
    await page.getByTestId('robustness-chart').screenshot({ path: `/tmp/colony-${w}-robustness.png` });
    await page.getByRole('table', { name: 'Methods compared' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/colony-${w}-compare.png` });
    await page.screenshot({ path: `/tmp/colony-${w}-full.png`, fullPage: true });
    await expectAccessible(page, `at ${w}×${h}`);
  });
}
