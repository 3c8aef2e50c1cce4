import { describe, expect, it } from 'vitest';
import type { Db } from '../store/db';
import { openTestDb } from '../store/testDb';
import {
  DECAY_EVERY,
  DECAY_FACTOR,
  DECAY_OFFSET,
  FieldStore,
  NOVELTY_BONUS,
  PRUNE_EVERY_EPOCHS,
  WINDOW,
} from './field';
import { tokenize } from './tokenizer';

const MESSAGES = [
  'The cat sat on the mat. The cat was happy!',
  'A dog sat on the mat, and the dog was not happy.',
  'Кот и собака сидят вместе. The café is open.',
  "Don't let the cat and the dog fight, said the café owner.",
  'Happy happy cat: the mat is warm.',
];

/** An independent, naive recount of what the field should hold after observing `texts` in order. */
function recount(texts: string[]) {
  const seen = new Set<string>();
  const bigrams = new Map<string, number>();
  const trigrams = new Map<string, number>();
  const cooc = new Map<string, number>();
  const vocab = new Map<string, number>();
  for (const text of texts) {
    const toks = tokenize(text);
    const fresh = new Set(toks.map((t) => t.key).filter((k) => !seen.has(k)));
    toks.forEach((t) => vocab.set(t.key, (vocab.get(t.key) ?? 0) + 1));
    for (let i = 1; i < toks.length; i++) {
      const k = `${toks[i - 1]!.key} ${toks[i]!.key}`;
      bigrams.set(k, (bigrams.get(k) ?? 0) + 1);
    }
    for (let i = 2; i < toks.length; i++) {
      const k = `${toks[i - 2]!.key} ${toks[i - 1]!.key} ${toks[i]!.key}`;
      trigrams.set(k, (trigrams.get(k) ?? 0) + 1);
    }
    const bonused = new Set<string>();
    for (let i = 0; i < toks.length; i++) {
      for (let j = i + 1; j <= i + WINDOW && j < toks.length; j++) {
        const a = toks[i]!;
        const b = toks[j]!;
        if (a.isPunct || b.isPunct || a.key === b.key) continue;
        const k = [a.key, b.key].sort().join(' ');
        let by = 1;
        if ((fresh.has(a.key) || fresh.has(b.key)) && !bonused.has(k)) {
          bonused.add(k);
          by += NOVELTY_BONUS;
        }
        cooc.set(k, (cooc.get(k) ?? 0) + by);
      }
    }
    toks.forEach((t) => seen.add(t.key));
  }
  return { vocab, bigrams, trigrams, cooc };
}

/** The database's counts, keyed by words (co-occurrence read back through the decay scale). */
function read(db: Db, scale = 1) {
  const w = new Map(
    db.all<{ id: number; word: string }>('SELECT id, word FROM friend_vocab').map((r) => [r.id, r.word]),
  );
  const vocab = new Map(
    db
      .all<{ word: string; count: number }>('SELECT word, count FROM friend_vocab')
      .map((r) => [r.word, r.count]),
  );
  const bigrams = new Map(
    db
      .all<{ a: number; b: number; count: number }>(
        'SELECT (k >> 21) AS a, (k & 2097151) AS b, count FROM friend_bigrams',
      )
      .map((r) => [`${w.get(r.a)} ${w.get(r.b)}`, r.count]),
  );
  const trigrams = new Map(
    db
      .all<{ a: number; b: number; c: number; count: number }>(
        'SELECT (k >> 42) AS a, ((k >> 21) & 2097151) AS b, (k & 2097151) AS c, count FROM friend_trigrams',
      )
      .map((r) => [`${w.get(r.a)} ${w.get(r.b)} ${w.get(r.c)}`, r.count]),
  );
  const cooc = new Map(
    db
      .all<{ a: number; b: number; scaled: number }>(
        'SELECT k >> 21 AS a, k & 2097151 AS b, scaled FROM friend_cooc',
      )
      .map((r) => [[w.get(r.a)!, w.get(r.b)!].sort().join(' '), r.scaled * scale - DECAY_OFFSET]),
  );
  return { vocab, bigrams, trigrams, cooc };
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('FieldStore', () => {
  it('incremental counts equal a from-scratch recount of the same text', async () => {
    const db = await openTestDb();
    const field = new FieldStore();
    field.load(db);
    for (const m of MESSAGES) {
      db.transaction(() => {
        field.observe(tokenize(m), db);
        field.flush(db);
      });
    }
    const got = read(db);
    const want = recount(MESSAGES);
    expect(sorted(got.vocab)).toEqual(sorted(want.vocab));
    expect(sorted(got.bigrams)).toEqual(sorted(want.bigrams));
    expect(sorted(got.trigrams)).toEqual(sorted(want.trigrams));
    expect(sorted(got.cooc)).toEqual(sorted(want.cooc));
    // The bonus really applies: a pair first seen with a new word carries it.
    expect(got.cooc.get('cat the')).toBe(1 + NOVELTY_BONUS + 1 + 3 + 2);
  });

  it('one batched write gives the same tables as one write per message, and survives a reload', async () => {
    const one = await openTestDb();
    const batched = await openTestDb();
    const f1 = new FieldStore();
    const f2 = new FieldStore();
    f1.load(one);
    f2.load(batched);
    for (const m of MESSAGES) one.transaction(() => (f1.observe(tokenize(m), one), f1.flush(one)));
    batched.transaction(() => {
      for (const m of MESSAGES) f2.observe(tokenize(m), batched);
      f2.flush(batched);
    });
    expect(read(batched)).toEqual(read(one));
    // A fresh mirror read from the database continues exactly where the first one was.
    const f3 = new FieldStore();
    f3.load(batched);
    expect(f3.vocabSize).toBe(f2.vocabSize);
    expect(f3.observationCount).toBe(MESSAGES.length);
    expect(f3.lookup('cat')!.count).toBe(f2.lookup('cat')!.count);
  });

  it('keeps the case a word has mid-sentence for display', async () => {
    const db = await openTestDb();
    const f = new FieldStore();
    f.load(db);
    f.observe(tokenize('The road to Paris. Paris is far, said Anna. I know.'), db);
    expect(f.lookup('the')!.display).toBe('the');
    expect(f.lookup('paris')!.display).toBe('Paris');
    expect(f.lookup('anna')!.display).toBe('Anna');
  });

  it('decays co-occurrence every 100 observations, small counts faster, and prunes what reaches zero', async () => {
    const db = await openTestDb();
    const f = new FieldStore();
    f.load(db);
    db.transaction(() => {
      // One strong pair seen 50 times, one weak pair seen once; then filler until the decay point.
      for (let i = 0; i < 50; i++) f.observe(tokenize('strong bond'), db);
      f.observe(tokenize('weak link'), db);
      for (let i = f.observationCount; i < DECAY_EVERY - 1; i++) f.observe(tokenize('x'), db);
      f.flush(db);
    });
    const pair = (a: string, b: string) => {
      const [x, y] = [f.lookup(a)!.id, f.lookup(b)!.id].sort((p, q) => p - q);
      const row = db.get<{ scaled: number }>('SELECT scaled FROM friend_cooc WHERE k = ? * 2097152 + ?', [
        x!,
        y!,
      ]);
      return row && row.scaled * f.coocScale - DECAY_OFFSET;
    };
    const strong0 = pair('strong', 'bond')!;
    const weak0 = pair('weak', 'link')!;
    expect(strong0).toBe(50 + NOVELTY_BONUS);
    expect(weak0).toBe(1 + NOVELTY_BONUS);
    db.transaction(() => (f.observe(tokenize('x'), db), f.flush(db)));
    expect(f.observationCount).toBe(DECAY_EVERY);
    const step = (c: number) => c * DECAY_FACTOR - DECAY_OFFSET * (1 - DECAY_FACTOR);
    const strong1 = pair('strong', 'bond')!;
    const weak1 = pair('weak', 'link')!;
    expect(strong1).toBeCloseTo(step(strong0), 10);
    expect(weak1).toBeCloseTo(step(weak0), 10);
    expect(1 - weak1 / weak0).toBeGreaterThan(1 - strong1 / strong0);
    // New counts added after a decay step add exactly what was seen.
    db.transaction(() => (f.observe(tokenize('weak link'), db), f.flush(db)));
    expect(pair('weak', 'link')).toBeCloseTo(weak1 + 1, 10);
    // A fresh mirror reads the same epoch back.
    const again = new FieldStore();
    again.load(db);
    expect(again.coocScale).toBe(f.coocScale);

    // Many more decay points: the weak pair reaches zero and is deleted at the next prune; the strong
    // one remains; n-grams never decay.
    const rowsBefore = db.get<{ n: number }>('SELECT COUNT(*) AS n FROM friend_cooc')!.n;
    db.transaction(() => {
      for (let i = 0; i < 90 * DECAY_EVERY; i++) f.observe(tokenize('x'), db);
      f.flush(db);
      // The prune that fell due goes on piece by piece (a chat turn takes one step).
      while (f.pruneStep(db, 2));
    });
    expect(pair('weak', 'link')).toBeUndefined();
    expect(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM friend_cooc')!.n).toBe(rowsBefore - 1);
    expect(pair('strong', 'bond')).toBeCloseTo(
      Array.from({ length: 91 }).reduce<number>((c) => step(c), strong0),
      8,
    );
    expect(
      db.get<{ count: number }>('SELECT count FROM friend_bigrams WHERE k = ? * 2097152 + ?', [
        f.lookup('weak')!.id,
        f.lookup('link')!.id,
      ])!.count,
    ).toBe(2);
  });

  it('never reads a pair that has decayed to zero, even before the prune deletes it', async () => {
    const db = await openTestDb();
    const f = new FieldStore();
    f.load(db);
    db.transaction(() => {
      f.observe(tokenize('weak link'), db);
      // Enough decay steps to bring 1.5 to zero, stopping just after a step that is not a prune step.
      const steps = Math.ceil(Math.log(DECAY_OFFSET / (1.5 + DECAY_OFFSET)) / Math.log(DECAY_FACTOR)) + 1;
      expect(steps % PRUNE_EVERY_EPOCHS).not.toBe(0);
      for (let i = 1; i < steps * DECAY_EVERY; i++) f.observe(tokenize('x'), db);
      f.flush(db);
    });
    expect(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM friend_cooc')!.n).toBe(1);
    const { neighbours } = await import('./generate');
    expect(neighbours(db, f, f.lookup('weak')!.id, 10)).toEqual([]);
  });

  it('counts a pair seen again after it decayed to zero as new, whether or not the prune has run', async () => {
    const values: number[] = [];
    for (const pruned of [false, true]) {
      const db = await openTestDb();
      const f = new FieldStore();
      f.load(db);
      db.transaction(() => {
        f.observe(tokenize('weak link'), db);
        const steps = Math.ceil(Math.log(DECAY_OFFSET / (1.5 + DECAY_OFFSET)) / Math.log(DECAY_FACTOR)) + 1;
        for (let i = 1; i < steps * DECAY_EVERY; i++) f.observe(tokenize('x'), db);
        f.flush(db);
        expect(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM friend_cooc')!.n).toBe(1);
        if (pruned) db.run('DELETE FROM friend_cooc WHERE scaled <= ?', [f.coocFloor]);
        f.observe(tokenize('weak link'), db);
        f.flush(db);
      });
      const [a, b] = [f.lookup('weak')!.id, f.lookup('link')!.id].sort((x, y) => x - y);
      const row = db.get<{ scaled: number }>('SELECT scaled FROM friend_cooc WHERE k = ? * 2097152 + ?', [
        a!,
        b!,
      ])!;
      values.push(row.scaled);
      expect(row.scaled * f.coocScale - DECAY_OFFSET).toBeCloseTo(1, 10);
    }
    expect(values[0]).toBe(values[1]);
  });
});
