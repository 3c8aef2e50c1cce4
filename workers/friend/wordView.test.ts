import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import type { EngineError } from '../core/errors';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';

const ORIGIN =
  'The cat sat on the mat. The cat sat on the chair. The cat ran to the door. A dog sat on the mat.';

async function setup() {
  const db = await openTestDb();
  const api = createFriendApi(createTestContext(db, new ManualClock()));
  await api.friendSetOrigin(ORIGIN);
  return { db, api };
}

describe('the teaching view of a word', () => {
  it('gives next-word probabilities from the bigram row, counted independently', async () => {
    const { db, api } = await setup();
    const view = await api.friendWordView('cat');
    expect(view.known).toBe(true);
    // An independent count straight from the tables: what follows "cat", over the whole row.
    const rows = db.all<{ word: string; count: number }>(
      `SELECT v2.word AS word, b.count AS count FROM (SELECT (k >> 21) AS a, (k & 2097151) AS b, count FROM friend_bigrams) b
       JOIN friend_vocab v1 ON v1.id = b.a JOIN friend_vocab v2 ON v2.id = b.b
       WHERE v1.word = 'cat' ORDER BY b.count DESC, b.b`,
    );
    const total = rows.reduce((s, r) => s + r.count, 0);
    expect(view.next.map((c) => c.word.toLowerCase())).toEqual(rows.map((r) => r.word).slice(0, 10));
    for (const [i, c] of view.next.entries()) expect(c.probability).toBeCloseTo(rows[i]!.count / total, 12);
    // The origin was learned once over the default one: "sat" follows "cat" twice, "ran" once.
    expect(view.next[0]!.word).toBe('sat');
    expect(view.next.find((c) => c.word === 'ran')!.count * 2).toBe(view.next[0]!.count);
    expect(view.next.reduce((s, c) => s + c.probability, 0)).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('finds the word it most often follows for the trigram row, or takes the one given', async () => {
    const { api } = await setup();
    const sat = await api.friendWordView('sat');
    // "cat sat" (twice) is more frequent than "dog sat" (once).
    expect(sat.before?.toLowerCase()).toBe('cat');
    expect(sat.nextAfterBoth).toEqual([{ word: 'on', count: 2, probability: 1 }]);
    const the = await api.friendWordView('on the', 5);
    expect(the.before).toBe('on');
    const mat = the.nextAfterBoth.find((c) => c.word === 'mat')!;
    const chair = the.nextAfterBoth.find((c) => c.word === 'chair')!;
    expect(mat.count).toBe(2 * chair.count);
    expect(the.nextAfterBoth.length).toBeLessThanOrEqual(5);
  });

  it('lists the strongest co-occurrences, strongest first', async () => {
    const { api } = await setup();
    const view = await api.friendWordView('mat', 4);
    expect(view.neighbours.length).toBe(4);
    const strengths = view.neighbours.map((n) => n.strength);
    expect([...strengths].sort((a, b) => b - a)).toEqual(strengths);
    expect(view.neighbours.map((n) => n.word.toLowerCase())).toContain('sat');
  });

  it('says when it does not know a word, suggests known ones, and refuses what is not a word', async () => {
    const { api } = await setup();
    const unknown = await api.friendWordView('lighthouse');
    expect(unknown).toMatchObject({ known: false, next: [], nextAfterBoth: [], neighbours: [] });
    const words = await api.friendKnownWords('ca', 5);
    expect(words).toContain('cat');
    expect(words.every((w) => w.startsWith('ca'))).toBe(true);
    // Most frequent first.
    const counts = await Promise.all(words.map(async (w) => (await api.friendWordView(w)).count));
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect((await api.friendKnownWords('', 3)).length).toBe(3);
    for (const call of [
      () => api.friendWordView(''),
      () => api.friendWordView('?!'),
      () => api.friendWordView('cat', 0),
      () => api.friendWordView('x'.repeat(201)),
      () => api.friendKnownWords(7 as unknown as string),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'BAD_INPUT' } satisfies Partial<EngineError>);
    }
  });
});
