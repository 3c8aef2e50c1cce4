import type { Db } from '../store/db';
import type { FieldStore } from './field';
import { neighbours } from './generate';
import { KEEP } from './neighbourCache';

/**
 * The most frequent words, whose neighbours are read ahead in idle time (`createFriendApi` with an
 * idle scheduler: once the field is read, and after each taught text). Finding a common word's
 * strongest neighbours ranks all of its pairs: 10–14 ms for the third most frequent word at 1M
 * tokens in Node, whose own rows number 25,000. The chat turns and dreams that follow a page load or a
 * taught text asked for them one by one: in 200 turns at 1M tokens, 371 first asks took 2.4 ms each,
 * half of that time for words among the 256 most frequent and four fifths among the 1,024. Dreams ask
 * for the most, so they were the slowest turns. The cache's answers are exact, so reading ahead
 * changes no reply.
 *
 * 512 of the cache's 1,024 places: reading them took 1.9 s of idle time at 1M tokens (256: 1.2 s), and
 * the third slowest of 200 turns after it 61 ms (256: 76 ms; none: 68–72 ms). With 1,000 the chat's own
 * asks pushed read-ahead words out of the cache and asked for them again.
 */
export const WARM_WORDS = 512;

/** The ids of the `count` most frequent words whose neighbours the cache does not hold, commonest first. */
export function wordsToWarm(field: FieldStore, count = WARM_WORDS): number[] {
  return field
    .topWords(count)
    .map((e) => e.id)
    .filter((id) => !field.neighbourCache.has(id));
}

/** Reads, and so keeps, word `id`'s neighbours, unless the cache holds them already. */
export function warmWord(db: Db, field: FieldStore, id: number): void {
  if (!field.neighbourCache.has(id)) neighbours(db, field, id, KEEP);
}
