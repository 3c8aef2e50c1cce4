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

test('a text longer than one part is sent in parts and learned exactly as in one message; stray parts are refused', async ({
  page,
}) => {
  await openApp(page, './#/friend');
  const out = await page.evaluate(async () => {
    type Api = {
      friendIngest(text: unknown, opId: string): Promise<{ tokens: number; observations: number }>;
      friendTextPart(opId: string, index: number, part: string): Promise<void>;
      friendReset(): Promise<unknown>;
      friendStats(): Promise<{ vocabulary: number }>;
    };
    const { engine, wire } = (globalThis as unknown as { dreamlane: { engine: Api; wire: Api } }).dreamlane;
    const words = ['river', 'stone', 'light', 'field', 'night', 'road', 'dream', 'rain', 'bird', 'song'];
    let x = 7;
    const sentences: string[] = [];
    for (let chars = 0; chars < 1_200_000;) {
      const n = 4 + ((x = (x * 1103515245 + 12345) % 2147483648) % 8);
      const s = Array.from({ length: n }, (_, i) => words[(x >> (i + 3)) % words.length]).join(' ') + '. ';
      sentences.push(s);
      chars += s.length;
    }
    // An astral character where the first part ends (524,288), so the cut must step back one.
    let text = sentences.join('');
    text = text.slice(0, 524_287) + '😀' + text.slice(524_287);
    const inParts = await engine.friendIngest(text, 'parts-1');
    const vocabParts = (await engine.friendStats()).vocabulary;
    await engine.friendReset();
    const inOne = await wire.friendIngest(text, 'whole-1');
    const vocabOne = (await engine.friendStats()).vocabulary;
    // The worker's side of the parts, sent by hand: cut at 524,287 (before the pair) and 1,048,575.
    await engine.friendReset();
    const cuts = [0, 524_287, 1_048_575, text.length];
    for (let i = 0; i + 1 < cuts.length; i++)
      await wire.friendTextPart('by-hand', i, text.slice(cuts[i], cuts[i + 1]));
    const byHand = await wire.friendIngest({ parts: 3, chars: text.length }, 'by-hand');
    const refused = async (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      );
    return {
      inParts,
      inOne,
      byHand,
      vocabParts,
      vocabOne,
      unsent: await refused(wire.friendIngest({ parts: 3, chars: 30 }, 'never-sent')),
      outOfOrder: await refused(wire.friendTextPart('stray', 2, 'late part')),
      tooLong: await refused(wire.friendTextPart('big', 0, 'x'.repeat(524_289))),
    };
  });
  expect(out.inParts.tokens).toBeGreaterThan(200_000);
  expect(out.inParts).toEqual(out.inOne);
  expect(out.byHand).toEqual(out.inOne);
  expect(out.vocabParts).toBe(out.vocabOne);
  expect(out).toMatchObject({ unsent: 'BAD_INPUT', outOfOrder: 'BAD_INPUT', tooLong: 'BAD_INPUT' });
});
