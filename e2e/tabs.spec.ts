import { expect, openApp, test } from './support/fixtures';

test('two tabs never both write, and "use here" loses nothing in either direction', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await a.getByLabel('New note').fill('written in A before B opened');
  await a.getByRole('button', { name: 'Add note' }).click();
  await expect(a.getByRole('list', { name: 'Notes' })).toContainText('written in A before B opened');

  const b = await context.newPage();
  await b.goto('./#/data');
  await expect(b.getByRole('heading', { name: 'The lab is open in another tab.' })).toBeVisible();
  await expect(b.getByLabel('New note')).toHaveCount(0);

  // A writes again right before the hand-over: the debounce has not fired, the flush must carry it.
  await a.getByLabel('New note').fill('written in A just before use here');
  await a.getByRole('button', { name: 'Add note' }).click();
  await expect(a.getByRole('list', { name: 'Notes' })).toContainText('just before use here');

  await b.getByRole('button', { name: 'Use here' }).click();
  await expect(b.getByRole('list', { name: 'Notes' })).toContainText('written in A just before use here');
  await expect(b.getByRole('list', { name: 'Notes' })).toContainText('written in A before B opened');
  await expect(a.getByRole('heading', { name: 'The lab moved to another tab.' })).toBeVisible();
  await expect(a.getByLabel('New note')).toHaveCount(0);

  await b.getByLabel('New note').fill('written in B');
  await b.getByRole('button', { name: 'Add note' }).click();
  await expect(b.getByRole('list', { name: 'Notes' })).toContainText('written in B');

  await a.getByRole('button', { name: 'Use here' }).click();
  const notes = a.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText('written in B');
  await expect(notes.getByRole('listitem')).toHaveCount(3);
  await expect(b.getByRole('heading', { name: 'The lab moved to another tab.' })).toBeVisible();
});
