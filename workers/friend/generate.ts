import { log, pow } from '../core/detMath';
import type { Rng } from '../core/rng';
import type { Db } from '../store/db';
import { idsBelow } from './coocBelow';
import { KEEP, STORED, type NeighbourCache } from './neighbourCache';
import { KEY_B, pairKeyOf, pairsOf, triplesOf } from './fieldKeys';
import { DECAY_OFFSET, NGRAM_ROWS_STORED, pairKey, type FieldStore, type VocabEntry } from './field';
import { joinTokens, SENTENCE_END, tokenize, type Token } from './tokenizer';

export interface GenerateOptions {
  maxTokens?: number;
  minTokens?: number;
}

export interface Generation {
  text: string;
  ids: number[];
  /** Normalised entropy of each sampling step, in [0, 1]. */
  entropies: number[];
  /** Share of steps whose candidates came from a trigram row. */
  trigramShare: number;
}

interface Candidate {
  id: number;
  count: number;
}

const ROW_LIMIT = 48;
const SEED_WORDS = 12;
/** Stupid-backoff weight of bigram candidates merged into a thin trigram row. */
const BACKOFF = 0.4;
/**
 * In the last WIND_DOWN steps before the length cap a sentence end gains ×ENDING_PULL per step, so a
 * reply tends to finish its sentence instead of being cut off mid-clause.
 */
const WIND_DOWN = 6;
const ENDING_PULL = 2.5;
/**
 * Loop guards. A trigram the reply already made, or one of the prompt's own trigrams, is never drawn:
 * a soft penalty does nothing when it is the only candidate, and that is exactly how a fresh field
 * answered "Hello there" with "hello there" twelve times. A word pair the reply already made, or one of
 * the prompt's pairs, is discouraged: it is drawn only when no other candidate is left, after the step
 * has looked further (neighbours, then the centres); the factors below then weigh it among its kind.
 */
const REPEAT_PAIR = 0.05;
const ECHO_PAIR = 0.3;

/**
 * The strongest ROW_LIMIT rows of a word or word pair: from its kept rows (`tops`), or read (the top
 * NGRAM_ROWS_STORED) and kept, unless `keepShort` is false and there are fewer than that (a short
 * row is cheap to read again). Ranked by count, ties to the smaller id, as the queries rank them.
 */
function keptRows(
  tops: NeighbourCache,
  key: number,
  keepShort: boolean,
  read: (limit: number) => Candidate[],
): Candidate[] {
  const top = tops.get(key, 0, ROW_LIMIT);
  if (top) return top.ids.map((id, i) => ({ id, count: top.scaled[i]! }));
  const rows = read(NGRAM_ROWS_STORED);
  if (keepShort || rows.length >= NGRAM_ROWS_STORED) {
    tops.set(
      key,
      rows.map((r) => r.id),
      rows.map((r) => r.count),
      0,
    );
  }
  return rows.slice(0, ROW_LIMIT);
}

/** A word pair's strongest trigrams (kept only for pairs with many: most pairs are asked once). */
export function trigramRow(db: Db, field: FieldStore, a: number, b: number): Candidate[] {
  return keptRows(field.trigramTops, pairKey(a, b), false, (limit) =>
    db.all<Candidate>(
      `SELECT ${KEY_B} AS id, count FROM friend_trigrams WHERE ${triplesOf('?1', '?2')}
       ORDER BY count DESC, k LIMIT ?3`,
      [a, b, limit],
    ),
  );
}

/** A word's strongest bigrams. */
export function bigramRow(db: Db, field: FieldStore, a: number): Candidate[] {
  return keptRows(field.bigramTops, a, true, (limit) =>
    db.all<Candidate>(
      `SELECT ${KEY_B} AS id, count FROM friend_bigrams WHERE ${pairsOf('?1')} ORDER BY count DESC, k LIMIT ?2`,
      [a, limit],
    ),
  );
}

/**
 * The other half of token ?1's neighbours above the floor ?2: the rows (a, ?1) of the lower ids a
 * its list names (?3, a JSON array), a seek each.
 */
export const LOWER_HALF = `SELECT r.value AS id, c.scaled FROM json_each(?3) r
         CROSS JOIN friend_cooc c ON c.k = ${pairKeyOf('r.value', '?1')} WHERE c.scaled > ?2`;

/**
 * A token's strongest co-occurrence neighbours (both halves of the symmetric table: its own rows, and
 * the rows of the lower ids its list names), with their counts. The top STORED are kept in memory for
 * the next asks of up to KEEP (see neighbourCache.ts).
 */
export function neighbours(db: Db, field: FieldStore, id: number, limit: number): Candidate[] {
  const cache = field.neighbourCache;
  const floor = field.coocFloor;
  let top = limit <= KEEP ? cache.get(id, floor, limit) : null;
  if (!top) {
    const rows = db.all<{ id: number; scaled: number }>(
      `SELECT ${KEY_B} AS id, scaled FROM friend_cooc
       WHERE ${pairsOf('?1')} AND scaled > ?2
       UNION ALL ${LOWER_HALF}
       ORDER BY scaled DESC, id LIMIT ?4`,
      [id, floor, JSON.stringify(idsBelow(db, id)), limit <= KEEP ? STORED : limit],
    );
    top = { ids: rows.map((r) => r.id), scaled: rows.map((r) => r.scaled) };
    if (limit <= KEEP) {
      cache.set(id, top.ids, top.scaled, floor);
      top = cache.get(id, floor, limit)!;
    }
  }
  const scale = field.coocScale;
  const { ids, scaled } = top;
  return ids.map((x, i) => ({ id: x, count: scaled[i]! * scale - DECAY_OFFSET }));
}

/** The most frequent words: in a ±5 window they are also the most connected. Ties go to the older id. */
export function centres(field: FieldStore, n = 12): VocabEntry[] {
  return field.topWords(n);
}

function pick<T>(items: readonly T[], weights: readonly number[], rng: Rng): T {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** Semantic pull of each word towards the seed: co-occurrence normalised by both frequencies (PMI-like). */
function semanticField(db: Db, field: FieldStore, seedIds: readonly number[]): Map<number, number> {
  const sem = new Map<number, number>();
  for (const s of seedIds) {
    const fs = field.entry(s)?.count ?? 1;
    for (const n of neighbours(db, field, s, 256)) {
      const fo = field.entry(n.id)?.count ?? 1;
      sem.set(n.id, (sem.get(n.id) ?? 0) + n.count / Math.sqrt(fs * fo));
    }
  }
  return sem;
}

/**
 * generate(seed_text, temperature, semantic_weight): a reply from the field. Candidates come from the
 * trigram row (a thin row is topped up from the bigram row, an empty one falls back to the bigram row,
 * then to the centres); each is scored (1 − w)·n-gram + w·co-occurrence with the seed's words, tempered
 * as score^(1/T) and drawn from `rng`. Same field, seed and stream ⇒ same text.
 */
export function generate(
  db: Db,
  field: FieldStore,
  seedText: string | readonly Token[],
  temperature: number,
  semanticWeight: number,
  rng: Rng,
  opts: GenerateOptions = {},
): Generation {
  const maxTokens = opts.maxTokens ?? 24;
  const minTokens = opts.minTokens ?? 6;
  const T = Math.max(0.05, temperature);
  const w = Math.min(1, Math.max(0, semanticWeight));

  const seedTokens = typeof seedText === 'string' ? tokenize(seedText) : seedText;
  const seedSeq: number[] = [];
  const seedSet = new Set<number>();
  for (const t of seedTokens) {
    const e = field.lookup(t.key);
    if (!e) continue;
    seedSeq.push(e.id);
    if (!e.punct) seedSet.add(e.id);
  }
  // The rarest seed words carry the most meaning; very frequent ones would pull towards everything.
  const seedIds = [...seedSet]
    .map((id) => field.entry(id)!)
    .sort((x, y) => x.count - y.count || x.id - y.id)
    .slice(0, SEED_WORDS)
    .map((e) => e.id);
  const sem = w > 0 ? semanticField(db, field, seedIds) : new Map<number, number>();
  // The prompt's trigrams and pairs, as written and with its marks left out ("hello there, hello"
  // must not come back as "hello there hello").
  const echo = new Set<string>();
  const echoPairs = new Set<number>();
  const seedWords = seedSeq.filter((id) => !field.entry(id)!.punct);
  for (const seq of [seedSeq, seedWords]) {
    for (let i = 2; i < seq.length; i++) echo.add(`${seq[i - 2]},${seq[i - 1]},${seq[i]}`);
    for (let i = 1; i < seq.length; i++) echoPairs.add(pairKey(seq[i - 1]!, seq[i]!));
  }

  const centre = centres(field);
  const out: number[] = [];
  if (seedIds.length > 0) {
    out.push(
      pick(
        seedIds,
        seedIds.map((id) => 1 / log(2 + field.entry(id)!.count)),
        rng,
      ),
    );
  } else if (centre.length > 0) {
    out.push(
      pick(
        centre,
        centre.map((e) => e.count),
        rng,
      ).id,
    );
  } else {
    return { text: '', ids: [], entropies: [], trigramShare: 0 };
  }

  const made = new Set<string>();
  const pairs = new Set<number>();
  const entropies: number[] = [];
  const fromTrigram: boolean[] = [];
  while (out.length < maxTokens) {
    const last = out[out.length - 1]!;
    const prev = out.length > 1 ? out[out.length - 2]! : undefined;
    let cands: Candidate[] = prev !== undefined ? trigramRow(db, field, prev, last) : [];
    fromTrigram.push(cands.length > 0);
    if (cands.length < 2) {
      const have = new Set(cands.map((c) => c.id));
      const tri = cands.length;
      const total = cands.reduce((s, c) => s + c.count, 0) || 1;
      const bi = bigramRow(db, field, last);
      const biTotal = bi.reduce((s, c) => s + c.count, 0) || 1;
      // Rescale bigram counts to the trigram row's mass so the backoff weight means what it says.
      for (const c of bi)
        if (!have.has(c.id))
          cands.push({ id: c.id, count: ((tri ? BACKOFF * total : 1) * c.count) / biTotal });
    }
    // Dead ends (no row, or only marks that may not follow here) fall back to the last word's
    // co-occurrence neighbours, then to the centres, so a new word does not end the reply at once.
    const lastPunct = field.entry(last)?.punct ?? false;
    const windDown = out.length >= minTokens ? out.length - (maxTokens - WIND_DOWN) : 0;
    let scored = score(cands);
    for (const further of [
      () => neighbours(db, field, last, ROW_LIMIT),
      () => centre.map((e) => ({ id: e.id, count: e.count })),
    ]) {
      if (scored.fresh > 0) break;
      const more = further();
      const next = score(more);
      if (next.fresh > 0 || scored.total <= 0) {
        cands = more;
        scored = next;
      }
    }
    // Discouraged candidates are drawn only when nothing else is left anywhere.
    if (scored.fresh > 0) {
      scored.discouraged.forEach((d, i) => {
        if (d) scored.weights[i] = 0;
      });
      scored.total = scored.fresh;
    }
    const weights = scored.weights;
    const wTotal = scored.total;

    /** Tempered weights; `fresh` is the part of the total that no loop guard discouraged. */
    function score(list: Candidate[]): {
      weights: number[];
      discouraged: boolean[];
      total: number;
      fresh: number;
    } {
      let nTotal = 0;
      let sTotal = 0;
      for (const c of list) {
        nTotal += c.count;
        sTotal += sem.get(c.id) ?? 0;
      }
      const weights: number[] = [];
      const discouragedAt: boolean[] = [];
      let total = 0;
      let fresh = 0;
      for (const c of list) {
        const e = field.entry(c.id);
        let discouraged = false;
        let sc = (1 - w) * (c.count / nTotal) + (sTotal > 0 ? (w * (sem.get(c.id) ?? 0)) / sTotal : 0);
        if (!e || c.id === last) sc = 0;
        else if (e.punct && (lastPunct || out.length < 2)) sc = 0;
        else {
          if (SENTENCE_END.has(e.word)) {
            if (out.length < minTokens) sc *= 0.1;
            else if (windDown > 0) sc *= pow(ENDING_PULL, windDown);
          }
          const tri = prev !== undefined ? `${prev},${last},${c.id}` : '';
          if (tri && (made.has(tri) || echo.has(tri))) sc = 0;
          if (!lastPunct && !e.punct) {
            const pair = pairKey(last, c.id);
            if (pairs.has(pair)) {
              sc *= REPEAT_PAIR;
              discouraged = true;
            } else if (echoPairs.has(pair)) {
              sc *= ECHO_PAIR;
              discouraged = true;
            }
          }
        }
        const t = sc > 0 ? pow(sc, 1 / T) : 0;
        weights.push(t);
        discouragedAt.push(discouraged);
        total += t;
        if (!discouraged) fresh += t;
      }
      return { weights, discouraged: discouragedAt, total, fresh };
    }
    if (wTotal <= 0) {
      fromTrigram.pop();
      break;
    }
    let h = 0;
    let support = 0;
    for (const x of weights) {
      if (x <= 0) continue;
      support++;
      const p = x / wTotal;
      h -= p * log(p);
    }
    entropies.push(support > 1 ? h / log(support) : 0);
    const next = pick(cands, weights, rng).id;
    if (prev !== undefined) made.add(`${prev},${last},${next}`);
    pairs.add(pairKey(last, next));
    out.push(next);
    const e = field.entry(next)!;
    if (SENTENCE_END.has(e.word) && out.length >= minTokens) break;
  }

  // Cut off at the cap mid-clause: end at the last mark instead, if that still leaves a reply.
  if (!SENTENCE_END.has(field.entry(out[out.length - 1]!)!.word)) {
    let cut = out.length - 1;
    while (cut >= minTokens && !field.entry(out[cut]!)!.punct) cut--;
    if (cut >= minTokens) {
      out.length = cut + 1;
      entropies.length = cut;
      fromTrigram.length = cut;
    }
  }

  const text = joinTokens(out.map((id) => field.entry(id)!.display));
  const trigramSteps = fromTrigram.filter(Boolean).length;
  return {
    text,
    ids: out,
    entropies,
    trigramShare: entropies.length ? trigramSteps / entropies.length : 0,
  };
}
