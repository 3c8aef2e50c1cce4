import { EngineError } from '../core/errors';
import { yieldToLoop } from '../core/yieldToLoop';
import type { Operation } from '../core/operation';
import type { WriteOptions } from '../runtime/context';
import type { Db } from '../store/db';
import { Counts, runAll, type CountsSize, type SortedRows, type Step } from './countTables';
import { addBelow, belowRanges, type PairsBySecond } from './coocBelow';
import { countObservation, DECAY_EVERY, WINDOW, type FieldStore, type VocabEntry } from './field';
import { writeRows, writeVocab } from './fieldWrite';
import { sizeCache } from './pageCache';
import { SENTENCE_END, tokenize, type Token } from './tokenizer';

/** Tokens per observation of a long text (cut at the next sentence start, at most twice as many). */
export const OBSERVATION_TOKENS = 1000;

export interface IngestOptions {
  /** Characters tokenized per step (cut at whitespace): bounds how long one step holds the worker. */
  sliceChars?: number;
  /** Rows written per transaction when the pending counts are written. */
  rowsPerWrite?: number;
}

/**
 * The step sizes below bound how long one step holds the worker: a chat turn sent while a text is
 * taught waits for the rest of the step under way. In Chromium (slower than Node per step on the
 * bench machine) steps of 16,000 characters, 20,000 list pairs and 120,000 sorted rows reached
 * 60–120 ms. Halving the writes, lists, sorts and page touches once more took the longest steps of
 * a 1M-token text in Node from 11–15 ms to 5–10 ms, with no loss of throughput (7.8–8.2 s for the
 * text against 7.9 s). In Chromium the longest wait of a chat turn moves by more from run to run than
 * that change moved it (paired runs: 57–99 ms against 58–87 ms).
 */
const SLICE_CHARS = 6_000;
const ROWS_PER_WRITE = 2_048;
const PRUNE_ROWS = 20_000;
/** Pairs whose second id's co-occurrence list is brought up to date per transaction. */
const BELOW_PAIRS = 4_000;

/** Counts of observations not yet written: every distinct key once, whatever the number of slices. */
class Pending {
  readonly counts: Counts;
  constructor(expected?: CountsSize) {
    this.counts = new Counts(expected);
  }
  /** Vocabulary count to add, by id, and the ids that have one. */
  adds = new Int32Array(1024);
  ids: number[] = [];
  observations = 0;
  tokens = 0;

  /** Empties the batch for the next one, keeping the tables' memory. */
  reset(): void {
    this.counts.clear();
    for (const id of this.ids) this.adds[id] = 0;
    this.ids = [];
    this.observations = 0;
    this.tokens = 0;
  }
}

/**
 * The batch of the last text taught in this thread, emptied, for the next text: at a full batch its
 * tables and their sort memory are tens of MB, and fresh memory costs a page fault at the first touch
 * of every 4 KiB (about 12 µs on the 2-core bench machine): 12–14% of teaching a 100k-token text
 * went to mapping new tables. Kept only while it suits the next text's size (`Counts.suits`).
 */
let keptBatch: Pending | null = null;

/** The tables kept for the next text, if any (for tests). */
export function keptTextCounts(): Counts | null {
  return keptBatch?.counts ?? null;
}

/** Lets the kept batch go, so the next text starts in new memory (for tests). */
export function dropKeptText(): void {
  keptBatch = null;
}

/** The kept batch if it suits a text whose first batch is expected to hold `expected` keys. */
function takeKeptBatch(expected: CountsSize): Pending | null {
  const p = keptBatch;
  keptBatch = null;
  return p !== null && p.counts.suits(expected) ? p : null;
}

/**
 * Distinct keys a batch of `tokens` tokens of running text tends to hold (English prose: about 0.6
 * bigrams, 0.9 trigrams and 2.3 co-occurrence pairs per token at 100k tokens, fewer per token as a
 * batch grows). Only the tables' starting room depends on it.
 */
function expectedSize(tokens: number): CountsSize {
  return {
    bigrams: Math.ceil(tokens * 0.6),
    trigrams: Math.ceil(tokens * 0.9),
    cooc: Math.ceil(tokens * 2.3),
  };
}

/** Pending counts sealed in key order, written in pieces of rows. */
interface Sealed {
  vocab: number[];
  adds: Int32Array;
  tables: Array<{ table: 'friend_bigrams' | 'friend_trigrams' | 'friend_cooc'; rows: SortedRows }>;
  /** The co-occurrence pairs by second id, for the lists (written before the rows). */
  below: PairsBySecond | null;
  total: number;
  observations: number;
  tokens: number;
}

/**
 * A text read as one stream of observations. Observations are cut by the text alone (never by
 * where a slice ended), and each keeps the last WINDOW tokens of the one before as context, so the
 * n-grams and co-occurrences across a cut are counted exactly once: the counts of a text do not
 * depend on how it was sliced. Counts pile up in memory until the observation counter reaches a
 * decay point (or the text ends), then are written in key order, each key once.
 */
export class TextStream {
  private ids = new Int32Array(WINDOW + 2 * OBSERVATION_TOKENS + 1);
  private punct = new Uint8Array(WINDOW + 2 * OBSERVATION_TOKENS + 1);
  private context = 0;
  private length = 0;
  private freshFrom = 0;
  /** The batch being counted; null from `take` until something is fed or a batch is given back. */
  private pending: Pending | null;
  /** The most keys each table has held in a batch of this text so far. */
  private largest: CountsSize;
  private unsaved: VocabEntry[] = [];
  /** Whether the next slice starts a sentence. */
  sentenceStart = true;
  tokens = 0;
  observations = 0;
  /** Set when an observation ended on a decay point: write the pending counts before going on. */
  due = false;

  /**
   * @param expectedTokens About how many tokens the text holds, if known: the first batch's tables
   *   start with room for them (up to a decay period's worth), in the last text's memory when it
   *   suits; the next batches start as large as the largest one before.
   */
  constructor(
    private readonly field: FieldStore,
    expectedTokens = 0,
  ) {
    const n = Math.min(expectedTokens, DECAY_EVERY * OBSERVATION_TOKENS);
    this.largest = n > 0 ? expectedSize(n) : { bigrams: 0, trigrams: 0, cooc: 0 };
    this.pending = n > 0 ? (takeKeptBatch(this.largest) ?? new Pending(this.largest)) : new Pending();
  }

  /** The text is done with (learned, cancelled or failed): its batch memory is kept for the next one. */
  keepForNextText(): void {
    const p = this.pending;
    this.pending = null;
    if (p === null) return;
    p.reset();
    keptBatch = p;
  }

  /** Reads tokens[from…] until done or until an observation ends on a decay point; returns where it stopped. */
  feed(tokens: readonly Token[], from: number): number {
    const field = this.field;
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i]!;
      const own = this.length - this.context;
      if ((own >= OBSERVATION_TOKENS && t.sentenceStart) || own >= 2 * OBSERVATION_TOKENS) {
        this.close();
        if (this.due) return i;
      }
      if (this.length === this.context) this.freshFrom = field.nextWordId;
      const e = field.intern(t);
      if (!e.persisted) {
        e.persisted = true;
        this.unsaved.push(e);
      }
      this.ids[this.length] = e.id;
      this.punct[this.length] = e.punct ? 1 : 0;
      this.length++;
    }
    const last = tokens.at(-1);
    if (last) this.sentenceStart = last.isPunct && SENTENCE_END.has(last.key);
    return tokens.length;
  }

  /** Ends the last observation of the text. */
  finish(): void {
    if (this.length > this.context) this.close();
  }

  /** New words get their rows (count 0) in the same transaction, so their ids are durable at once. */
  saveNewWords(db: Db): void {
    writeVocab(db, this.unsaved, () => 0, false);
    this.unsaved = [];
  }

  private close(): void {
    const p = (this.pending ??= new Pending(this.largest));
    countObservation(p.counts, this.ids, this.punct, this.context, this.length, this.freshFrom);
    for (let i = this.context; i < this.length; i++) {
      const id = this.ids[i]!;
      if (id >= p.adds.length) {
        const grown = new Int32Array(Math.max(id + 1, p.adds.length * 2));
        grown.set(p.adds);
        p.adds = grown;
      }
      if (p.adds[id] === 0) p.ids.push(id);
      p.adds[id]!++;
    }
    const n = this.length - this.context;
    p.observations++;
    p.tokens += n;
    this.observations++;
    this.tokens += n;
    const keep = Math.min(WINDOW, this.length);
    this.ids.copyWithin(0, this.length - keep, this.length);
    this.punct.copyWithin(0, this.length - keep, this.length);
    this.context = this.length = keep;
    if ((this.field.observationCount + p.observations) % DECAY_EVERY === 0) this.due = true;
  }

  /**
   * Steps that map the memory of the batch's tables 512 KiB at a time: the first batch of a long
   * text starts with tables of several MB, whose first observations would otherwise fault their
   * pages in one step (50–85 ms in Chromium on the bench machine). Empty when no batch is started.
   */
  touchSteps(): Array<() => void> {
    return this.pending?.counts.touchSteps(1 << 19) ?? [];
  }

  /** The batch's `Counts.growSteps`, 512 KiB at a time. */
  growSteps(): Array<() => void> {
    return this.pending?.counts.growSteps(1 << 19) ?? [];
  }

  get hasPending(): boolean {
    return (this.pending?.observations ?? 0) > 0;
  }

  /**
   * Hands over the pending counts and starts new ones, with room for as many keys as the largest
   * batch so far: a batch cut short (chat turns between the steps move the decay points) would
   * otherwise size the next one small, and a table that outgrows its room rehashes every key in one
   * step, tens of milliseconds at a full batch.
   */
  take(): Pending {
    const p = this.pending ?? new Pending();
    const { bigrams, trigrams, cooc } = p.counts.size;
    const l = this.largest;
    this.largest = {
      bigrams: Math.max(l.bigrams, bigrams),
      trigrams: Math.max(l.trigrams, trigrams),
      cooc: Math.max(l.cooc, cooc),
    };
    this.pending = null;
    this.due = false;
    return p;
  }

  /**
   * Takes back a batch whose counts are written: emptied, its tables count the next batch. Memory
   * allocated afresh costs a page fault at the first touch of every 4 KiB, which the tables' random
   * writes spread over a whole batch (about 25 ms per 8 MB on the 2-core bench machine, in Node and
   * Chromium alike); memory kept is already mapped. Ignored when a new batch has started meanwhile.
   */
  giveBack(p: Pending): void {
    if (this.pending !== null) return;
    p.reset();
    this.pending = p;
  }
}

/**
 * Rows sorted per step. At a full batch of a long text the trigram table alone took 50–110 ms to
 * sort in Chromium on the bench machine, and the co-occurrence lists 35–40 ms: every table is cut.
 */
const ROWS_PER_SORT_STEP = 20_000;

/**
 * Slots of a table grouped per step: grouping a table by its ids reads every slot twice, and the
 * co-occurrence table's millions of slots at a million taught tokens took 40–60 ms in one step.
 */
const SLOTS_PER_STEP = 1 << 18;

/** The steps in the order they run: the steps a step returns run right after it, before the rest. */
function* stepOrder(steps: readonly Step[]): Generator<Step> {
  const queue = [...steps];
  while (queue.length > 0) {
    const step = queue.shift()!;
    yield () => {
      const more = step();
      if (more) queue.unshift(...more);
    };
  }
}

/**
 * The steps that sort the pending counts into `s`, in the order they are written (the vocabulary,
 * written first, comes last here; only its own step reads it): each table is grouped by its first
 * ids in one step, then sorted a part per step.
 */
function sealSteps(p: Pending, s: Sealed): Step[] {
  const add = (table: Sealed['tables'][number]['table']) => (rows: SortedRows) => {
    s.tables.push({ table, rows });
    s.total += rows.length;
  };
  const { cooc, bigrams, trigrams } = p.counts;
  return [
    () => cooc.bySecondSteps(ROWS_PER_SORT_STEP, SLOTS_PER_STEP, (lists) => (s.below = lists)),
    () => bigrams.sortedSteps(ROWS_PER_SORT_STEP, SLOTS_PER_STEP, add('friend_bigrams')),
    () => trigrams.sortedSteps(ROWS_PER_SORT_STEP, SLOTS_PER_STEP, add('friend_trigrams')),
    () => cooc.sortedSteps(ROWS_PER_SORT_STEP, SLOTS_PER_STEP, add('friend_cooc')),
    () => {
      s.vocab = p.ids.sort((a, b) => a - b);
      s.total += s.vocab.length;
    },
  ];
}

function emptySeal(p: Pending): Sealed {
  return {
    vocab: [],
    adds: p.adds,
    tables: [],
    below: null,
    total: 0,
    observations: p.observations,
    tokens: p.tokens,
  };
}

/**
 * Writes rows [from, to) of the sealed counts (vocabulary first, then each table), and when `to`
 * reaches the end records the observations, which may take a decay step. Co-occurrence is scaled
 * by the decay epoch current at the write, as the field's own flush does.
 */
function writeSealed(db: Db, field: FieldStore, s: Sealed, from: number, to: number): boolean {
  let base = 0;
  const take = (n: number) => [Math.max(0, from - base), Math.min(n, to - base)] as const;
  const [v0, v1] = take(s.vocab.length);
  if (v0 < v1) {
    const entries = s.vocab.slice(v0, v1).map((id) => field.entry(id)!);
    writeVocab(db, entries, (e) => s.adds[e.id]!, true);
    for (const e of entries) e.count += s.adds[e.id]!;
    field.countsGrew(entries);
  }
  base += s.vocab.length;
  for (const { table, rows } of s.tables) {
    const [r0, r1] = take(rows.length);
    if (r0 < r1) {
      const { mul, add, floor } = table === 'friend_cooc' ? field.coocWrite : { mul: 1, add: 0, floor: 0 };
      writeRows(db, table, rows, r0, r1, mul, add, floor);
      if (table === 'friend_cooc') {
        // The kept neighbours and the theme pool take the new values of the pairs they hold (they
        // know the old ones); a kept token's ceiling covers the pairs it does not hold.
        field.neighbourCache.writtenRows(rows, r0, r1, mul, add, floor);
        field.poolPairs.writtenRows(rows, r0, r1, mul, add, floor);
      } else {
        field.ngramsWritten(table, rows, r0, r1);
      }
    }
    base += rows.length;
  }
  return to >= s.total && field.addObserved(db, s.observations, s.tokens);
}

/** Observes a list of tokens as one text, all in the caller's transaction (tests, small texts). */
export function ingestTokensNow(db: Db, field: FieldStore, tokens: readonly Token[]): number {
  field.load(db);
  const stream = new TextStream(field);
  let i = 0;
  const writeAll = () => {
    const p = stream.take();
    const sealed = emptySeal(p);
    runAll(sealSteps(p, sealed));
    const below = sealed.below!;
    addBelow(db, below, 0, below.start.length - 1);
    if (writeSealed(db, field, sealed, 0, sealed.total)) {
      for (let at = field.prunePiece(db, [0, 0], PRUNE_ROWS); at; at = field.prunePiece(db, at, PRUNE_ROWS));
    }
    stream.giveBack(p);
  };
  while (i < tokens.length) {
    i = stream.feed(tokens, i);
    stream.saveNewWords(db);
    if (stream.due) writeAll();
  }
  stream.finish();
  if (stream.hasPending) writeAll();
  return stream.observations;
}

export interface IngestDeps {
  field: FieldStore;
  /**
   * A queued write transaction (the friend API's, which re-reads the vocabulary if it rolls back).
   * The text's writes are batches (`WriteOptions.batch`): the caller holds the saves until it is learned.
   */
  write<T>(fn: (db: Db) => T, options?: WriteOptions): Promise<T>;
}

const BATCH: WriteOptions = { batch: true };

/** Where to cut a slice near pos + n: at whitespace, so no token is split (and never inside a pair). */
function cutAt(text: string, pos: number, n: number): number {
  if (pos + n >= text.length) return text.length;
  const end = pos + n;
  for (let i = end; i > pos + (n >> 1); i--) if (text.charCodeAt(i) <= 0x20) return i;
  const c = text.charCodeAt(end - 1);
  return c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
}

/**
 * Teaches a text in steps that each hold the worker briefly: a slice is tokenized and counted in
 * memory, and the counts are written at decay points and at the end in transactions of a bounded
 * number of rows, yielding between steps so chat turns and cancels get through. A cancel keeps
 * every observation counted before it (they are written, then CANCELLED is thrown). A field reset or
 * a replaced database stops the ingest: its ids would mean other words.
 */
export async function ingestText(
  deps: IngestDeps,
  text: string,
  op: Operation,
  options: IngestOptions = {},
): Promise<{ tokens: number; observations: number }> {
  const sliceChars = options.sliceChars ?? SLICE_CHARS;
  const rowsPerWrite = options.rowsPerWrite ?? ROWS_PER_WRITE;
  const { field } = deps;
  const lineage = field.lineage;
  // The task that brought the text has just taken in its characters (a 6M-character string held the
  // worker about 40 ms in Chromium): the tables are made in a task of their own. After the lineage is
  // taken, so a reset that comes meanwhile still cancels the text at its first write.
  await yieldToLoop();
  // Brown-like prose runs about 5.5 characters a token; a guess only sizes the first batch's tables.
  const stream = new TextStream(field, Math.ceil(text.length / 5.5));
  const write = <T>(fn: (db: Db) => T): Promise<T> =>
    deps.write((db) => {
      if (field.lineage !== lineage) {
        throw new EngineError(
          'CANCELLED',
          'The field was reset or replaced while the text was taught; the rest of the text was not learned.',
        );
      }
      field.load(db);
      return fn(db);
    }, BATCH);
  let cancel: unknown = null;
  // Yields to the event loop without stopping: pending counts are always written whole.
  const pause = () =>
    op.checkpoint().catch((err: unknown) => {
      if (err instanceof EngineError && err.code === 'CANCELLED') cancel ??= err;
      else throw err;
    });
  /** Runs in-memory steps (sorting, mapping memory) with a pause after each. */
  const runSteps = async (steps: readonly Step[]) => {
    for (const step of stepOrder(steps)) {
      step();
      await pause();
    }
  };
  const flush = async () => {
    // Sorting a table of a few hundred thousand keys takes a while: one table (or part) per step.
    const p = stream.take();
    const sealed = emptySeal(p);
    await runSteps(sealSteps(p, sealed));
    // The co-occurrence lists first, a range of tokens per step: they must name every row written.
    let prune = false;
    field.holdUnwritten(p.counts.cooc, true);
    try {
      for (const [from, to] of belowRanges(sealed.below!, BELOW_PAIRS)) {
        await write((db) => addBelow(db, sealed.below!, from, to));
        await pause();
      }
      for (let from = 0; from < sealed.total || from === 0; from += rowsPerWrite) {
        const to = Math.min(sealed.total, from + rowsPerWrite);
        prune = (await write((db) => writeSealed(db, field, sealed, from, to))) || prune;
        await pause();
      }
    } finally {
      field.holdUnwritten(p.counts.cooc, false);
    }
    stream.giveBack(p);
    // The decay step's prune goes through the whole table: in pieces, like the writes.
    for (let at: [number, number] | null = prune ? [0, 0] : null; at;) {
      const from = at;
      at = await write((db) => field.prunePiece(db, from, 4 * rowsPerWrite));
      await pause();
    }
  };

  // Learned, cancelled or failed, the text's batch memory is kept for the next text.
  try {
    await write((db) => sizeCache(db));
    await runSteps(stream.touchSteps());
    let pos = 0;
    while (pos < text.length && cancel === null) {
      const end = cutAt(text, pos, sliceChars);
      const tokens = tokenize(text.slice(pos, end), stream.sentenceStart);
      let i = 0;
      do {
        i = await write((db) => {
          const at = stream.feed(tokens, i);
          if (end === text.length && at === tokens.length) stream.finish();
          stream.saveNewWords(db);
          return at;
        });
        if (stream.due) {
          // Each write its own task: chained, the feed, the cache's sizing and the first step of the
          // flush ran as one.
          await pause();
          await write((db) => sizeCache(db));
          await pause();
          await flush();
        }
      } while (i < tokens.length);
      pos = end;
      op.progress('ingest', pos, text.length);
      await pause();
      await runSteps(stream.growSteps());
    }
    if (stream.hasPending) await flush();
    if (cancel !== null) throw cancel;
    return { tokens: stream.tokens, observations: stream.observations };
  } finally {
    stream.keepForNextText();
  }
}
