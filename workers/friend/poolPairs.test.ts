import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import { FieldStore } from './field';
import { computeThemes } from './themes';
import { tokenize } from './tokenizer';

const WORDS = 'the a river stone light field word night city road dream child window rain bird song'.split(' ');

function sentence(seed: number): string {
  let x = seed + 1;
  const next = () => {
    // xorshift32: every bit mixes, so small moduli are spread evenly.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 2147483648;
  };
  const n = 5 + (next() % 20);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    words.push(r % 2 === 0 ? `w${r % 300}` : WORDS[r % WORDS.length]!);
  }
  return words.join(' ');
}

describe('the theme pool (pairs among the theme candidates, kept in memory)', () => {
  it('gives the themes a fresh read gives, while chat-sized writes, decay steps and prunes go on', async () => {
    const db = await openTestDb();
    const f = new FieldStore();
    f.load(db);
    db.transaction(() => {
      for (let i = 0; i < 600; i++) f.observe(tokenize(sentence(i)), db);
      f.flush(db);
    });
    let themed = 0;
    for (let step = 0; step < 60; step++) {
      db.transaction(() => {
        for (let i = 0; i < 3; i++) f.observe(tokenize(sentence(5000 + 3 * step + i)), db);
        f.flush(db);
        for (let i = 0; i < 3; i++) f.decay(db);
        f.pruneStep(db, 2000);
      });
      const fresh = new FieldStore();
      fresh.load(db);
      const themes = computeThemes(db, f);
      expect(themes, `step ${step}`).toEqual(computeThemes(db, fresh));
      if (themes.length > 0) themed++;
    }
    // The pool was read once and then kept up to date, and the themes were not all empty.
    expect(f.poolPairs.size).toBeGreaterThan(100);
    expect(themed).toBeGreaterThan(30);
  });
});
