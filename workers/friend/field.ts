import { pow } from '../core/detMath';
import { EngineError } from '../core/errors';
import type { Db } from '../store/db';
import { getMetaNumber, setMeta } from './fieldMeta';
import type { Token } from './tokenizer';
import { Counts, type PairCounts, type SortedRows } from './countTables';
import { ID_LIMIT, KEY_A, KEY_B, pairKey, pairKeyOf } from './fieldKeys';
import { addBelow, addBelowFew, dropPairs, resetCoocBelow } from './coocBelow';
import { writeRows, writeVocab } from './fieldWrite';
import { NeighbourCache } from './neighbourCache';
import { PoolPairs } from './poolPairs';
import { sizeCache } from './pageCache';
import { TopWords } from './topWords';
import type { VocabEntry } from './vocabEntry';

/** Co-occurrence window: pairs up to this many tokens apart. */
export const WINDOW = 5;
/** Added once to a new pair that involves a token the field had never seen before this observation. */
export const NOVELTY_BONUS = 0.5;
/** Co-occurrence decays every this many observations. */
export const DECAY_EVERY = 100;
/**
 * One decay step maps a count c to (c + DECAY_OFFSET)·DECAY_FACTOR − DECAY_OFFSET = 0.99·c − 0.02:
 * the subtraction makes small counts fade faster than large ones (a pair seen once lasts ~70 steps,
 * one seen a hundred times ~470).
 *
 * Because the step is multiplicative around −DECAY_OFFSET, the table stores
 * scaled = (c + DECAY_OFFSET) / DECAY_FACTOR^epoch, and a decay step is just epoch + 1: no row is
 * rewritten. The count is read back as scaled·DECAY_FACTOR^epoch − DECAY_OFFSET.
 */
export const DECAY_FACTOR = 0.99;
export const DECAY_OFFSET = 2;
/** Pairs whose count has reached zero are deleted every this many decay steps (and never read before). */
export const PRUNE_EVERY_EPOCHS = 10;
/**
 * A prune that falls due while chatting goes through this many rows per chat turn, so no turn holds
 * the whole table's scan (a write counts a pair at or below the floor as absent, so a prune that is
 * not finished yet changes no count). At 1M tokens most rows of a piece have decayed to zero, and
 * each deleted pair leaves its list too: 16,000 rows took up to 80 ms of a chat turn in Chromium.
 * 6,000 rows go through the 1.5M rows of that field in 250 turns, within the 500 turns (1,000
 * observations) before the next prune.
 */
export const PRUNE_PIECE_ROWS = 6_000;
/** N-gram rows kept per word or word pair for the generator: twice the most it asks (48). */
export const NGRAM_ROWS_STORED = 96;
/** The scale is folded back into the rows before DECAY_FACTOR^-epoch could lose range. */
const RENORMALISE_EPOCHS = 10_000;

// Pair keys pack two ids into one exact double (a·2^21 + b < 2^42), far cheaper than string keys; the
// same number keys friend_cooc's rows.
export { pairKey } from './fieldKeys';

export type { VocabEntry } from './vocabEntry';

/** Aggregated count changes of one or more observations, written together by `flush`. */
class Delta {
  readonly counts = new Counts();
  readonly vocab = new Set<VocabEntry>();
  observations = 0;
  tokens = 0;

  get empty(): boolean {
    return this.observations === 0 && this.vocab.size === 0;
  }
}

/**
 * Counts one observation: `ids`/`punct` hold `from` tokens of context (the end of the previous
 * observation of the same text, so pairs across the cut are not lost) and then the observation's own
 * tokens up to `to`. Only pairs that end in the observation's own tokens are counted; the context
 * was counted with its own observation. A pair involving a token first seen in this observation
 * (id >= freshFrom: ids are handed out in order) gets the novelty bonus once.
 */
export function countObservation(
  counts: Counts,
  ids: ArrayLike<number>,
  punct: ArrayLike<number | boolean>,
  from: number,
  to: number,
  freshFrom: number,
): void {
  const { bigrams, trigrams, cooc } = counts;
  for (let i = Math.max(from, 1); i < to; i++) bigrams.add(ids[i - 1]!, ids[i]!, 1);
  for (let i = Math.max(from, 2); i < to; i++) trigrams.add(ids[i - 2]!, ids[i - 1]!, ids[i]!, 1);
  const bonused = new Set<number>();
  for (let j = from; j < to; j++) {
    if (punct[j]) continue;
    const b = ids[j]!;
    for (let i = Math.max(0, j - WINDOW); i < j; i++) {
      if (punct[i]) continue;
      const a = ids[i]!;
      if (a === b) continue;
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      let by = 1;
      if (a >= freshFrom || b >= freshFrom) {
        const k = pairKey(lo, hi);
        if (!bonused.has(k)) {
          bonused.add(k);
          by += NOVELTY_BONUS;
        }
      }
      cooc.add(lo, hi, by);
    }
  }
}

/**
 * The field's counts. SQLite is the durable store; the vocabulary (word → id, counts) is mirrored in
 * memory because every observed token needs it. Count changes are aggregated per batch and written
 * with multi-row UPSERTs in key order, so a message costs a handful of statements, not one per token.
 *
 * The mirror is only valid together with the database it was read from: callers `invalidate()` it
 * after anything that may have rolled back or replaced the database.
 */
export class FieldStore {
  private byWord: Map<string, VocabEntry> | null = null;
  private byId: VocabEntry[] = [];
  private nextId = 1;
  private observations = 0;
  private tokens = 0;
  private epoch = 0;
  private delta = new Delta();
  /**
   * Co-occurrence counts of texts being taught whose lists are written and whose rows are not all
   * written yet: a prune must leave those pairs in their lists (a row it deletes comes back).
   */
  private readonly unwritten = new Set<PairCounts>();
  /** Where a prune spread over the next chat turns goes on from, or null when none is under way. */
  private pruneFrom: [number, number] | null = null;

  /** The top neighbours of recently asked tokens; every write to friend_cooc must reach it. */
  readonly neighbourCache = new NeighbourCache();
  /** The most frequent words, as many as the generator's centres. */
  private readonly top = new TopWords(12);
  /**
   * The strongest bigram rows of recently asked words, kept like the neighbours: the generator
   * falls back to a word's bigrams whenever its trigram row is thin, and ranking a common word's
   * bigrams took 1–2 ms at 1M tokens ("the" has 12,857), an eighth of a chat turn. Words repeat
   * from reply to reply, so about half the asks find their row here. Every write to friend_bigrams
   * must reach it (`ngramsWritten`).
   */
  readonly bigramTops = new NeighbourCache({ stored: NGRAM_ROWS_STORED, tokens: 4096 });
  /**
   * The strongest trigram rows of word pairs with more rows than that (by `pairKey`): most word
   * pairs have a few rows, cheap to read and seldom asked twice, but a common pair ("of the" has
   * 3,882 at 1M tokens) is ranked again at every ask (0.4–0.8 ms). Every write to friend_trigrams
   * must reach it (`ngramsWritten`).
   */
  readonly trigramTops = new NeighbourCache({ stored: NGRAM_ROWS_STORED, tokens: 2048 });
  /** The pairs among the theme candidates; every write to friend_cooc must reach it too. */
  readonly poolPairs = new PoolPairs();

  /** Moves on whenever the ids stop meaning what they meant (field reset, database replaced). */
  lineage = 0;

  /** The field was emptied or the database replaced: ids handed out before mean nothing now. */
  markReplaced(): void {
    this.lineage++;
    this.invalidate();
  }

  invalidate(): void {
    this.top.reset();
    this.forgetCooc();
    this.byWord = null;
    this.byId = [];
    this.delta = new Delta();
  }

  /** Reads the vocabulary mirror if it is not loaded. */
  load(db: Db): void {
    if (this.byWord) return;
    const byWord = new Map<string, VocabEntry>();
    const byId: VocabEntry[] = [];
    let maxId = 0;
    for (const r of db.all<{
      id: number;
      word: string;
      display: string;
      display_mid: number;
      count: number;
      is_punct: number;
    }>('SELECT id, word, display, display_mid, count, is_punct FROM friend_vocab')) {
      const e: VocabEntry = {
        id: r.id,
        word: r.word,
        display: r.display,
        mid: r.display_mid === 1,
        count: r.count,
        punct: r.is_punct === 1,
        persisted: true,
      };
      byWord.set(e.word, e);
      byId[e.id] = e;
      if (e.id > maxId) maxId = e.id;
    }
    this.byWord = byWord;
    this.byId = byId;
    this.top.reset();
    this.nextId = maxId + 1;
    this.observations = getMetaNumber(db, 'observations', 0);
    this.tokens = getMetaNumber(db, 'tokens', 0);
    this.epoch = getMetaNumber(db, 'cooc_epoch', 0);
    this.delta = new Delta();
    sizeCache(db);
  }

  private words(): Map<string, VocabEntry> {
    if (!this.byWord) throw new Error('field vocabulary not loaded');
    return this.byWord;
  }

  entry(id: number): VocabEntry | undefined {
    return this.byId[id];
  }

  lookup(key: string): VocabEntry | undefined {
    return this.words().get(key);
  }

  get vocabSize(): number {
    return this.words().size;
  }

  get observationCount(): number {
    return this.observations + this.delta.observations;
  }

  /** DECAY_FACTOR^epoch: multiply a stored co-occurrence value by it (then subtract the offset). */
  get coocScale(): number {
    return pow(DECAY_FACTOR, this.epoch);
  }

  get tokenCount(): number {
    return this.tokens + this.delta.tokens;
  }

  /** The `n` most frequent words, marks left out (the generator's centres). */
  topWords(n: number): VocabEntry[] {
    return this.top.get(n, () => this.entries());
  }

  /** Entries whose counts just grew outside `observe` (a taught text's): the top words take them in. */
  countsGrew(entries: Iterable<VocabEntry>): void {
    for (const e of entries) this.top.grew(e);
  }

  /** Every entry, for ranking (centres, themes). */
  entries(): IterableIterator<VocabEntry> {
    return this.words().values();
  }

  /**
   * The vocabulary entry of a token, created (count 0, not yet persisted) if the field has never
   * seen it; its display form is kept up to date. The caller counts it.
   */
  intern(t: Token): VocabEntry {
    const words = this.words();
    let e = words.get(t.key);
    if (!e) {
      if (this.nextId >= ID_LIMIT)
        throw new EngineError('QUOTA_EXCEEDED', 'The field knows as many words as it can hold.');
      e = {
        id: this.nextId++,
        word: t.key,
        display: t.sentenceStart && !t.isPunct ? t.key : t.text,
        mid: !t.sentenceStart,
        count: 0,
        punct: t.isPunct,
        persisted: false,
      };
      words.set(t.key, e);
      this.byId[e.id] = e;
    } else if (!e.mid && !t.sentenceStart) {
      e.display = t.text;
      e.mid = true;
    }
    return e;
  }

  /** The id the next new word will get: ids at or above it are new since this moment. */
  get nextWordId(): number {
    return this.nextId;
  }

  /**
   * Adds one observation's counts to the pending delta. When `db` is given the delta is written
   * first whenever the observation counter reaches a decay point, so batched and one-by-one ingest
   * give the same counts.
   */
  observe(tokens: readonly Token[], db: Db): void {
    const d = this.delta;
    const freshFrom = this.nextId;
    const ids = new Int32Array(tokens.length);
    const punct = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const e = this.intern(tokens[i]!);
      e.count++;
      this.top.grew(e);
      d.vocab.add(e);
      ids[i] = e.id;
      punct[i] = e.punct ? 1 : 0;
    }
    countObservation(d.counts, ids, punct, 0, tokens.length, freshFrom);
    d.observations++;
    d.tokens += tokens.length;
    if ((this.observations + d.observations) % DECAY_EVERY === 0) {
      this.flush(db);
      this.decay(db);
    }
  }

  /**
   * Records observations whose counts were written by a bulk ingest (workers/friend/ingest.ts), and
   * takes the decay step for every multiple of DECAY_EVERY the observation counter passes.
   */
  addObserved(db: Db, observations: number, tokens: number): boolean {
    this.flush(db);
    const before = this.observations;
    this.observations += observations;
    this.tokens += tokens;
    setMeta(db, 'observations', this.observations);
    setMeta(db, 'tokens', this.tokens);
    const steps = Math.floor(this.observations / DECAY_EVERY) - Math.floor(before / DECAY_EVERY);
    let prune = false;
    for (let i = 0; i < steps; i++) prune = this.decay(db, false) || prune;
    return prune;
  }

  /**
   * Deletes the pairs that decayed to zero among the next `rows` rows after key `from` ([0, 0] to
   * start), so a prune can be spread over several short transactions. Returns the key to go on
   * from, or null when the table has been gone through. Readers never see a zero pair anyway (they
   * read only values above the floor): the prune only keeps the table small.
   */
  prunePiece(db: Db, from: readonly [number, number], rows: number): [number, number] | null {
    const floor = this.coocFloor;
    const end = db.get<{ a: number; b: number }>(
      `SELECT ${KEY_A} AS a, ${KEY_B} AS b FROM friend_cooc WHERE k > ${pairKeyOf('?1', '?2')} ORDER BY k LIMIT 1 OFFSET ?3`,
      [from[0], from[1], rows - 1],
    );
    if (!end) {
      this.dropDeleted(
        db,
        db.all<{ a: number; b: number }>(
          `DELETE FROM friend_cooc WHERE k > ${pairKeyOf('?1', '?2')} AND scaled <= ?3 RETURNING ${KEY_A} AS a, ${KEY_B} AS b`,
          [from[0], from[1], floor],
        ),
      );
      return null;
    }
    this.dropDeleted(
      db,
      db.all<{ a: number; b: number }>(
        `DELETE FROM friend_cooc WHERE k > ${pairKeyOf('?1', '?2')} AND k <= ${pairKeyOf('?3', '?4')} AND scaled <= ?5
         RETURNING ${KEY_A} AS a, ${KEY_B} AS b`,
        [from[0], from[1], end.a, end.b, floor],
      ),
    );
    return [end.a, end.b];
  }

  /** Texts being taught now (`ingestText` counts itself in and out). */
  private texts = 0;

  /** Whether a text is being taught: chat turns leave the theme rebuild to the text's end. */
  get teaching(): boolean {
    return this.texts > 0;
  }

  teachingText(started: boolean): void {
    this.texts += started ? 1 : -1;
  }

  /** Marks a taught text's co-occurrence counts as written to the lists and not yet to the rows, or no longer. */
  holdUnwritten(counts: PairCounts, held: boolean): void {
    if (held) this.unwritten.add(counts);
    else this.unwritten.delete(counts);
  }

  /** Deleted pairs leave their lists, unless a text being taught is about to write them again. */
  private dropDeleted(db: Db, pairs: Array<{ a: number; b: number }>): void {
    const held = [...this.unwritten];
    dropPairs(db, held.length === 0 ? pairs : pairs.filter((p) => !held.some((c) => c.get(p.a, p.b) > 0)));
  }

  /** Goes on with a prune that fell due in `decay`, by `rows` rows; says whether one is still under way. */
  pruneStep(db: Db, rows = PRUNE_PIECE_ROWS): boolean {
    if (this.pruneFrom) this.pruneFrom = this.prunePiece(db, this.pruneFrom, rows);
    return this.pruneFrom !== null;
  }

  /**
   * Factors that turn a co-occurrence count into its stored value now (stored = count·mul + add),
   * and the floor at or below which a stored row is a pair that decayed to zero.
   */
  get coocWrite(): { mul: number; add: number; floor: number } {
    const inv = 1 / this.coocScale;
    return { mul: inv, add: DECAY_OFFSET * inv, floor: this.coocFloor };
  }

  /**
   * One decay step: the epoch moves on (no row is touched); every PRUNE_EVERY_EPOCHS steps the pairs
   * that reached zero are deleted, `pruneStep` by `pruneStep` (one per chat turn; unless
   * `prune` is false: the caller then prunes in pieces of its own; the return value says a prune is
   * due), and rarely the scale is folded back into the rows.
   */
  decay(db: Db, prune = true): boolean {
    this.flush(db);
    this.epoch++;
    if (this.epoch >= RENORMALISE_EPOCHS) {
      db.run('UPDATE friend_cooc SET scaled = scaled * ?', [this.coocScale]);
      this.forgetCooc();
      this.epoch = 0;
    }
    setMeta(db, 'cooc_epoch', this.epoch);
    const due = this.epoch % PRUNE_EVERY_EPOCHS === 0;
    if (due && prune) this.pruneFrom = [0, 0];
    return due;
  }

  /** Stored values at or below this are pairs whose count has decayed to zero. */
  get coocFloor(): number {
    return DECAY_OFFSET / this.coocScale;
  }

  /** Drops what is kept of friend_cooc in memory: after writes that touch most of it, or may roll back. */
  forgetCooc(): void {
    this.neighbourCache.clear();
    this.poolPairs.clear();
    this.bigramTops.clear();
    this.trigramTops.clear();
  }

  /** Rows [from, to) of an n-gram table gained their counts (`v`): the kept rows take them in. */
  ngramsWritten(
    table: 'friend_bigrams' | 'friend_trigrams',
    rows: SortedRows,
    from: number,
    to: number,
  ): void {
    const { a, b, c, v } = rows;
    const tops = table === 'friend_bigrams' ? this.bigramTops : this.trigramTops;
    if (tops.size === 0) return;
    for (let j = from; j < to; j++) tops.added(c ? pairKey(a[j]!, b[j]!) : a[j]!, c ? c[j]! : b[j]!, v[j]!);
  }

  /**
   * Tells the neighbour cache and the theme pool what a chat turn's writes did: the new value of
   * every written pair they hold (a few dozen lookups by key).
   */
  private coocWritten(db: Db, rows: SortedRows): void {
    const cache = this.neighbourCache;
    const pool = this.poolPairs;
    if (cache.size === 0 && pool.size === 0) return;
    for (let i = 0; i < rows.length; i++) {
      const a = rows.a[i]!;
      const b = rows.b[i]!;
      if (!cache.has(a) && !cache.has(b) && !(pool.has(a) && pool.has(b))) continue;
      const r = db.get<{ scaled: number }>(
        `SELECT scaled FROM friend_cooc WHERE k = ${pairKeyOf('?1', '?2')}`,
        [a, b],
      )!;
      cache.written(a, b, r.scaled);
      pool.written(a, b, r.scaled);
    }
  }

  /** Writes the pending delta. Call inside a transaction; on rollback, `invalidate()`. */
  flush(db: Db): void {
    const d = this.delta;
    if (d.empty) return;
    const fresh = [...d.vocab].sort((x, y) => x.id - y.id);
    writeVocab(
      db,
      fresh.filter((e) => !e.persisted),
      (e) => e.count,
      false,
    );
    for (const e of fresh) {
      if (!e.persisted) {
        e.persisted = true;
        continue;
      }
      db.run('UPDATE friend_vocab SET count = ?, display = ?, display_mid = ? WHERE id = ?', [
        e.count,
        e.display,
        e.mid ? 1 : 0,
        e.id,
      ]);
    }
    const { counts } = d;
    const bigrams = counts.bigrams.sorted();
    writeRows(db, 'friend_bigrams', bigrams, 0, bigrams.length);
    this.ngramsWritten('friend_bigrams', bigrams, 0, bigrams.length);
    const trigrams = counts.trigrams.sorted();
    writeRows(db, 'friend_trigrams', trigrams, 0, trigrams.length);
    this.ngramsWritten('friend_trigrams', trigrams, 0, trigrams.length);
    // The lists of the pairs' second ids first: they name every row (see coocBelow.ts).
    const few = counts.cooc.bySecondFew();
    if (few) addBelowFew(db, few);
    else {
      const below = counts.cooc.bySecond();
      addBelow(db, below, 0, below.start.length - 1);
    }
    const cooc = counts.cooc.sorted();
    const { mul, add, floor } = this.coocWrite;
    writeRows(db, 'friend_cooc', cooc, 0, cooc.length, mul, add, floor);
    this.coocWritten(db, cooc);
    this.observations += d.observations;
    this.tokens += d.tokens;
    setMeta(db, 'observations', this.observations);
    setMeta(db, 'tokens', this.tokens);
    this.delta = new Delta();
  }
}

/** Empties the count tables this module owns, with the co-occurrence lists (the caller drops the vocabulary mirror). */
export function resetFieldCounts(db: Db): void {
  for (const t of ['friend_vocab', 'friend_bigrams', 'friend_trigrams', 'friend_cooc'])
    db.run(`DELETE FROM ${t}`);
  resetCoocBelow(db);
}
