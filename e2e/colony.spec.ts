import { readFile } from 'node:fs/promises';
import { expect, openApp, test } from './support/fixtures';

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
