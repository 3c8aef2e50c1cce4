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

/**
 * Groups of words that co-occur: each candidate word's strongest neighbours among the other candidates
 * (co-occurrence over the geometric mean of both frequencies) form a set; two words whose sets
 * (themselves included) have a Jaccard similarity ≥ 0.4 share a theme.
 *
 * Candidates are the most frequent words after the very top, which are function words in any text.
 * The work is O(CANDIDATES²) key probes and comparisons: independent of the field's size.
 */
export function computeThemes(db: Db, field: FieldStore): string[][] {
  let eligible = 0;
  for (const e of field.entries()) if (!e.punct && e.count >= 3) eligible++;
  const skip = Math.min(60, Math.floor(eligible / 4));
  const cands = topEntries(field, skip + CANDIDATES).slice(skip);
  // Neighbours are looked for among the candidates themselves: two words belong together when the
  // same other frequent content words surround them, not when they share rare one-off company.
  const strength = poolStrengths(db, field, cands);
  const sets = cands.map((e) => {
    let scored = [...(strength.get(e.id) ?? new Map<number, number>())]
      .map(([id, s]) => ({ id, s }))
      .sort((x, y) => y.s - x.s || x.id - y.id)
      .slice(0, NEIGHBOURS);
    // Weak company (a small fraction of the word's strongest tie) is chance, not a theme.
    const best = scored[0]?.s ?? 0;
    scored = scored.filter((n) => n.s >= STRONG * best);
    return new Set([e.id, ...scored.map((n) => n.id)]);
  });
  const parent = cands.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      let inter = 0;
      for (const x of a) if (b.has(x)) inter++;
      if (inter / (a.size + b.size - inter) >= JACCARD) parent[root(j)] = root(i);
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
 * Co-occurrence among the candidates, over the geometric mean of both frequencies. Every pair of
 * candidates is looked up by key (kept in memory between rebuilds, see poolPairs.ts), so the cost
 * does not grow with how many other neighbours a frequent word has.
 */
function poolStrengths(
  db: Db,
  field: FieldStore,
  cands: readonly VocabEntry[],
): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  if (cands.length < 2) return out;
  const ids = cands.map((e) => e.id).sort((x, y) => x - y);
  const pool = field.poolPairs;
  pool.read(db, ids);
  const scale = field.coocScale;
  const floor = field.coocFloor;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      const scaled = pool.value(a, b);
      if (scaled === undefined || scaled <= floor) continue;
      const count = scaled * scale - DECAY_OFFSET;
      const s = count / Math.sqrt((field.entry(a)?.count ?? 1) * (field.entry(b)?.count ?? 1));
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        let m = out.get(x);
        if (!m) out.set(x, (m = new Map()));
        m.set(y, s);
      }
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
