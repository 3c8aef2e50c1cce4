import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import { createTestContext } from '../runtime/testContext';
import { ingestText } from './ingest';
import type { FieldStore } from './field';
import { computeThemes } from './themes';
import { tokenize } from './tokenizer';
import { freshField, observedField, seededSentence } from './testField';

const WORDS = 'the a river stone light field word night city road dream child window rain bird song'.split(
  ' ',
);

const sentence = (seed: number) =>
  seededSentence(seed + 1, 5, 20, (r) => (r % 2 === 0 ? `w${r % 300}` : WORDS[r % WORDS.length]!));

/** What the pool holds for (a, b), a < b, both in it: undefined where the pair has no row. */
function pooledValue(f: FieldStore, a: number, b: number): number | undefined {
  const v = f.poolPairs.valueAt(f.poolPairs.slotOf(a), f.poolPairs.slotOf(b));
  return Number.isNaN(v) ? undefined : v;
}

describe('the theme pool (pairs among the theme candidates, kept in memory)', () => {
  it('gives the themes a fresh read gives, while chat-sized writes, decay steps and prunes go on', async () => {
    const { db, f } = await observedField(600, sentence);
    let themed = 0;
    for (let step = 0; step < 60; step++) {
      db.transaction(() => {
        for (let i = 0; i < 3; i++) f.observe(tokenize(sentence(5000 + 3 * step + i)), db);
        f.flush(db);
        for (let i = 0; i < 3; i++) f.decay(db);
        f.pruneStep(db, 2000);
      });
      const fresh = freshField(db);
      const themes = computeThemes(db, f);
      expect(themes, `step ${step}`).toEqual(computeThemes(db, fresh));
      if (themes.length > 0) themed++;
    }
    // The pool was read once and then kept up to date, and the themes were not all empty.
    expect(f.poolPairs.size).toBeGreaterThan(100);
    expect(themed).toBeGreaterThan(30);
  });

  it('takes in a taught text’s writes without reading the pairs again', async () => {
    const { db, f } = await observedField(300, sentence, (field, d) => {
      // Some pairs at the floor, so the text's writes restart them.
      for (let i = 0; i < 60; i++) field.decay(d, false);
    });
    const before = computeThemes(db, f);
    const pooled = f.poolPairs.size;
    expect(pooled).toBeGreaterThan(100);
    const text = Array.from({ length: 700 }, (_, i) => sentence(9000 + i) + '.').join(' ');
    const ctx = createTestContext(db, new ManualClock());
    await ingestText({ field: f, write: ctx.write }, text, silentOperation(), { rowsPerWrite: 500 });
    expect(f.poolPairs.size).toBe(pooled);
    // Every pair inside the pool holds exactly what the table holds, bit for bit.
    let checked = 0;
    for (const r of db.all<{ a: number; b: number; scaled: number }>(
      'SELECT k >> 21 AS a, k & 2097151 AS b, scaled FROM friend_cooc',
    )) {
      if (!f.poolPairs.has(r.a) || !f.poolPairs.has(r.b) || r.scaled <= f.coocFloor) continue;
      expect(pooledValue(f, r.a, r.b)).toBe(r.scaled);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    const fresh = freshField(db);
    const after = computeThemes(db, f);
    expect(after).toEqual(computeThemes(db, fresh));
    expect(after).not.toEqual(before);
  });

  it('after a clear, a token given a used slot holds its own pairs, none of the old token’s', async () => {
    const { db, f } = await observedField(400, sentence);
    const rows = db.all<{ a: number; b: number; scaled: number }>(
      'SELECT k >> 21 AS a, k & 2097151 AS b, scaled FROM friend_cooc',
    );
    const ids = [...new Set(rows.flatMap((r) => [r.a, r.b]))].sort((x, y) => x - y);
    const stored = new Map(rows.map((r) => [`${r.a} ${r.b}`, r.scaled]));
    const expectExact = (pool: readonly number[]) => {
      for (const a of pool)
        for (const b of pool) if (a < b) expect(pooledValue(f, a, b)).toBe(stored.get(`${a} ${b}`));
    };
    // The first half of the tokens, then (after a clear) the second half in the same slots.
    const first = ids.slice(0, 60);
    const second = ids.slice(60, 120);
    f.poolPairs.read(db, first);
    expectExact(first);
    f.poolPairs.clear();
    expect(f.poolPairs.size).toBe(0);
    f.poolPairs.read(db, second);
    expect(f.poolPairs.has(first[0]!)).toBe(false);
    expectExact(second);
    // And a token joining later gets a fresh slot whose column was cleared too.
    f.poolPairs.read(db, [...second, ...first.slice(0, 10)]);
    expectExact([...second, ...first.slice(0, 10)]);
  });
});
