import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import type { Db } from '../store/db';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { DECAY_EVERY, DECAY_OFFSET, FieldStore, NOVELTY_BONUS, WINDOW } from './field';
import { dropKeptText, ingestText, keptTextCounts, OBSERVATION_TOKENS, TextStream } from './ingest';
import { tokenize } from './tokenizer';
import type { SortedRows } from './countTables';

const WORDS = 'river stone light field word night city road dream child window rain bird song'.split(' ');

/** A deterministic text of sentences of 4–12 words, with commas, and new words now and then. */
function corpus(sentences: number): string {
  let x = 7;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 4 + (next() % 9);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = next();
      words.push(r % 17 === 0 ? `word${r % 400}` : WORDS[r % WORDS.length]!);
      if (i === 2 && r % 3 === 0) words.push(',');
    }
    out.push(words.join(' ').replace(/ ,/g, ',') + (s % 5 === 4 ? '!' : '.'));
  }
  return out.join(' ');
}

/** Every count table, keyed by words (co-occurrence read back as counts). */
function tables(db: Db) {
  const w = new Map(
    db.all<{ id: number; word: string }>('SELECT id, word FROM friend_vocab').map((r) => [r.id, r.word]),
  );
  const scale = new FieldStore();
  scale.load(db);
  const sorted = (rows: Array<[string, number]>) => rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    vocab: sorted(
      db
        .all<{ word: string; count: number }>('SELECT word, count FROM friend_vocab')
        .map((r) => [r.word, r.count]),
    ),
    bigrams: sorted(
      db
        .all<{ a: number; b: number; count: number }>(
          'SELECT (k >> 21) AS a, (k & 2097151) AS b, count FROM friend_bigrams',
        )
        .map((r) => [`${w.get(r.a)} ${w.get(r.b)}`, r.count]),
    ),
    trigrams: sorted(
      db
        .all<{ a: number; b: number; c: number; count: number }>(
          'SELECT (k >> 42) AS a, ((k >> 21) & 2097151) AS b, (k & 2097151) AS c, count FROM friend_trigrams',
        )
        .map((r) => [`${w.get(r.a)} ${w.get(r.b)} ${w.get(r.c)}`, r.count]),
    ),
    cooc: sorted(
      db
        .all<{ a: number; b: number; scaled: number }>(
          'SELECT k >> 21 AS a, k & 2097151 AS b, scaled FROM friend_cooc',
        )
        .map((r) => [[w.get(r.a)!, w.get(r.b)!].sort().join(' '), r.scaled * scale.coocScale - DECAY_OFFSET]),
    ),
    meta: db.all('SELECT key, value FROM friend_meta ORDER BY key'),
  };
}

async function ingestInto(db: Db, text: string, sliceChars?: number, rowsPerWrite?: number) {
  const field = new FieldStore();
  field.load(db);
  const ctx = createTestContext(db, new ManualClock());
  return ingestText({ field, write: ctx.write }, text, silentOperation(), {
    ...(sliceChars ? { sliceChars } : {}),
    ...(rowsPerWrite ? { rowsPerWrite } : {}),
  });
}

/**
 * An independent recount of a text taught as one stream: observations cut after OBSERVATION_TOKENS
 * tokens at the next sentence start (at most twice as many); n-grams and co-occurrences over the
 * whole stream; the novelty bonus once per pair and observation for a word new in that observation.
 * `across` holds what the old per-observation counting missed: pairs that straddle a cut.
 */
function recountStream(text: string) {
  const toks = tokenize(text);
  const obsOf: number[] = [];
  let obs = 0;
  let start = 0;
  for (let i = 0; i < toks.length; i++) {
    const own = i - start;
    if ((own >= OBSERVATION_TOKENS && toks[i]!.sentenceStart) || own >= 2 * OBSERVATION_TOKENS) {
      obs++;
      start = i;
    }
    obsOf.push(obs);
  }
  const firstObs = new Map<string, number>();
  toks.forEach((t, i) => firstObs.has(t.key) || firstObs.set(t.key, obsOf[i]!));
  const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
  const bigrams = new Map<string, number>();
  const trigrams = new Map<string, number>();
  const cooc = new Map<string, number>();
  const across = new Map<string, number>();
  for (let i = 1; i < toks.length; i++) {
    const k = `${toks[i - 1]!.key} ${toks[i]!.key}`;
    bump(bigrams, k);
    if (obsOf[i - 1] !== obsOf[i]) bump(across, k);
  }
  for (let i = 2; i < toks.length; i++)
    bump(trigrams, `${toks[i - 2]!.key} ${toks[i - 1]!.key} ${toks[i]!.key}`);
  const bonused = new Set<string>();
  for (let j = 0; j < toks.length; j++) {
    for (let i = Math.max(0, j - WINDOW); i < j; i++) {
      const a = toks[i]!;
      const b = toks[j]!;
      if (a.isPunct || b.isPunct || a.key === b.key) continue;
      const k = [a.key, b.key].sort().join(' ');
      const o = obsOf[j]!;
      let by = 1;
      if ((firstObs.get(a.key) === o || firstObs.get(b.key) === o) && !bonused.has(`${o} ${k}`)) {
        bonused.add(`${o} ${k}`);
        by += NOVELTY_BONUS;
      }
      bump(cooc, k, by);
    }
  }
  return { bigrams, trigrams, cooc, across, observations: obs + 1, tokens: toks.length };
}

const entries = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('teaching a long text', () => {
  it('counts pairs across observation cuts: the tables equal a recount of the whole stream', async () => {
    const text = corpus(700);
    const want = recountStream(text);
    expect(want.observations).toBeGreaterThan(3);
    expect(want.observations).toBeLessThan(DECAY_EVERY);
    const db = await openTestDb();
    const r = await ingestInto(db, text);
    expect(r).toEqual({ tokens: want.tokens, observations: want.observations });
    const got = tables(db);
    expect(got.bigrams).toEqual(entries(want.bigrams));
    expect(got.trigrams).toEqual(entries(want.trigrams));
    expect(got.cooc).toEqual(entries(want.cooc));
    // The cuts' own pairs are there: each bigram across a cut is counted as often as the text has it.
    expect(want.across.size).toBeGreaterThan(0);
    const bigrams = new Map(got.bigrams);
    for (const [k, n] of want.across) expect(bigrams.get(k)).toBeGreaterThanOrEqual(n);
  });

  it('gives identical tables whether the text is read in one slice or in many small ones, across decay points', async () => {
    const text = corpus(900);
    const dbs: Db[] = [];
    for (const [slice, rows] of [
      [10_000_000, 1_000_000],
      [24_000, 6_000],
      [301, 57],
    ] as const) {
      const db = await openTestDb();
      // Start a few observations before a decay point, so the text's counts are written across one.
      const f = new FieldStore();
      f.load(db);
      db.transaction(() => {
        for (let i = 0; i < DECAY_EVERY - 3; i++) f.observe(tokenize(`warm up ${i % 7}`), db);
        f.flush(db);
      });
      await ingestInto(db, text, slice, rows);
      dbs.push(db);
    }
    const [one, mid, small] = dbs.map(tables);
    expect(one!.meta).toContainEqual({ key: 'cooc_epoch', value: '1' });
    expect(mid).toEqual(one);
    expect(small).toEqual(one);
  });

  it("writes every step as a batch, so the caller's hold keeps the saves until the text is learned", async () => {
    const db = await openTestDb();
    const field = new FieldStore();
    field.load(db);
    const ctx = createTestContext(db, new ManualClock());
    const kinds: Array<boolean | undefined> = [];
    const write: typeof ctx.write = (fn, options) => {
      kinds.push(options?.batch);
      return ctx.write(fn, options);
    };
    // Past a decay point, so the flush, the co-occurrence lists and the prune all write.
    const text = corpus(DECAY_EVERY * 150);
    const r = await ingestText({ field, write }, text, silentOperation(), { sliceChars: 3000 });
    expect(r.observations).toBeGreaterThan(DECAY_EVERY);
    expect(kinds.length).toBeGreaterThan(10);
    expect(kinds.filter((b) => b !== true)).toEqual([]);
    db.close();
  });

  it('a prune spread over pieces deletes exactly what one whole prune deletes', async () => {
    const dbs: Db[] = [];
    for (const rows of [0, 3]) {
      const db = await openTestDb();
      const f = new FieldStore();
      f.load(db);
      db.transaction(() => {
        f.observe(tokenize(corpus(60)), db);
        f.flush(db);
        const before = db.get<{ n: number }>('SELECT COUNT(*) AS n FROM friend_cooc')!.n;
        expect(before).toBeGreaterThan(100);
        for (let i = 0; i < 40; i++) f.observe(tokenize(`strong bond ${i % 3}`), db);
        f.flush(db);
        // Enough decay steps for single sightings to reach zero, pruning left for later.
        for (let i = 0; i < 80; i++) f.decay(db, false);
        if (rows === 0) db.run('DELETE FROM friend_cooc WHERE scaled <= ?', [f.coocFloor]);
        else for (let at = f.prunePiece(db, [0, 0], rows); at; at = f.prunePiece(db, at, rows));
      });
      dbs.push(db);
    }
    const [whole, pieces] = dbs.map((db) =>
      db.all('SELECT k >> 21 AS a, k & 2097151 AS b, scaled FROM friend_cooc ORDER BY k'),
    );
    expect(whole!.length).toBeGreaterThan(0);
    expect(pieces).toEqual(whole);
    const f = new FieldStore();
    f.load(dbs[1]!);
    const zero = dbs[1]!.get<{ n: number }>('SELECT COUNT(*) AS n FROM friend_cooc WHERE scaled <= ?', [
      f.coocFloor,
    ]);
    expect(zero!.n).toBe(0);
  });
});

describe('the batches of a text', () => {
  /** Feeds `tokens` until two batches are due; returns both, the first given back before the second. */
  async function twoBatches(tokens: ReturnType<typeof tokenize>, giveBack: boolean) {
    const db = await openTestDb();
    const field = new FieldStore();
    field.load(db);
    const stream = new TextStream(field, tokens.length);
    const batches = [];
    let i = 0;
    while (batches.length < 2) {
      i = stream.feed(tokens, i);
      if (!stream.due) throw new Error('the text ended before two batches');
      const p = stream.take();
      // Sorted rows are views of the table's sort memory, valid until its next sort: copied to keep.
      const copy = (r: SortedRows) => ({
        length: r.length,
        a: [...r.a],
        b: [...r.b],
        c: r.c ? [...r.c] : [],
        v: [...r.v],
      });
      const rows = {
        bigrams: copy(p.counts.bigrams.sorted()),
        trigrams: copy(p.counts.trigrams.sorted()),
        cooc: copy(p.counts.cooc.sorted()),
        observations: p.observations,
        tokens: p.tokens,
      };
      batches.push({ p, rows });
      if (giveBack) stream.giveBack(p);
    }
    db.close();
    return batches;
  }

  it('reuses a written batch for the next one, emptied: the next batch counts the same as with new tables', async () => {
    const tokens = tokenize(corpus((2 * DECAY_EVERY * OBSERVATION_TOKENS) / 7));
    const kept = await twoBatches(tokens, true);
    const fresh = await twoBatches(tokens, false);
    // The second batch was counted in the first one's tables, not in new ones.
    expect(kept[1]!.p).toBe(kept[0]!.p);
    expect(fresh[1]!.p).not.toBe(fresh[0]!.p);
    expect(kept[1]!.rows.observations).toBe(DECAY_EVERY);
    expect(kept[1]!.rows.cooc.length).toBeGreaterThan(100);
    expect(kept[1]!.rows).toEqual(fresh[1]!.rows);
    expect(kept[0]!.rows).toEqual(fresh[0]!.rows);
  });
});

describe('texts taught one after another', () => {
  it('teach the next text in the memory the last one left: the same tables as in new memory', async () => {
    const long = corpus(6000);
    const next = long.slice(0, long.length / 2);
    dropKeptText();
    const fresh = await openTestDb();
    await ingestInto(fresh, next);
    const inNewMemory = tables(fresh);
    // The long text's counts are left in the memory the next text is taught in.
    await ingestInto(await openTestDb(), long);
    const kept = keptTextCounts();
    expect(kept).not.toBeNull();
    const db = await openTestDb();
    await ingestInto(db, next);
    expect(keptTextCounts()).toBe(kept);
    expect(inNewMemory.cooc.length).toBeGreaterThan(100);
    expect(tables(db)).toEqual(inNewMemory);
  });

  it('start a much smaller text in new memory, and keep its memory instead', async () => {
    await ingestInto(await openTestDb(), corpus(6000));
    const large = keptTextCounts();
    await ingestInto(await openTestDb(), corpus(20));
    expect(keptTextCounts()).not.toBeNull();
    expect(keptTextCounts()).not.toBe(large);
  });
});
