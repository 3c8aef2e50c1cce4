import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { FieldStore } from './field';
import { ingestText } from './ingest';
import { tokenize } from './tokenizer';
import { byRank, TopWords } from './topWords';
import type { VocabEntry } from './vocabEntry';

/** The top `n` by ranking every entry afresh. */
const ranked = (entries: Iterable<VocabEntry>, n: number) =>
  [...entries]
    .filter((e) => !e.punct)
    .sort(byRank)
    .slice(0, n);

describe('the most frequent words, kept as counts grow', () => {
  it('always equals a fresh ranking of every word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 5 }), fc.boolean()), { maxLength: 300 }),
        fc.integer({ min: 1, max: 12 }),
        (steps, asked) => {
          const words = new Map<number, VocabEntry>();
          const top = new TopWords(12);
          const all = () => words.values();
          expect(top.get(asked, all)).toEqual([]);
          for (const [k, add, punct] of steps) {
            let e = words.get(k);
            if (!e) {
              e = { id: k, word: `w${k}`, display: `w${k}`, mid: true, count: 0, punct, persisted: false };
              words.set(k, e);
            }
            e.count += add;
            top.grew(e);
            expect(top.get(asked, all)).toEqual(ranked(words.values(), asked));
          }
          // More than it keeps: ranked afresh.
          expect(top.get(20, all)).toEqual(ranked(words.values(), 20));
        },
      ),
    );
  });

  it('follows chat-sized observations and a taught text in the field', async () => {
    const db = await openTestDb();
    const f = new FieldStore();
    f.load(db);
    const words = 'river stone light field word night city road dream child window rain bird song'.split(' ');
    const line = (i: number) =>
      Array.from({ length: 8 }, (_, j) => words[(i * 7 + j * j * 3) % words.length]).join(' ') + '.';
    const first = f.topWords(12);
    expect(first).toEqual([]);
    db.transaction(() => {
      for (let i = 0; i < 40; i++) {
        f.observe(tokenize(line(i)), db);
        expect(f.topWords(12)).toEqual(ranked(f.entries(), 12));
      }
      f.flush(db);
    });
    const before = f.topWords(12).map((e) => e.word);
    // A text that makes other words the most frequent.
    const text = Array.from({ length: 400 }, (_, i) => `alpha beta w${i % 30} gamma delta.`).join(' ');
    const ctx = createTestContext(db, new ManualClock());
    await ingestText({ field: f, write: ctx.write }, text, silentOperation(), { rowsPerWrite: 200 });
    const after = f.topWords(12);
    expect(after).toEqual(ranked(f.entries(), 12));
    expect(after.map((e) => e.word)).not.toEqual(before);
    expect(
      after
        .slice(0, 4)
        .map((e) => e.word)
        .sort(),
    ).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    const fresh = new FieldStore();
    fresh.load(db);
    expect(fresh.topWords(12).map((e) => e.id)).toEqual(after.map((e) => e.id));
  });
});
