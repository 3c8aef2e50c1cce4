import type { VocabEntry } from './vocabEntry';

/** Larger count first; ties go to the older id. */
export const byRank = (x: VocabEntry, y: VocabEntry) => y.count - x.count || x.id - y.id;

/**
 * The field's most frequent words (marks left out), kept as counts grow instead of ranking the whole
 * vocabulary again: every reply asks for them (its fallback candidates), a dream asks three or four
 * times, and at 1M tokens ranking 50k words took about 0.6 ms each time. Counts only ever grow while
 * the vocabulary is loaded, so a word outside the top can only enter it by growing itself: the
 * words whose counts grew are offered here (`grew`), and `reset` drops the top when the vocabulary
 * is read again.
 */
export class TopWords {
  private top: VocabEntry[] | null = null;

  constructor(readonly size: number) {}

  reset(): void {
    this.top = null;
  }

  /** The top `n` words (at most `size` from the kept top; more are ranked afresh). */
  get(n: number, entries: () => Iterable<VocabEntry>): VocabEntry[] {
    if (n > this.size) return rank(entries(), n);
    this.top ??= rank(entries(), this.size);
    return this.top.slice(0, n);
  }

  /** `e`'s count grew (or it is new): it may enter the top or move up in it. */
  grew(e: VocabEntry): void {
    const top = this.top;
    if (!top || e.punct) return;
    if (!top.includes(e)) {
      if (top.length === this.size) {
        if (byRank(e, top[top.length - 1]!) >= 0) return;
        top.pop();
      }
      top.push(e);
    }
    top.sort(byRank);
  }
}

function rank(entries: Iterable<VocabEntry>, n: number): VocabEntry[] {
  const top: VocabEntry[] = [];
  for (const e of entries) {
    if (e.punct) continue;
    if (top.length < n) {
      top.push(e);
      top.sort(byRank);
    } else if (byRank(e, top[n - 1]!) < 0) {
      top[n - 1] = e;
      top.sort(byRank);
    }
  }
  return top;
}
