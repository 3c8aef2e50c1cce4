import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';
import { COOLDOWN_MS } from './dream';
import { seededSentence } from './testField';

/**
 * What the field says, pinned: a taught text, then chat turns with the dreams they bring, a word's
 * view and the inspector's counts and themes. The same inputs give the same field in every browser,
 * so a shared lab reproduces; a change to how the field is stored or read (its keys, its caches, its
 * read-ahead) must leave every one of these unchanged. Pinned with the field keyed by ids (before
 * migration 0006), so the integer keys are checked to give the same answers.
 */

const WORDS = ['the', 'sea', 'and', 'a', 'field', 'of', 'night', 'word', 'came', 'back', 'to', 'me'];
const text = Array.from({ length: 900 }, (_, i) =>
  seededSentence(i + 1, 6, 14, (r) => (r % 3 === 0 ? WORDS[r % WORDS.length]! : `w${r % 700}`)),
).join('. ');
const PROMPTS = [
  'Who are you?',
  'Tell me about the sea and the night.',
  'The word came back to me.',
  'WHAT IS A FIELD!!!',
  'Do you dream at night?',
  'Say something new.',
];

describe('the friend field, pinned', () => {
  it('gives the same replies, dreams, word view and counts as ever for the same inputs', async () => {
    const db = await openTestDb();
    const clock = new ManualClock();
    const api = createFriendApi(createTestContext(db, clock));
    const taught = await api.friendIngest(text, 'golden');
    const replies: string[] = [];
    for (let i = 0; i < 24; i++) {
      replies.push((await api.friendChat(PROMPTS[i % PROMPTS.length]!)).reply.text);
      clock.advance(COOLDOWN_MS);
    }
    const stats = await api.friendStats();
    expect(taught.tokens).toBeGreaterThan(9000);
    expect(new Set(replies).size).toBeGreaterThan(12);
    expect({
      replies: hashValue(replies),
      dreams: hashValue(await api.friendDreams()),
      view: hashValue(await api.friendWordView('sea')),
      counts: [stats.vocabulary, stats.bigrams, stats.trigrams, stats.cooccurrences],
      themes: hashValue(stats.themes),
    }).toEqual(GOLDEN);
  });
});

const GOLDEN = {
  replies: '9606f2d772e1c426142fd24c07bf6c7ab57e961aff08aebcee50beafef559c8d',
  dreams: 'a58d4da5fe0d475a757c7bac017a3f40f20dc2b0a5ddd6ecd10dcde9847c2fb5',
  view: '38c90460e751c54f6bb5365ad3eb4442a44fb0a2dbd9c7ff6c027af15722749c',
  counts: [833, 8795, 11790, 25420],
  themes: 'b77fd9ab5264f8043192274ca70dbf9cd003728a924ebebaae35812a56cb0d47',
};
