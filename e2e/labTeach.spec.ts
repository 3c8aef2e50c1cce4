import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ENGINE_WORKER_SCRIPT, expect, openApp, screenshotForReview, test } from './support/fixtures';

/**
 * The Lab as a first-time user meets it: the guided start, an example run end to end, pictures that
 * carry the result, share links, a phone-sized screen, and axe on every state.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function axe(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
  expect(bad, `axe on the Lab, ${state}`).toEqual([]);
}

async function noSideways(page: Page, state: string) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `page width at 390 px, ${state}`).toBeLessThanOrEqual(390);
}

/** Every node of the branch tree lies inside the graph's canvas. */
async function treeFits(page: Page) {
  const graph = page.getByTestId('branch-graph');
  await expect(graph.locator('.react-flow__node').first()).toBeVisible();
  // fitView runs once the nodes are measured.
  await page.waitForTimeout(300);
  const box = (await graph.boundingBox())!;
  const nodes = await graph.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: (el as HTMLElement).dataset.id, x: r.x, y: r.y, right: r.right, bottom: r.bottom };
    }),
  );
  for (const n of nodes) {
    expect(n.x, `node ${n.id} left`).toBeGreaterThanOrEqual(box.x - 1);
    expect(n.y, `node ${n.id} top`).toBeGreaterThanOrEqual(box.y - 1);
    expect(n.right, `node ${n.id} right`).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(n.bottom, `node ${n.id} bottom`).toBeLessThanOrEqual(box.y + box.height + 1);
  }
  return nodes.length;
}

async function tryExample(page: Page) {
  await page.getByRole('button', { name: /^Try an example/ }).click();
  await expect(page.getByTestId('result-hash')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 60_000 });
}

for (const [size, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`${size}: the guided start runs an example end to end and the result teaches`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openApp(page, './#/lab');
    const guide = page.getByTestId('guided-start');
    await expect(guide).toBeVisible();
    await expect(guide.getByRole('heading', { level: 2 })).toBeVisible();
    await expect(guide.getByRole('button', { name: /^Try an example/ })).toBeVisible();
    // Consent stays explicit: nothing runs until a button that says it turns simulation on is pressed.
    await expect(guide.getByRole('button', { name: /turns simulation on/ })).toBeVisible();
    await expect(page.getByTestId('result-hash')).toHaveCount(0);
    if (size === 'phone') await noSideways(page, 'fresh');
    await axe(page, `${size}, fresh with the guided start`);
    await page.screenshot({ path: `/tmp/lab-${size}-1-fresh.png`, fullPage: size === 'desktop' });

    await tryExample(page);
    // The result is brought into view.
    const result = page.getByTestId('result');
    await expect(result.getByRole('heading', { name: 'Result', level: 2 })).toBeInViewport();
    await expect(page.getByTestId('result-lead')).toContainText(
      'The most promising branch that keeps every stakeholder above their floor is',
    );
    await expect(page.getByTestId('guided-start')).toHaveCount(0);
    await expect(page.getByLabel('Goal')).toHaveValue(/class budget/);
    // The tree: goal at the root, every node inside the canvas, a legend, and words on every split.
    const count = await treeFits(page);
    expect(count).toBe(1 + 12);
    const graph = page.getByTestId('branch-graph');
    await expect(graph.locator('.react-flow__node').first()).toContainText('Goal: Plan this term');
    await expect(page.getByRole('list', { name: 'What the colours mean' })).toContainText(
      'never shown as good',
    );
    const parents = graph.locator('.react-flow__node', { hasText: 'splits on' });
    await expect(parents).toHaveCount(4);
    await expect(parents.first()).toContainText(/splits on \w+: moves the mean by [\d.]+/);
    // The tornado names every factor, largest effect first.
    const tornado = page.getByTestId('sensitivity');
    await expect(tornado.getByRole('listitem')).toHaveCount(5);
    await expect(tornado).toContainText('matters most here');
    if (size === 'phone') await noSideways(page, 'after a run');
    await axe(page, `${size}, after a run`);
    await page.screenshot({ path: `/tmp/lab-${size}-2-result.png`, fullPage: false });

    // Open a branch from the tree.
    await graph.getByRole('button', { name: /^Branch adversarial,/ }).click();
    const detail = page.getByTestId('branch-detail');
    await expect(detail.getByRole('heading', { level: 3 })).toContainText('adversarial');
    // Raw JSON and the shard are folded away.
    await expect(detail.getByLabel('MATADA node JSON')).toBeHidden();
    await expect(detail.getByLabel('Dream shard JSON')).toBeHidden();
    await expect(detail.getByTestId('node-valid')).toHaveText('valid');
    // The histogram has axes and marks the threshold and the baseline's mean.
    const hist = detail.getByTestId('histogram');
    await expect(hist.locator('text.axis-label')).toHaveText([
      'Outcome (higher is better)',
      'Share of samples',
    ]);
    expect(await hist.locator('text.tick').count()).toBeGreaterThanOrEqual(6);
    await expect(hist.getByRole('listitem').filter({ hasText: 'failure threshold (0)' })).toHaveCount(1);
    await expect(hist.getByRole('listitem').filter({ hasText: 'baseline mean' })).toHaveCount(1);
    // Plain words on a metric.
    await detail.getByRole('button', { name: 'What does CVaR mean?' }).click();
    await expect(detail.getByText(/average of the worst 5 runs in every 100/)).toBeVisible();
    if (size === 'phone') await noSideways(page, 'branch open');
    await axe(page, `${size}, branch open`);
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/lab-${size}-3-branch.png` });
    await graph.screenshot({ path: `/tmp/lab-${size}-4-tree.png` });
    await hist.screenshot({ path: `/tmp/lab-${size}-5-histogram.png` });
    await tornado.screenshot({ path: `/tmp/lab-${size}-6-tornado.png` });
  });
}

test('simple and advanced seed editor; each factor shows its shape and follows edits', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await openApp(page, './#/lab');
  await page.getByRole('button', { name: 'Turn on simulation' }).click();
  await page.getByRole('button', { name: "Example: A small shop's pricing" }).click();
  await expect(page.getByLabel('Goal')).toHaveValue(/price of a loaf/);
  // Simple: goal, the factors, the sample count. The rest waits under "Advanced settings".
  await expect(page.getByLabel('Samples per branch')).toBeVisible();
  await expect(page.getByLabel('Consent scopes (comma separated)')).toBeHidden();
  await expect(page.getByLabel('Tenant')).toBeHidden();
  await expect(page.getByText('ingredients per loaf, in €')).toBeVisible();
  const spark = page.getByTestId('sparkline');
  await expect(spark).toHaveCount(5);
  const price = page.getByRole('img', { name: /^Shape of price:/ });
  const before = await price.getAttribute('aria-label');
  await page.getByLabel('Factor 1 max').fill('9');
  await expect(price).not.toHaveAttribute('aria-label', before!);
  await expect(price).toHaveAttribute('aria-label', /between 3 and 9/);
  await page.getByText('Advanced settings').click();
  await expect(page.getByLabel('Consent scopes (comma separated)')).toHaveValue('simulation.read_context');
  await expect(page.getByLabel('Tenant')).toHaveValue('local');
  await axe(page, 'advanced settings open');
  await page.screenshot({ path: '/tmp/lab-desktop-4-editor.png', fullPage: true });
});

test('histograms overlay branches; warned branches are never shown as good', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await openApp(page, './#/lab');
  await tryExample(page);
  const compare = page.getByTestId('distribution-compare');
  const picks = compare.getByRole('checkbox');
  await expect(picks.first()).toBeChecked();
  await compare.getByRole('checkbox', { name: 'optimistic', exact: true }).check();
  await compare.getByRole('checkbox', { name: 'adversarial', exact: true }).check();
  const legend = compare.getByTestId('histogram').getByRole('listitem');
  await expect(legend.filter({ hasText: /^optimistic$/ })).toHaveCount(1);
  await expect(legend.filter({ hasText: /^adversarial$/ })).toHaveCount(1);
  expect(await compare.locator('svg path[fill-opacity]').count()).toBeGreaterThanOrEqual(3);
  // The students' floor is on their own scale, the office's on the outcome: only the office's is drawn.
  await expect(legend.filter({ hasText: "school office's floor (0)" })).toHaveCount(1);
  await expect(legend.filter({ hasText: "students's floor" })).toHaveCount(0);
  await compare.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/lab-desktop-5-overlay.png' });
  const warned = page.getByTestId('branch-graph').locator('.react-flow__node', { hasText: '⚠' });
  expect(await warned.count()).toBeGreaterThan(0);
  for (const bg of await warned.evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor))) {
    // Good is the green rgb(211, 249, 216).
    expect(bg).not.toBe('rgb(211, 249, 216)');
  }
});

test('every shipped example fits its tree in the canvas at 1280x800', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(DESKTOP);
  await openApp(page, './#/lab');
  await page.getByRole('button', { name: 'Turn on simulation' }).click();
  const buttons = page.getByRole('group', { name: 'Examples' }).getByRole('button');
  const names = await buttons.allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(6);
  let last = '';
  for (const name of names) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByLabel('Goal')).not.toHaveValue('');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByTestId('result-hash')).not.toHaveText(last, { timeout: 60_000 });
    await expect(page.getByTestId('result-hash')).toHaveText(/^[0-9a-f]{64}$/);
    last = (await page.getByTestId('result-hash').textContent())!;
    await page.getByTestId('branch-graph').scrollIntoViewIfNeeded();
    await treeFits(page);
    await page.screenshot({ path: `/tmp/lab-tree-${names.indexOf(name)}.png` });
  }
});

test('a share link leads with the reproduced result and says the hash matched; another tab says how to continue', async ({
  page,
  context,
}) => {
  await page.setViewportSize(DESKTOP);
  await openApp(page, './#/lab');
  await tryExample(page);
  const hash = await page.getByTestId('result-hash').textContent();
  const link = (await page.getByTestId('share-link').getAttribute('href'))!;
  expect(link).toMatch(/[?&]hash=[0-9a-f]{64}/);

  // Opened while this tab holds the lab: the other tab says what to do, and "Use here" runs it.
  const other = await context.newPage();
  await other.setViewportSize(DESKTOP);
  await other.goto(link);
  await expect(other.getByTestId('shared-standby')).toContainText('Use here');
  await axe(other, 'share link in a second tab');
  await screenshotForReview(other, '/tmp/lab-desktop-6-standby.png');
  await other.getByRole('button', { name: 'Use here' }).click();
  await expect(other.getByTestId('shared-verdict')).toContainText('the result hash matches');
  await expect(other.getByTestId('result-hash')).toHaveText(hash!);
  // It leads with the result: the result comes before the seed editor and is in view. The check
  // reads the layout, not an IntersectionObserver: a page Chromium has put behind the first one
  // draws no frames, and an observer there never answers.
  await other.bringToFront();
  const heading = other.getByRole('heading', { name: 'Result', level: 2 });
  await expect
    .poll(async () => {
      const box = await heading.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= DESKTOP.height;
    })
    .toBe(true);
  const order = await other.evaluate(() => {
    const r = document.getElementById('lab-result')!;
    const s = document.getElementById('seed-title')!;
    return r.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  await screenshotForReview(other, '/tmp/lab-desktop-7-shared.png');

  // An edited link says the hash did not match.
  const edited = link.replace(/hash=[0-9a-f]{4}/, 'hash=0000');
  await other.goto('about:blank');
  await other.goto(edited);
  await expect(other.getByTestId('shared-verdict')).toContainText('differs');
});

test('first load: the JavaScript before the Lab is usable is at most 120 KB gzip', async ({ page }) => {
  const scripts: string[] = [];
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (res) => {
    // The engine worker's own code (its entry and the engines' chunk it loads) runs off the page's
    // thread: not what the page waits for before the Lab is usable.
    if (res.request().resourceType() !== 'script' || ENGINE_WORKER_SCRIPT.test(res.url())) return;
    scripts.push(res.url());
    bodies.push(res.body());
  });
  await openApp(page, './#/lab');
  await expect(page.getByRole('button', { name: 'Run simulation' })).toBeVisible();
  const total = (await Promise.all(bodies)).reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  expect(
    scripts.some((u) => /BranchGraph/.test(u)),
    'the graph waits for a result',
  ).toBe(false);
  expect(total / 1024).toBeLessThanOrEqual(120);
});
