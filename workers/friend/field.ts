import { pow } from '../core/detMath';
import { EngineError } from '../core/errors';
import type { Db } from '../store/db';
import { getMetaNumber, setMeta } from './fieldMeta';
import type { Token } from './tokenizer';

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
/** The scale is folded back into the rows before DECAY_FACTOR^-epoch could lose range. */
const RENORMALISE_EPOCHS = 10_000;

// Pair keys pack two ids into one exact double (a·2^21 + b < 2^42), far cheaper than string keys.
const ID_LIMIT = 2_097_152; // 2^21
export const pairKey = (a: number, b: number): number => a * ID_LIMIT + b;

export interface VocabEntry {
  id: number;
  word: string;
  display: string;
  /** Whether `display` was seen mid-sentence (so its capitals are the word's own, not the sentence's). */
  mid: boolean;
  count: number;
  punct: boolean;
  persisted: boolean;
}

/** Aggregated count changes of one or more observations, written together by `flush`. */
class Delta {
  readonly bigrams = new Map<number, number>();
  readonly trigrams = new Map<number, Map<number, number>>();
  readonly cooc = new Map<number, number>();
  readonly vocab = new Set<VocabEntry>();
  observations = 0;
  tokens = 0;

  get empty(): boolean {
    return this.observations === 0 && this.vocab.size === 0;
  }
}

function add(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

const BATCH = 100;

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

  invalidate(): void {
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
    this.nextId = maxId + 1;
    this.observations = getMetaNumber(db, 'observations', 0);
    this.tokens = getMetaNumber(db, 'tokens', 0);
    this.epoch = getMetaNumber(db, 'cooc_epoch', 0);
    this.delta = new Delta();
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

  /** Every entry, for ranking (centres, themes). */
  entries(): IterableIterator<VocabEntry> {
    return this.words().values();
  }

  /**
   * Adds one observation's counts to the pending delta. When `db` is given the delta is written
   * first whenever the observation counter reaches a decay point, so batched and one-by-one ingest
   * give the same counts.
   */
  observe(tokens: readonly Token[], db: Db): void {
    const words = this.words();
    const d = this.delta;
    const ids = new Array<number>(tokens.length);
    const fresh = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
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
        fresh.add(e.id);
      } else if (!e.mid && !t.sentenceStart && e.display !== t.text) {
        e.display = t.text;
        e.mid = true;
      } else if (!e.mid && !t.sentenceStart) {
        e.mid = true;
      }
      e.count++;
      d.vocab.add(e);
      ids[i] = e.id;
    }
    for (let i = 1; i < ids.length; i++) add(d.bigrams, pairKey(ids[i - 1]!, ids[i]!), 1);
    for (let i = 2; i < ids.length; i++) {
      const k = pairKey(ids[i - 2]!, ids[i - 1]!);
      let row = d.trigrams.get(k);
      if (!row) d.trigrams.set(k, (row = new Map()));
      add(row, ids[i]!, 1);
    }
    const bonused = new Set<number>();
    for (let i = 0; i < ids.length; i++) {
      if (tokens[i]!.isPunct) continue;
      const a = ids[i]!;
      const end = Math.min(ids.length, i + WINDOW + 1);
      for (let j = i + 1; j < end; j++) {
        if (tokens[j]!.isPunct) continue;
        const b = ids[j]!;
        if (a === b) continue;
        const k = a < b ? pairKey(a, b) : pairKey(b, a);
        let by = 1;
        if ((fresh.has(a) || fresh.has(b)) && !bonused.has(k)) {
          bonused.add(k);
          by += NOVELTY_BONUS;
        }
        add(d.cooc, k, by);
      }
    }
    d.observations++;
    d.tokens += tokens.length;
    if ((this.observations + d.observations) % DECAY_EVERY === 0) {
      this.flush(db);
      this.decay(db);
    }
  }

  /**
   * One decay step: the epoch moves on (no row is touched); every PRUNE_EVERY_EPOCHS steps the pairs
   * that reached zero are deleted, and rarely the scale is folded back into the rows.
   */
  decay(db: Db): void {
    this.flush(db);
    this.epoch++;
    if (this.epoch >= RENORMALISE_EPOCHS) {
      db.run('UPDATE friend_cooc SET scaled = scaled * ?', [this.coocScale]);
      this.epoch = 0;
    }
    setMeta(db, 'cooc_epoch', this.epoch);
    if (this.epoch % PRUNE_EVERY_EPOCHS === 0) {
      db.run('DELETE FROM friend_cooc WHERE scaled <= ?', [this.coocFloor]);
    }
  }

  /** Stored values at or below this are pairs whose count has decayed to zero. */
  get coocFloor(): number {
    return DECAY_OFFSET / this.coocScale;
  }

  /** Writes the pending delta. Call inside a transaction; on rollback, `invalidate()`. */
  flush(db: Db): void {
    const d = this.delta;
    if (d.empty) return;
    for (const e of d.vocab) {
      if (e.persisted) {
        db.run('UPDATE friend_vocab SET count = ?, display = ?, display_mid = ? WHERE id = ?', [
          e.count,
          e.display,
          e.mid ? 1 : 0,
          e.id,
        ]);
      } else {
        db.run(
          'INSERT INTO friend_vocab (id, word, display, display_mid, count, is_punct) VALUES (?, ?, ?, ?, ?, ?)',
          [e.id, e.word, e.display, e.mid ? 1 : 0, e.count, e.punct ? 1 : 0],
        );
        e.persisted = true;
      }
    }
    upsertPairs(db, 'friend_bigrams', 'count', d.bigrams, 1, 0);
    upsertTriples(db, d.trigrams);
    const inv = 1 / this.coocScale;
    upsertPairs(db, 'friend_cooc', 'scaled', d.cooc, inv, DECAY_OFFSET * inv);
    this.observations += d.observations;
    this.tokens += d.tokens;
    setMeta(db, 'observations', this.observations);
    setMeta(db, 'tokens', this.tokens);
    this.delta = new Delta();
  }
}

function sortedKeys(map: Map<number, unknown>): Float64Array {
  const keys = Float64Array.from(map.keys());
  keys.sort();
  return keys;
}

/**
 * Multi-row UPSERT of (a, b, value) in key order: fewer statements, and B-tree pages touched in order.
 * A new row stores delta·mul + add; an existing one gains delta·mul.
 */
function upsertPairs(
  db: Db,
  table: string,
  column: string,
  map: Map<number, number>,
  mul: number,
  add: number,
): void {
  const keys = sortedKeys(map);
  const head = `INSERT INTO ${table} (a, b, ${column}) VALUES `;
  const tail = ` ON CONFLICT(a, b) DO UPDATE SET ${column} = ${column} + excluded.${column} - ?`;
  const full = head + new Array(BATCH).fill('(?, ?, ?)').join(', ') + tail;
  const one = head + '(?, ?, ?)' + tail;
  const params: number[] = [];
  let i = 0;
  for (; i + BATCH <= keys.length; i += BATCH) {
    params.length = 0;
    for (let j = i; j < i + BATCH; j++) {
      const k = keys[j]!;
      const a = Math.floor(k / ID_LIMIT);
      params.push(a, k - a * ID_LIMIT, map.get(k)! * mul + add);
    }
    params.push(add);
    db.run(full, params);
  }
  for (; i < keys.length; i++) {
    const k = keys[i]!;
    const a = Math.floor(k / ID_LIMIT);
    db.run(one, [a, k - a * ID_LIMIT, map.get(k)! * mul + add, add]);
  }
}

function upsertTriples(db: Db, rows: Map<number, Map<number, number>>): void {
  const head = 'INSERT INTO friend_trigrams (a, b, c, count) VALUES ';
  const tail = ' ON CONFLICT(a, b, c) DO UPDATE SET count = count + excluded.count';
  const full = head + new Array(BATCH).fill('(?, ?, ?, ?)').join(', ') + tail;
  const one = head + '(?, ?, ?, ?)' + tail;
  const params: number[] = [];
  let n = 0;
  for (const k of sortedKeys(rows)) {
    const a = Math.floor(k / ID_LIMIT);
    const b = k - a * ID_LIMIT;
    const row = rows.get(k)!;
    for (const c of sortedKeys(row)) {
      params.push(a, b, c, row.get(c)!);
      if (++n === BATCH) {
        db.run(full, params);
        params.length = 0;
        n = 0;
      }
    }
  }
  for (let i = 0; i < params.length; i += 4) db.run(one, params.slice(i, i + 4));
}

/** Empties the four count tables this module owns (the caller drops the vocabulary mirror). */
export function resetFieldCounts(db: Db): void {
  for (const t of ['friend_vocab', 'friend_bigrams', 'friend_trigrams', 'friend_cooc'])
    db.run(`DELETE FROM ${t}`);
}
