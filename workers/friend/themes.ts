import type { Db } from '../store/db';
import type { FieldStore, VocabEntry } from './field';
import { neighbours } from './generate';
import type { FriendTheme } from './types';

/** Themes are rebuilt at most once per this many observations (and at the end of an ingest). */
export const THEME_EVERY = 25;
/** Only this many candidate words are clustered, so a rebuild is bounded however large the field grows. */
const CANDIDATES = 60;
const NEIGHBOURS = 10;
const JACCARD = 0.4;

/**
 * Groups of words that co-occur: each candidate word's strongest neighbours (co-occurrence over the
 * square root of the neighbour's frequency, so "the" does not neighbour everything) form a set; two
 * words whose sets (themselves included) have a Jaccard similarity ≥ 0.4 share a theme.
 *
 * Candidates are the most frequent words after the very top, which are function words in any text.
 * The work is O(CANDIDATES²) plus CANDIDATES index lookups: independent of the field's size.
 */
export function computeThemes(db: Db, field: FieldStore): string[][] {
  const ranked: VocabEntry[] = [];
  for (const e of field.entries()) if (!e.punct && e.count >= 3) ranked.push(e);
  ranked.sort((x, y) => y.count - x.count || x.id - y.id);
  const skip = Math.min(40, Math.floor(ranked.length / 12));
  const stop = new Set(ranked.slice(0, skip).map((e) => e.id));
  const cands = ranked.slice(skip, skip + CANDIDATES);
  const sets = cands.map((e) => {
    const scored = neighbours(db, e.id, 96)
      .filter((n) => !stop.has(n.id) && !field.entry(n.id)?.punct)
      .map((n) => ({ id: n.id, s: n.count / Math.sqrt(field.entry(n.id)?.count ?? 1) }))
      .sort((x, y) => y.s - x.s || x.id - y.id)
      .slice(0, NEIGHBOURS);
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
