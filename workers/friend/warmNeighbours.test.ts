import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { IdleScheduler } from '../runtime/idle';
import { createTestContext } from '../runtime/testContext';
import { openTestDb } from '../store/testDb';
import { createFriendApi } from './api';
import { COOLDOWN_MS } from './dream';
import { neighbours } from './generate';
import { STORED } from './neighbourCache';
import { freshField, observedField, seededSentence } from './testField';
import { tokenize } from './tokenizer';
import { WordRead, wordsToWarm } from './warmNeighbours';

const WORDS = 'the a river stone light field word night city road dream child window rain bird song'.split(
  ' ',
);

const sentence = (seed: number) =>
  seededSentence(seed, 5, 20, (r) => (r % 3 === 0 ? `w${r % 700}` : WORDS[r % WORDS.length]!));

/** An idle scheduler that counts the pieces of idle work it let run. */
class CountingIdle extends IdleScheduler {
  pieces = 0;
  override idle(): Promise<void> {
    this.pieces++;
    return super.idle();
  }
}

describe('reading the commonest words’ neighbours ahead', () => {
  it('keeps the most frequent words’ neighbours a piece at a time, exactly as the table ranks them', async () => {
    // Enough rare words that the commonest pair with more of them than an entry holds.
    const { db, f } = await observedField(1500, (i) =>
      seededSentence(i, 5, 20, (r) => (r % 3 === 0 ? `w${r % 3000}` : WORDS[r % WORDS.length]!)),
    );
    const top = f.topWords(8).map((e) => e.id);
    expect(wordsToWarm(f, 8)).toEqual(top);
    // Common and rare words, in pieces small enough that each takes many.
    const rare = [...f.entries()].filter((e) => e.word.startsWith('w')).slice(0, 4);
    const ids = [...top, ...rare.map((e) => e.id)];
    let pieces = 0;
    const fresh = freshField(db);
    const kept: boolean[] = [];
    for (const id of ids) {
      const read = new WordRead(f, id, { rows: 7, ids: 3 });
      while (!read.step(db)) pieces++;
      // Kept only when the word has more pairs than an entry holds (a cut entry).
      const pairs = neighbours(db, fresh, id, 10_000).length;
      expect(f.neighbourCache.has(id), `id ${id}, ${pairs} pairs`).toBe(pairs >= STORED);
      kept.push(f.neighbourCache.has(id));
    }
    expect(pieces).toBeGreaterThan(ids.length * 5);
    expect(kept.slice(0, top.length)).toContain(true);
    expect(kept.slice(top.length)).toContain(false);
    // A word already kept is not read again.
    const first = top[kept.indexOf(true)]!;
    expect(wordsToWarm(f, 8)).not.toContain(first);
    expect(new WordRead(f, first).step(db)).toBe(true);
    for (const id of ids) {
      for (const k of [256, 10]) expect(neighbours(db, f, id, k)).toEqual(neighbours(db, fresh, id, k));
    }
  });

  it('keeps nothing when the table was written between two pieces', async () => {
    const { db, f } = await observedField(400, sentence);
    const id = f.topWords(1)[0]!.id;
    const read = new WordRead(f, id, { rows: 7, ids: 3 });
    expect(read.step(db)).toBe(false);
    db.transaction(() => {
      f.observe(tokenize(sentence(5000)), db);
      f.flush(db);
    });
    expect(read.step(db)).toBe(true);
    expect(f.neighbourCache.has(id)).toBe(false);
    // Read again from the start, it is kept, and answers as the table does.
    const again = new WordRead(f, id, { rows: 7, ids: 3 });
    while (!again.step(db));
    expect(neighbours(db, f, id, 256)).toEqual(neighbours(db, freshField(db), id, 256));
  });

  it('runs in idle time after a taught text and changes no reply', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `${sentence(i)}.`).join(' ');
    const prompts = ['Who are you?', 'Tell me about the river and the rain.', 'Do you dream at night?'];
    const chat = async (counting?: boolean) => {
      const db = await openTestDb();
      const clock = new ManualClock();
      const ctx = createTestContext(db, clock);
      // As the engine worker has it: held back while an operation (the taught text) runs.
      const idle = counting ? new CountingIdle(() => ctx.operations.running === 0) : undefined;
      const api = createFriendApi(ctx, idle ? { idle } : {});
      await api.friendStats();
      // The look at the empty field has its round, over before the text is taught.
      await idle?.settled();
      const before = idle?.pieces ?? 0;
      await api.friendIngest(text, 'teach');
      await idle?.settled();
      const pieces = (idle?.pieces ?? 0) - before;
      const replies: string[] = [];
      for (const p of prompts) {
        const turn = await api.friendChat(p);
        replies.push(`${turn.reply.text} | dream ${turn.metrics.dream.ran}`);
        clock.advance(COOLDOWN_MS);
      }
      db.close();
      return { replies, pieces };
    };
    const warmed = await chat(true);
    // After the text, a piece per word read ahead: its field has hundreds of words.
    expect(warmed.pieces).toBeGreaterThan(100);
    expect(warmed.replies).toEqual((await chat()).replies);
  });
});
