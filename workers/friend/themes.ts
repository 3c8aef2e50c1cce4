import type { Db } from '../store/db';
import { DECAY_OFFSET, type FieldStore, type VocabEntry } from './field';
import type { FriendTheme } from '../contract/friend';

/** Themes are rebuilt at most once per this many observations (and at the end of an ingest). */
export const THEME_EVERY = 25;
/** Only this many candidate words are clustered, so a rebuild is bounded however large the field grows. */
const CANDIDATES = 150;
const NEIGHBOURS = 6;
const JACCARD = 0.4;
const STRONG = 0.2;

/** The words a rebuild clusters: the most frequent after the very top (function words in any text). */
function themeCandidates(field: FieldStore): VocabEntry[] {
  let eligible = 0;
  for (const e of field.entries()) if (!e.punct && e.count >= 3) eligible++;
  const skip = Math.min(60, Math.floor(eligible / 4));
  return topEntries(field, skip + CANDIDATES).slice(skip);
}

/**
 * Steps that bring the pairs among the current candidates into the pool `wordsPerStep` words at a
 * time. After a long text most candidates are new to the pool, and reading their 11,000 pairs inside
 * the rebuild held the worker 80–130 ms in Chromium; run as steps first, the rebuild finds them
 * there. The pool stays exact between the steps (writes update it), so any order of steps and
 * writes gives the same themes.
 */
export function themePoolSteps(field: FieldStore, wordsPerStep = 30): Array<(db: Db) => void> {
  const ids = themeCandidates(field)
    .map((e) => e.id)
    .sort((a, b) => a - b);
  const steps: Array<(db: Db) => void> = [];
  for (let k = wordsPerStep; k < ids.length + wordsPerStep; k += wordsPerStep) {
    const upTo = ids.slice(0, Math.min(k, ids.length));
    steps.push((db) => field.poolPairs.read(db, upTo));
  }
  return steps;
}

/**
 * Groups of words that co-occur: each candidate word's strongest neighbours among the other candidates
 * (co-occurrence over the geometric mean of both frequencies) form a set; two words whose sets
 * (themselves included) have a Jaccard similarity ≥ 0.4 share a theme.
 *
 * Candidates are the most frequent words after the very top, which are function words in any text.
 * The work is O(CANDIDATES²) key probes and comparisons: independent of the field's size.
 */
export function computeThemes(db: Db, field: FieldStore): string[][] {
  const cands = themeCandidates(field);
  // Neighbours are looked for among the candidates themselves: two words belong together when the
  // same other frequent content words surround them, not when they share rare one-off company.
  const n = cands.length;
  const strength = poolStrengths(db, field, cands);
  // Each candidate's set, as candidate indexes: itself, then its NEIGHBOURS strongest ties (strength
  // descending, then the older id), picked without sorting all 149.
  const sets = cands.map((e, i) => {
    const top: number[] = [];
    const before = (j: number, k: number) => {
      const d = strength.s[i * n + j]! - strength.s[i * n + k]!;
      return d > 0 || (d === 0 && cands[j]!.id < cands[k]!.id);
    };
    for (let j = 0; j < n; j++) {
      if (!strength.has[i * n + j]) continue;
      if (top.length === NEIGHBOURS && !before(j, top[NEIGHBOURS - 1]!)) continue;
      let at = top.length;
      while (at > 0 && before(j, top[at - 1]!)) at--;
      top.splice(at, 0, j);
      if (top.length > NEIGHBOURS) top.pop();
    }
    // Weak company (a small fraction of the word's strongest tie) is chance, not a theme.
    const best = top.length > 0 ? strength.s[i * n + top[0]!]! : 0;
    return [i, ...top.filter((j) => strength.s[i * n + j]! >= STRONG * best)];
  });
  const parent = cands.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = sets[i]!;
    for (const x of a) mark[x] = i;
    for (let j = i + 1; j < n; j++) {
      const b = sets[j]!;
      let inter = 0;
      for (const x of b) if (mark[x] === i) inter++;
      if (inter / (a.length + b.length - inter) >= JACCARD) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, VocabEntry[]>();
  cands.forEach((e, i) => {
    const r = root(i);
    const g = groups.get(r) ?? [];
    g.push(e);
    groups.set(r, g);
  });
  return [...groups.values()].filter((g) => g.length >= 2).map((g) => g.slice(0, 12).map((e) => e.word));
}

const byRank = (x: VocabEntry, y: VocabEntry) => y.count - x.count || x.id - y.id;

/**
 * The `k` most frequent words (count ≥ 3, ties to the older id), best first: kept in a sorted list
 * that most words fail to enter at the first comparison, instead of sorting tens of thousands.
 */
export function topEntries(field: FieldStore, k: number): VocabEntry[] {
  const top: VocabEntry[] = [];
  for (const e of field.entries()) {
    if (e.punct || e.count < 3) continue;
    if (top.length === k && byRank(e, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byRank(top[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, e);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * Co-occurrence among the candidates, over the geometric mean of both frequencies, by candidate
 * index (`s[i·n + j]`, where `has` says the pair has a row above the floor). Every pair of
 * candidates is looked up by pool slot (kept in memory between rebuilds, see poolPairs.ts), so the cost
 * does not grow with how many other neighbours a frequent word has.
 */
function poolStrengths(
  db: Db,
  field: FieldStore,
  cands: readonly VocabEntry[],
): { s: Float64Array; has: Uint8Array } {
  const n = cands.length;
  const out = { s: new Float64Array(n * n), has: new Uint8Array(n * n) };
  if (n < 2) return out;
  const order = cands.map((_, i) => i).sort((x, y) => cands[x]!.id - cands[y]!.id);
  const pool = field.poolPairs;
  pool.read(
    db,
    order.map((i) => cands[i]!.id),
  );
  const scale = field.coocScale;
  const floor = field.coocFloor;
  // In id order, so the first of each pair has the smaller id, as the pool keeps pairs.
  const slot = order.map((i) => pool.slotOf(cands[i]!.id));
  const freq = order.map((i) => field.entry(cands[i]!.id)?.count ?? 1);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      const scaled = pool.valueAt(slot[p]!, slot[q]!);
      // NaN (no row) fails this too.
      if (!(scaled > floor)) continue;
      const x = order[p]!;
      const y = order[q]!;
      const count = scaled * scale - DECAY_OFFSET;
      const s = count / Math.sqrt(freq[p]! * freq[q]!);
      out.s[x * n + y] = out.s[y * n + x] = s;
      out.has[x * n + y] = out.has[y * n + x] = 1;
    }
  }
  return out;
}

export function rebuildThemes(db: Db, field: FieldStore, now: number): void {
  const themes = computeThemes(db, field);
  db.run('DELETE FROM friend_themes');
  for (const words of themes) {
    db.run('INSERT INTO friend_themes (words, size, updated_at) VALUES (?, ?, ?)', [
      JSON.stringify(words),
      words.length,
      now,
    ]);
  }
}

export function readThemes(db: Db): FriendTheme[] {
  return db
    .all<{ id: number; words: string }>('SELECT id, words FROM friend_themes ORDER BY id')
    .map((r) => ({ id: r.id, words: JSON.parse(r.words) as string[] }));
}

/** Share of the text's words that belong to some theme. */
export function themeShare(themes: readonly FriendTheme[], keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  const words = new Set(themes.flatMap((t) => t.words));
  return keys.filter((k) => words.has(k)).length / keys.length;
}

export function resetThemes(db: Db): void {
  db.run('DELETE FROM friend_themes');
}
