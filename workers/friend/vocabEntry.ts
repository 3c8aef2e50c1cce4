/** One word of the field's vocabulary, as mirrored in memory (shared by the field and its writer). */
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
