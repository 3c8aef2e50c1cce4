/**
 * The count tables' keys (migration 0006): one integer per row. Ids stay below 2^21 (the
 * co-occurrence lists store them in three bytes), so
 *   friend_bigrams:  k = a·2^21 + b
 *   friend_cooc:     k = a·2^21 + b (a < b)
 *   friend_trigrams: k = (a·2^21 + b)·2^21 + c
 * A pair's key is below 2^42: an exact double in JavaScript, and the same number the field's
 * in-memory tables use for a pair. A triple's is not (up to 2^63): it is only ever computed and
 * taken apart inside SQLite, in 64-bit integers.
 *
 * Reads compute keys from ids in their SQL, so the bounds are 64-bit integers whatever their size.
 * Writes bind a pair's key as it is: sql.js binds a number above 2^31 as a double, which SQLite
 * turns back into the same integer for the key (exactly, as it is below 2^53).
 */
export const ID_LIMIT = 2_097_152; // 2^21
const ID_BITS = 21;
const ID_MASK = ID_LIMIT - 1;

/** The key of the pair (a, b): a·2^21 + b. */
export const pairKey = (a: number, b: number): number => a * ID_LIMIT + b;

/** In SQL: the first id of a pair's key. */
export const KEY_A = `(k >> ${ID_BITS})`;
/** In SQL: the last id of a key (a pair's second, a triple's third). */
export const KEY_B = `(k & ${ID_MASK})`;
/** In SQL: the pair key (a, b) of a triple's key, as the column `ab`. */
export const TRIPLE_AB = `(k >> ${ID_BITS}) AS ab`;

/** In SQL: the key of the pair (a, b), from SQL expressions of the ids (parameters). */
export const pairKeyOf = (a: string, b: string): string => `(${a} * ${ID_LIMIT} + ${b})`;

/** In SQL: the key of the triple (a, b, c), from SQL expressions of the ids. */
export const tripleKeyOf = (a: string, b: string, c: string): string =>
  `(${pairKeyOf(a, b)} * ${ID_LIMIT} + ${c})`;

/** In SQL: the keys of the pairs (id, x) for every x. */
export const pairsOf = (id: string): string =>
  `k BETWEEN ${pairKeyOf(id, '0')} AND ${pairKeyOf(id, `${ID_MASK}`)}`;

/** In SQL: the keys of the triples (a, b, x) for every x. */
export const triplesOf = (a: string, b: string): string =>
  `k BETWEEN ${tripleKeyOf(a, b, '0')} AND ${tripleKeyOf(a, b, `${ID_MASK}`)}`;

/**
 * In SQL: the key of a triple from its pair's key `ab` (bound as a double once above 2^31, hence the
 * cast, so the product is a 64-bit integer) and its third id `c`: how the writes make it.
 */
export const tripleKeyFromPair = (ab: string, c: string): string =>
  `(CAST(${ab} AS INTEGER) * ${ID_LIMIT} + ${c})`;
