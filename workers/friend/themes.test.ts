import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { openTestDb } from '../store/testDb';
import { AnsweringField } from './answeringField';
import { chatTurn } from './chatTurn';
import { getMetaNumber } from './fieldMeta';
import { computeThemes, readThemes, THEME_EVERY, themePoolSteps, themeShare, topEntries } from './themes';
import { tokenize } from './tokenizer';

const SEA = ['boat', 'sail', 'wave', 'harbour', 'anchor'];
const WOOD = ['tree', 'leaf', 'branch', 'moss', 'root'];
const GLUE = ['the', 'a', 'and', 'was', 'of', 'in'];

/**
 * Sentences that each draw three content words from one of two topics, among five function words
 * (which, as in any real text, are far more frequent than any content word).
 */
function corpus(n: number): string {
  const rng = createRng('themes-corpus');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const topic = Math.floor(i / 50) % 2 ? SEA : WOOD; // paragraphs of fifty sentences per topic
    const words: string[] = [];
    for (let j = 0; j < 8; j++) {
      words.push(j % 3 === 1 ? topic[rng.int(topic.length)]! : GLUE[rng.int(GLUE.length)]!);
    }
    out.push(`${words.join(' ')}.`);
  }
  return out.join(' ');
}

describe('themes', () => {
  it('ranks candidates as a full sort would (count, then the older id), ties included', async () => {
    const db = await openTestDb();
    const field = new AnsweringField();
    db.transaction(() => {
      field.ready(db, 0);
      field.ingestTokens(db, tokenize(corpus(400)));
    });
    const all = [...field.store.entries()]
      .filter((e) => !e.punct && e.count >= 3)
      .sort((x, y) => y.count - x.count || x.id - y.id);
    for (const k of [1, 5, all.length, all.length + 10])
      expect(topEntries(field.store, k)).toEqual(all.slice(0, k));
  });

  it('groups words that keep the same company, and keeps the two topics apart', async () => {
    const db = await openTestDb();
    const field = new AnsweringField();
    db.transaction(() => {
      field.ready(db, 0);
      field.ingestTokens(db, tokenize(corpus(3000)));
    });
    const themes = computeThemes(db, field.store);
    const sea = themes.find((t) => t.filter((w) => SEA.includes(w)).length >= 3);
    const wood = themes.find((t) => t.filter((w) => WOOD.includes(w)).length >= 3);
    expect(sea).toBeDefined();
    expect(wood).toBeDefined();
    expect(sea).not.toBe(wood);
    expect(sea!.some((w) => WOOD.includes(w) || GLUE.includes(w))).toBe(false);
    expect(wood!.some((w) => SEA.includes(w) || GLUE.includes(w))).toBe(false);
    expect(themeShare([{ id: 1, words: sea! }], [sea![0]!, 'tree'])).toBe(0.5);
  });

  it('are rebuilt on a throttle, not on every message', async () => {
    const db = await openTestDb();
    const field = new AnsweringField();
    db.transaction(() => field.ready(db, 0));
    const stamps: number[] = [];
    for (let i = 0; i < 2 * THEME_EVERY; i++) {
      db.transaction(() => chatTurn(field, db, `message number ${i} about boats and trees`, i));
      stamps.push(getMetaNumber(db, 'themes_at', -1));
    }
    // Each chat turn is two observations (prompt and reply), so a rebuild comes every ~13 turns.
    const rebuilds = new Set(stamps).size;
    expect(rebuilds).toBeGreaterThanOrEqual(3);
    expect(rebuilds).toBeLessThanOrEqual((2 * THEME_EVERY) / 10);
    expect(readThemes(db).every((t) => t.words.length >= 2)).toBe(true);
  });

  it('are left to the end of a text being taught: chat turns meanwhile do not rebuild them', async () => {
    const db = await openTestDb();
    const field = new AnsweringField();
    db.transaction(() => field.ready(db, 0));
    const at = () => getMetaNumber(db, 'themes_at', -1);
    field.store.teachingText(true);
    const before = at();
    for (let i = 0; i < THEME_EVERY; i++)
      db.transaction(() => chatTurn(field, db, `message number ${i} about boats and trees`, i));
    expect(at()).toBe(before);
    field.store.teachingText(false);
    db.transaction(() => chatTurn(field, db, 'and one more about boats', THEME_EVERY));
    expect(at()).toBe(field.store.observationCount);
  });

  it('find their pairs in the pool after the pool steps, with the same themes as a rebuild without them', async () => {
    const text = tokenize(corpus(3000));
    const themesOf = async (steps: boolean) => {
      const db = await openTestDb();
      const field = new AnsweringField();
      db.transaction(() => {
        field.ready(db, 0);
        field.ingestTokens(db, text);
      });
      const pool = field.store.poolPairs;
      if (steps) {
        const all = themePoolSteps(field.store, 4);
        expect(all.length).toBeGreaterThan(2);
        for (const step of all) db.transaction(() => step(db));
        expect(pool.size).toBeGreaterThan(8);
      }
      const had = pool.size;
      const themes = computeThemes(db, field.store);
      // Nothing was left for the rebuild to read: every candidate was in the pool already.
      if (steps) expect(pool.size).toBe(had);
      return themes;
    };
    const direct = await themesOf(false);
    expect(direct.length).toBeGreaterThan(0);
    expect(await themesOf(true)).toEqual(direct);
  });
});
