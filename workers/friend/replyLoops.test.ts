import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';
import { COOLDOWN_MS } from './dream';
import { tokenize } from './tokenizer';

const GREETINGS = [
  'Hello there',
  'hello',
  'Hi!',
  'hey you',
  'good morning',
  'Good night.',
  'How are you?',
  'thanks',
  'Hello hello',
  'yes yes yes',
  'What?',
  'ok',
];

const PROMPTS = [
  ...GREETINGS,
  'Who are you?',
  'Tell me a story.',
  'Do you dream at night?',
  'What is your name?',
  'Where do you come from?',
  'I like the sea.',
  'The sea is blue and the sky is blue.',
  'Say something new.',
  'Are you real?',
  'Count the waves with me.',
  'I am tired today.',
  'Words, words, words.',
  'Do you know any songs?',
  'What do you remember?',
  'The cat sat on the mat.',
  'Let us play a game.',
  'Why?',
  'Because.',
  'Tell me about your friend.',
  'Is it raining?',
  'I had a dream about a lighthouse.',
  'Good morning, little field!',
  'Hello there, hello there.',
  'what is a word',
  'Can you hear me?',
  'Where does the river go?',
  'I miss my friend.',
  'Sing to me.',
  'One two three four.',
  'The end.',
  'Again!',
  'Who made you?',
  'Do you like me?',
  'Please answer.',
  'See you later.',
  'Goodbye.',
  'Hello there',
  'How are you?',
];

/** Lower-case word keys of a text, marks apart. */
const words = (text: string) =>
  tokenize(text)
    .filter((t) => !t.isPunct)
    .map((t) => t.key);

function grams(keys: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i < keys.length; i++) out.push(keys.slice(i - n + 1, i + 1).join(' '));
  return out;
}

/** Loops and echoes of one reply: its repeated trigrams, and the prompt's trigrams and pairs it repeats. */
function loops(prompt: string, reply: string) {
  const r = words(reply);
  const p = words(prompt);
  const tri = grams(r, 3);
  const promptTri = new Set(grams(p, 3));
  const promptPairs = new Set(grams(p, 2));
  return {
    repeatedTrigrams: tri.length - new Set(tri).size,
    echoedTrigrams: tri.filter((g) => promptTri.has(g)).length,
    echoedPairs: grams(r, 2).filter((g) => promptPairs.has(g)).length,
    /** How often the most repeated word comes back, over what a loop-free reply of this length allows. */
    wordRepeats: r.length
      ? Math.max(...[...new Set(r)].map((w) => r.filter((x) => x === w).length)) / Math.max(2, 0.3 * r.length)
      : 0,
  };
}

describe('replies do not loop or parrot the prompt', () => {
  it('greetings on a fresh field: no repeated trigram, no echo of the prompt beyond one word pair', async () => {
    for (const g of GREETINGS) {
      const api = createFriendApi(createTestContext(await openTestDb(), new ManualClock()));
      const { reply } = await api.friendChat(g);
      const l = loops(g, reply.text);
      expect(l.repeatedTrigrams, `${g} → ${reply.text}`).toBe(0);
      expect(l.echoedTrigrams, `${g} → ${reply.text}`).toBe(0);
      expect(l.echoedPairs, `${g} → ${reply.text}`).toBeLessThanOrEqual(1);
      expect(l.wordRepeats, `${g} → ${reply.text}`).toBeLessThanOrEqual(1);
      // A reply that is nothing but a loop has no spread in its steps.
      expect(reply.pulse!.entropy, `${g} → ${reply.text}`).toBeGreaterThan(0);
    }
  });

  it(`a conversation of ${PROMPTS.length} short prompts: no reply loops, echoes stay rare`, async () => {
    const clock = new ManualClock();
    const api = createFriendApi(createTestContext(await openTestDb(), clock));
    let echoedPairs = 0;
    for (const p of PROMPTS) {
      const { reply } = await api.friendChat(p);
      const l = loops(p, reply.text);
      expect(l.repeatedTrigrams, `${p} → ${reply.text}`).toBe(0);
      expect(l.echoedTrigrams, `${p} → ${reply.text}`).toBe(0);
      expect(l.echoedPairs, `${p} → ${reply.text}`).toBeLessThanOrEqual(2);
      expect(l.wordRepeats, `${p} → ${reply.text}`).toBeLessThanOrEqual(1);
      if (process.env.SHOW_REPLIES) console.log(`${p} → ${reply.text}`);
      echoedPairs += l.echoedPairs;
      clock.advance(COOLDOWN_MS);
    }
    expect(PROMPTS.length).toBeGreaterThanOrEqual(50);
    // Most replies repeat none of the prompt's word pairs at all.
    expect(echoedPairs).toBeLessThanOrEqual(PROMPTS.length / 4);
  });
});
