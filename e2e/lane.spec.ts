import { createServer } from 'vite';
import { expect, openApp, test } from './support/fixtures';
import type { Page } from '@playwright/test';
import { CRAFTED_SEEDS, pricingSeed } from '../workers/lane/craftedSeeds';
import type * as SeedModule from '../workers/lane/seed';
import type * as SimulateModule from '../workers/lane/simulate';
import type * as HashModule from '../workers/core/hash';

async function enable(page: Page) {
  const on = page.getByRole('button', { name: 'Turn on simulation' });
  const off = page.getByRole('button', { name: 'Turn simulation off' });
  // Wait until the page knows the flag (it loads lazily), then turn it on if it is off.
  await expect(on.or(off)).toBeVisible();
  if (await on.isVisible()) await on.click();
  await expect(off).toBeVisible();
}

test('load an example, run it, open a branch, follow the share link to the same result, find the job after a reload', async ({
  page,
  browser,
}) => {
  await openApp(page, './#/lab');
  await expect(page.getByRole('heading', { name: 'Turn on simulation?' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run simulation' })).toBeDisabled();
  await enable(page);

  await page.getByRole('button', { name: 'Example: Pricing the pro plan' }).click();
  await expect(page.getByLabel('Goal')).toHaveValue(
    'Decide whether to raise the pro plan price for small teams',
  );
  await page.getByRole('button', { name: 'Run simulation' }).click();

  const hash = page.getByTestId('result-hash');
  await expect(hash).toHaveText(/^[0-9a-f]{64}$/);
  const first = await hash.textContent();
  await expect(page.getByTestId('trace-id')).toHaveText(/^LT-[0-9a-f]{16}$/);

  // The tree: the goal at the root, 6 scenarios, each split once (depth 2).
  const graph = page.getByTestId('branch-graph');
  await expect(graph.locator('.react-flow__node')).toHaveCount(1 + 18);
  await graph
    .locator('.react-flow__node', { hasText: /^(⚠ )?optimistic\n?U/ })
    .first()
    .click();
  const detail = page.getByTestId('branch-detail');
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('optimistic');
  await expect(detail.getByTestId('node-valid')).toHaveText('valid');
  await expect(detail.getByRole('img', { name: /^Outcome distribution of optimistic,/ })).toBeVisible();
  await expect(detail).toContainText('customers');
  await expect(page.getByRole('table', { name: 'Branches' }).getByRole('row')).toHaveCount(19);
  await expect(page.getByRole('list', { name: 'Trace' })).toContainText('rollout_finished');

  // Keyboard: a branch opens from the comparison table too.
  await page
    .getByRole('table', { name: 'Branches' })
    .getByRole('button', { name: 'adversarial', exact: true })
    .click();
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('adversarial');

  // Keyboard in the graph: each node is a button reached with Tab and opened with Enter or Space.
  const baselineNode = graph.getByRole('button', { name: /^Branch baseline,/ });
  await baselineNode.focus();
  await page.keyboard.press('Space');
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('baseline');
  await expect(baselineNode).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Tab');
  const optimisticNode = graph.getByRole('button', { name: /^Branch optimistic,/ });
  await expect(optimisticNode).toBeFocused();
  // The focus ring is visible: a keyboard-focused node has a solid outline.
  expect(
    await optimisticNode.evaluate((el) => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle),
  ).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('optimistic');
  // Legible at the fitted zoom: 18 nodes are not shrunk to specks (a two-line node is 54 px high at zoom 1).
  expect((await optimisticNode.boundingBox())!.height).toBeGreaterThanOrEqual(36);

  const share = await page.getByTestId('share-link').getAttribute('href');
  expect(share).toContain('#/lab?seed=');
  // The link also says how many samples per branch it ran and which engine version made it.
  expect(share).toMatch(/#\/lab\?seed=[A-Za-z0-9_-]+&samples=\d+&engine=[\w.-]+&hash=[0-9a-f]{64}$/);
  await page.goto('about:blank');
  await page.goto(share!);
  await expect(page.getByTestId('result-hash')).toHaveText(first!);
  await expect(page.getByText('Loaded from a share link.')).toBeVisible();

  // A fresh browser (its own storage, so simulation is off): the prompt says the shared scenario
  // will run once simulation is on, and turning it on gives the same result.
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('pageerror', (err) => errors.push(err.message));
    await other.goto(share!);
    await expect(other.getByRole('heading', { name: 'Turn on simulation?' })).toBeVisible();
    await expect(other.getByTestId('shared-pending')).toContainText(
      'The shared scenario will run as soon as you turn simulation on',
    );
    await expect(other.getByTestId('result-hash')).toHaveCount(0);
    await other.getByRole('button', { name: 'Turn on simulation' }).click();
    await expect(other.getByTestId('result-hash')).toHaveText(first!);
    await expect(other.getByText('Loaded from a share link.')).toBeVisible();
    await expect(other.getByRole('heading', { name: 'Turn on simulation?' })).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await fresh.close();
  }

  await page.reload();
  await openApp(page, './#/lab');
  const history = page.getByRole('list', { name: 'Past jobs' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history).toContainText('Decide whether to raise the pro plan price');
  await history.getByRole('button').first().click();
  await expect(page.getByTestId('result-hash')).toHaveText(first!);
  await page.getByRole('button', { name: 'Verify artifact chain' }).click();
  await expect(page.getByTestId('chain-status')).toHaveText(/holds: 2 results/);
});

test('a denial says why and what to change; formula errors show inline', async ({ page }) => {
  await openApp(page, './#/lab');
  await enable(page);
  await page.getByRole('button', { name: /Example: Onboarding/ }).click();
  // The example is fetched: wait for it to land before editing, or it overwrites the edits.
  await expect(page.getByLabel('Goal')).toHaveValue('Evaluate onboarding flow for new ΛID users');
  await page.getByText('Advanced settings').click();
  await page.getByLabel('Consent scopes (comma separated)').fill('');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  const denial = page.getByTestId('denial');
  await expect(denial).toContainText('POLICY_VIOLATION');
  await expect(denial).toContainText('What to change: Add "simulation.read_context"');

  await page.getByRole('button', { name: 'Example: Holiday inventory' }).click();
  // The example is fetched: wait for it to land before editing, or it overwrites the edits.
  await expect(page.getByLabel('Goal')).toHaveValue("Plan holiday inventory for the shop's best seller");
  await page.getByLabel('Outcome formula').fill('demand * (order + ');
  await expect(page.getByRole('alert').filter({ hasText: 'ended too early' })).toContainText('position 19');
});

test('a long job shows progress and can be cancelled', async ({ page }) => {
  await openApp(page, './#/lab');
  await enable(page);
  await page.getByRole('button', { name: 'Example: Holiday inventory' }).click();
  // The example is fetched: wait for it to land before editing, or it overwrites the edits.
  await expect(page.getByLabel('Goal')).toHaveValue("Plan holiday inventory for the shop's best seller");
  await page.getByLabel('Samples per branch').fill('1000000');
  await page.getByText('Advanced settings').click();
  await page.getByLabel('Max rollouts (samples)').fill('10000000');
  await page.getByLabel('Seconds', { exact: true }).fill('600');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByRole('progressbar', { name: 'Simulation progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The job was cancelled.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Past jobs' })).toContainText('cancelled');
});

test('Node and Chromium give the same result hash for every example', async ({ page }) => {
  const vite = await createServer({
    configFile: 'vite.config.ts',
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    logLevel: 'error',
  });
  const node: Record<string, string> = {};
  const examples = ['onboarding.json', 'pricing.json', 'inventory.json'];
  try {
    const { normalizeSeed } = (await vite.ssrLoadModule('/workers/lane/seed.ts')) as typeof SeedModule;
    const { simulate } = (await vite.ssrLoadModule('/workers/lane/simulate.ts')) as typeof SimulateModule;
    const { hashValue } = (await vite.ssrLoadModule('/workers/core/hash.ts')) as typeof HashModule;
    const { readFileSync } = await import('node:fs');
    for (const f of examples) {
      const ex = JSON.parse(readFileSync(`public/examples/${f}`, 'utf8')) as { seed: unknown };
      node[f] = hashValue(await simulate(normalizeSeed(ex.seed, 0), { clock: { now: () => 0 } }));
    }
  } finally {
    await vite.close();
  }
  await openApp(page, './#/lab');
  await enable(page);
  const chromium = await page.evaluate(async (files) => {
    type Engine = {
      laneSchedule(s: unknown): Promise<string>;
      laneCollect(id: string): Promise<unknown>;
      laneStatus(id: string): Promise<{ result_hash: string }>;
    };
    const engine = (globalThis as unknown as { dreamlane: { engine: Engine } }).dreamlane.engine;
    const out: Record<string, string> = {};
    for (const f of files) {
      const ex = (await (await fetch(`./examples/${f}`)).json()) as { seed: unknown };
      const id = await engine.laneSchedule(ex.seed);
      await engine.laneCollect(id);
      out[f] = (await engine.laneStatus(id)).result_hash;
    }
    return out;
  }, examples);
  expect(chromium).toEqual(node);
});

/** base64url of the exact JSON text given (no re-encoding, so crafted shapes survive as they are). */
const linkFor = (json: string) =>
  `./#/lab?seed=${Buffer.from(json, 'utf8').toString('base64url')}&samples=500&engine=1`;

const sharedSeed = (patch: Record<string, unknown>) =>
  JSON.stringify({ ...pricingSeed(1767225600000), ...patch });

/** What the page says about each crafted seed (workers/lane/craftedSeeds.ts) a share link carries. */
const CRAFTED_MESSAGES: Record<string, string> = {
  'labels not a list': 'labels must be a list of text',
  'dist.kind __proto__': 'model.factors[0].dist.kind must be one of',
  'dist.kind constructor': 'model.factors[0].dist.kind must be one of',
  'dist.kind unknown': 'model.factors[0].dist.kind must be one of',
  'factors not a list': 'at least one factor',
  'scopes a string': 'constraints.consent.scopes must be a list',
  'stakeholders an object': 'stakeholders must be a list',
};

const CRAFTED_LINKS: Array<[string, string, string]> = [
  ...CRAFTED_SEEDS.filter(([name]) => name in CRAFTED_MESSAGES).map(
    ([name, make]): [string, string, string] => [
      name,
      JSON.stringify(make(pricingSeed(1767225600000))),
      CRAFTED_MESSAGES[name]!,
    ],
  ),
  [
    '5,000-deep nesting',
    sharedSeed({ labels: 'LABELS' }).replace('"LABELS"', '['.repeat(5000) + ']'.repeat(5000)),
    'nests more than 16 levels',
  ],
];

test('a crafted share link is explained on the page, never blanks the app, and never runs', async ({
  page,
}) => {
  await openApp(page, './#/lab');
  await enable(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [name, json, message] of CRAFTED_LINKS) {
    await test.step(name, async () => {
      await page.goto(linkFor(json));
      const problem = page.getByTestId('share-error');
      await expect(problem).toContainText('This share link cannot be opened.');
      await expect(problem).toContainText(message);
      // And again after a reload: the link is still in the address, the page still explains it.
      await page.reload();
      await expect(page.getByTestId('share-error')).toContainText(message);
      await expect(page.getByRole('heading', { name: 'Lab', level: 1 })).toBeVisible();
      await expect(page.getByTestId('page-error')).toHaveCount(0);
      // The app around the page works: navigation to another page and back.
      await nav.getByRole('link', { name: 'Data' }).click();
      await expect(page.getByRole('heading', { name: 'Data', level: 1 })).toBeVisible();
      await nav.getByRole('link', { name: 'Lab' }).click();
      await expect(page.getByRole('heading', { name: 'Lab', level: 1 })).toBeVisible();
      await expect(page.getByTestId('share-error')).toHaveCount(0);
    });
  }
  // Nothing was run: no job, and the editor still works.
  await expect(page.getByRole('list', { name: 'Past jobs' })).toHaveCount(0);
  await expect(page.getByText('No jobs yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Example: Holiday inventory' }).click();
  await expect(page.getByLabel('Goal')).toHaveValue("Plan holiday inventory for the shop's best seller");

  // A good link from another engine version runs, with a note that its result may differ.
  await page.goto(linkFor(sharedSeed({})).replace('engine=1', 'engine=0.9'));
  await expect(page.getByTestId('share-note')).toContainText('engine version 0.9');
  await expect(page.getByTestId('result-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('share-error')).toHaveCount(0);
});

test('hostile formulas get an inline error with a position, not an internal error', async ({ page }) => {
  await openApp(page, './#/lab');
  await enable(page);
  await page.getByRole('button', { name: 'Example: Holiday inventory' }).click();
  await expect(page.getByLabel('Goal')).toHaveValue("Plan holiday inventory for the shop's best seller");
  const outcome = page.getByLabel('Outcome formula');
  const inline = page.locator('.formula-field', { has: outcome }).getByRole('alert');
  for (const [src, message, position] of [
    ['constructor(1)', 'Unknown function "constructor"', 1],
    ['toString(demand)', 'Unknown function "toString"', 1],
    ['2 * __proto__(demand)', 'Unknown function "__proto__"', 5],
    ['('.repeat(990) + 'demand' + ')'.repeat(990), 'nests more than 64 levels', 65],
    ['-'.repeat(1990) + 'demand', 'nests more than 64 levels', 65],
  ] as const) {
    await outcome.fill(src);
    await expect(inline).toContainText(message);
    await expect(inline).toContainText(`position ${position}`);
  }
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByTestId('denial')).toContainText('BAD_INPUT');
  await expect(page.getByTestId('denial')).not.toContainText('INTERNAL');
});
