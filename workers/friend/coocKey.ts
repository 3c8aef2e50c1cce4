/**
 * friend_cooc's key (migration 0006): one integer per pair, k = a·2^21 + b with a < b. Ids stay
 * below 2^21 (the co-occurrence lists store them in three bytes), so a key is below 2^42: an exact
 * double in JavaScript, and the same number the field's in-memory tables use for a pair.
 *
 * The SQL below computes keys from ids inside SQLite, in 64-bit integers: sql.js binds a number
 * above 2^31 as a double, which SQLite would have to turn back into an integer for the rowid.
 */
export const ID_LIMIT = 2_097_152; // 2^21

/** The key of the pair (a, b): a·2^21 + b. */
export const pairKey = (a: number, b: number): number => a * ID_LIMIT + b;

/** The first id of a key, in SQL. */
export const KEY_A = '(k >> 21)';
/** The second id of a key, in SQL. */
export const KEY_B = '(k & 2097151)';
