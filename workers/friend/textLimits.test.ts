import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EngineEvent, ProgressEvent } from '../contract/base';
import { ManualClock } from '../core/clock';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';
import { FRIEND_TEXT_LIMITS, loneSurrogateAt } from './textLimits';

async function setup() {
  const events: EngineEvent[] = [];
  const db = await openTestDb();
  const ctx = createTestContext(db, new ManualClock(), events);
  const api = createFriendApi(ctx);
  await api.friendStats();
  const rows = () =>
    db.all('SELECT * FROM friend_messages').length + db.all('SELECT * FROM friend_vocab').length;
  return { api, db, events, rows };
}

describe('text limits and well-formed text', () => {
  it('finds unpaired surrogates and only those', () => {
    expect(loneSurrogateAt('plain text')).toBe(-1);
    expect(loneSurrogateAt('a \u{1F642} pair')).toBe(-1);
    expect(loneSurrogateAt('x\uD83D')).toBe(1);
    expect(loneSurrogateAt('\uDE42y')).toBe(0);
    expect(loneSurrogateAt('ab\uDE42\uD83D')).toBe(2);
  });

  it('finds the same position as a scan of the code units, in long and short texts', () => {
    // The first lone surrogate, by a plain walk over the code units.
    const reference = (s: string) => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
          const next = s.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) i++;
          else return i;
        } else if (c >= 0xdc00 && c <= 0xdfff) return i;
      }
      return -1;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', 'é', '\u{1F642}', '\uD83D', '\uDE42', '\u4E2D'), {
          maxLength: 40,
        }),
        fc.nat(200_000),
        (parts, pad) => {
          // Padded with plain text in front, so a position far into a long text is found too.
          const s = 'x'.repeat(pad) + parts.join('');
          expect(loneSurrogateAt(s)).toBe(reference(s));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a chat message over the limit with its size and the limit, and stores nothing', async () => {
    const { api, rows } = await setup();
    const before = rows();
    const long = 'word '.repeat(FRIEND_TEXT_LIMITS.chatChars / 5) + 'x';
    await expect(api.friendChat(long)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/4,001 characters; the limit is 4,000/),
    });
    expect(rows()).toBe(before);
    // Exactly at the limit is accepted, and kept whole.
    const atLimit = long.slice(0, FRIEND_TEXT_LIMITS.chatChars);
    const turn = await api.friendChat(atLimit);
    expect(turn.user.text).toBe(atLimit);
  });

  it('refuses lone surrogates before anything is written; a well-formed text is stored exactly as confirmed', async () => {
    const { api, rows } = await setup();
    const before = rows();
    for (const call of [
      () => api.friendChat('hello \uD83D there'),
      () => api.friendChat('\uDE42'),
      () => api.friendIngest('a story \uDC00 of words', 'op-s'),
      () => api.friendSetOrigin('An origin with three words. And a broken one \uD800 here.'),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/broken character at position \d+/),
      });
    }
    expect(rows()).toBe(before);
    const text = 'Bonjour 🙂, the café naïve — 𝒳 and 中文.';
    const turn = await api.friendChat(text);
    expect(turn.user.text).toBe(text);
    const history = await api.friendHistory();
    expect(history.find((m) => m.id === turn.user.id)!.text).toBe(text);
  });

  it('refuses a taught text over the limit at once, and reports progress from the start of one under it', async () => {
    const { api, events } = await setup();
    const over = 'a'.repeat(FRIEND_TEXT_LIMITS.teachChars + 1);
    await expect(api.friendIngest(over, 'op-over')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/6,000,001 characters; the limit is 6,000,000/),
    });
    expect(events.filter((e) => e.type === 'progress')).toEqual([]);

    const text = 'The river keeps the stones. '.repeat(8000); // 224,000 characters
    const p = api.friendIngest(text, 'op-under');
    // The first progress point is reported before any counting or writing happens.
    const first = events.find((e): e is ProgressEvent => e.type === 'progress');
    expect(first).toMatchObject({ opId: 'op-under', step: 'ingest', current: 0, total: text.length });
    const r = await p;
    expect(r.tokens).toBe(6 * 8000);
    const steps = events.filter((e): e is ProgressEvent => e.type === 'progress' && e.step === 'ingest');
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.at(-1)!.current).toBe(text.length);
    for (let i = 1; i < steps.length; i++)
      expect(steps[i]!.current).toBeGreaterThanOrEqual(steps[i - 1]!.current);
  });

  it('a field reset while a text is taught stops the ingest with a clear message, the field stays consistent', async () => {
    const { api, db } = await setup();
    const text = 'The river keeps the stones and the stones keep the river. '.repeat(3000);
    const p = api.friendIngest(text, 'op-reset');
    const reset = api.friendReset();
    await expect(p).rejects.toMatchObject({
      code: 'CANCELLED',
      message: expect.stringMatching(/reset or replaced/),
    });
    const stats = await reset;
    // Every pair points at a word the field knows.
    const orphans = db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM friend_bigrams WHERE (k >> 21) NOT IN (SELECT id FROM friend_vocab) OR (k & 2097151) NOT IN (SELECT id FROM friend_vocab)',
    )!.n;
    expect(orphans).toBe(0);
    expect((await api.friendStats()).tokens).toBe(stats.tokens);
  });
});
