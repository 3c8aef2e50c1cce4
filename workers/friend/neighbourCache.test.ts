import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import type { Db } from '../store/db';
import { createTestContext } from '../runtime/testContext';
import { neighbours } from './generate';
import { ingestText } from './ingest';
import { NeighbourCache, STORED } from './neighbourCache';
import { tokenize } from './tokenizer';
import { freshField, observedField, seededSentence } from './testField';

const WORDS = 'the a river stone light field word night city road dream child window rain bird song'.split(
  ' ',
);

const sentence = (seed: number) =>
  seededSentence(seed, 5, 20, (r) => (r % 3 === 0 ? `w${r % 700}` : WORDS[r % WORDS.length]!));

describe('the neighbour cache', () => {
  it('answers exactly as the table does while chat-sized writes, decay steps and prunes go on', async () => {
    // Enough words that the commonest have more than KEEP neighbours, so entries are cut.
    const { db, f } = await observedField(400, sentence);
    // Common words (cut entries) and rare ones (complete entries).
    const rare = [...f.entries()]
      .filter((e) => e.word.startsWith('w'))
      .sort((x, y) => x.count - y.count || x.id - y.id);
    const ids = [
      ...['the', 'river', 'bird'].map((w) => f.lookup(w)!.id),
      ...rare.slice(0, 3).map((e) => e.id),
    ];
    expect(new Set(ids).size).toBe(6);
    let compared = 0;
    for (let step = 0; step < 120; step++) {
      db.transaction(() => {
        f.observe(tokenize(sentence(1000 + step)), db);
        f.flush(db);
        // Decay faster than chat would, so pairs fall to the floor and are pruned along the way.
        for (let i = 0; i < 4; i++) f.decay(db);
        f.pruneStep(db, 500);
      });
      const fresh = freshField(db);
      for (const id of ids) {
        for (const k of [256, 48, 10]) {
          expect(neighbours(db, f, id, k), `id ${id}, top ${k}, step ${step}`).toEqual(
            neighbours(db, fresh, id, k),
          );
          compared++;
        }
      }
    }
    expect(compared).toBe(120 * 18);
    expect(f.neighbourCache.size).toBe(ids.length);
  });

  it('keeps the top entries in rank order and lets a pair in only above the last of a cut entry', () => {
    const c = new NeighbourCache();
    const ids = Array.from({ length: STORED }, (_, i) => i + 10);
    c.set(
      1,
      ids,
      ids.map((i) => 1000 - i),
      0,
    );
    expect(c.get(1, 0, 3)).toEqual({ ids: [10, 11, 12], scaled: [990, 989, 988] });
    // A pair ranked below the last of a cut entry stays out; one above it comes in.
    c.written(1, 5, 1);
    expect(c.get(1, 0, 256)!.ids).not.toContain(5);
    c.written(1, 7, 989);
    expect(c.get(1, 0, 4)).toEqual({ ids: [10, 7, 11, 12], scaled: [990, 989, 989, 988] });
    // A pair that grows moves up; the floor cuts the end.
    c.written(1, 7, 2000);
    expect(c.get(1, 0, 256)).not.toBeNull();
    expect(c.get(1, 980, 5)!.ids).toEqual([7, 10, 11, 12, 13]);
  });

  it('stays exact between the pieces of a taught text, keeping the entries its rows do not name', async () => {
    const { db, f } = await observedField(300, sentence);
    const rare = [...f.entries()].filter((e) => e.word.startsWith('w')).sort((x, y) => y.id - x.id);
    const ids = [
      ...['the', 'river', 'bird'].map((w) => f.lookup(w)!.id),
      ...rare.slice(0, 3).map((e) => e.id),
    ];
    let answered = 0;
    const check = (d: Db) => {
      const fresh = freshField(d);
      for (const id of ids) {
        const kept = f.neighbourCache.get(id, f.coocFloor, 48);
        const read = neighbours(d, fresh, id, 48);
        if (kept) {
          answered++;
          const scale = f.coocScale;
          expect(kept.ids.map((x, i) => ({ id: x, count: kept.scaled[i]! * scale - 2 }))).toEqual(read);
        }
        expect(neighbours(d, f, id, 48)).toEqual(read);
      }
    };
    check(db);
    const ctx = createTestContext(db, new ManualClock());
    let writes = 0;
    let kept = 0;
    const write = <T>(fn: (d: Db) => T): Promise<T> =>
      ctx.write(fn).then((r) => {
        writes++;
        kept += ids.filter((id) => f.neighbourCache.has(id)).length;
        // What a chat turn between two pieces would read.
        check(db);
        return r;
      });
    const text = Array.from({ length: 400 }, (_, i) => sentence(7000 + i) + '.').join(' ');
    await ingestText({ field: f, write }, text, silentOperation(), { rowsPerWrite: 400 });
    expect(writes).toBeGreaterThan(20);
    // Some entries outlived some pieces.
    expect(kept).toBeGreaterThan(writes);
    // Most asks are answered by entries the pieces updated instead of dropping them (dropping the
    // entry of every token a piece names answered about three in four).
    expect(answered).toBeGreaterThan(0.95 * writes * ids.length);
  });
});
