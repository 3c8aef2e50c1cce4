import type { Db } from '../store/db';
import type { SortedRows } from './countTables';
import { pairKey, tripleKeyFromPair } from './fieldKeys';
import type { VocabEntry } from './vocabEntry';

/**
 * Rows per multi-row statement: 512 while that many are left, then the powers of two below it, so
 * any number of rows takes few statements (binding and stepping a statement costs more than its
 * rows at 100 a statement) from at most ten statement texts per table, and the largest (2,050
 * variables) stays well under SQLite's limit.
 */
const SIZES = [512, 256, 128, 64, 32, 16, 8, 4, 2, 1];

type CountTable = 'friend_bigrams' | 'friend_trigrams' | 'friend_cooc';

const statements = new Map<string, string>();

function sqlFor(table: CountTable, rows: number): string {
  const key = `${table} ${rows}`;
  let s = statements.get(key);
  if (s) return s;
  const value = table === 'friend_cooc' ? 'scaled' : 'count';
  // Every table is keyed by one integer (fieldKeys.ts): a pair's key is bound, a triple's is made
  // from its pair's key and its third id.
  const tuple = table === 'friend_trigrams' ? `(${tripleKeyFromPair('?', '?')}, ?)` : '(?, ?)';
  const head = `INSERT INTO ${table} (k, ${value}) VALUES `;
  // A new row stores delta·mul + add; an existing one gains delta·mul (the trailing parameter is `add`).
  // A co-occurrence row at or below the floor (the next parameter) is a pair that decayed to zero and
  // waits for the prune: it starts again as a new row would, so when the prune runs changes nothing.
  const tail =
    table === 'friend_cooc'
      ? ` ON CONFLICT(k) DO UPDATE SET scaled = CASE WHEN scaled <= ? THEN excluded.scaled ELSE scaled + excluded.scaled - ? END`
      : ` ON CONFLICT(k) DO UPDATE SET ${value} = ${value} + excluded.${value} - ?`;
  s = head + new Array(rows).fill(tuple).join(', ') + tail;
  statements.set(key, s);
  return s;
}

/**
 * Upserts rows [from, to) of `rows` (sorted by ids, which sorts their keys, so B-tree pages are
 * touched in order) into one count table with multi-row statements. A new row stores v·mul + add,
 * an existing one gains v·mul; a co-occurrence row at or below `floor` counts as absent.
 */
export function writeRows(
  db: Db,
  table: CountTable,
  rows: SortedRows,
  from: number,
  to: number,
  mul = 1,
  add = 0,
  floor = 0,
): void {
  const cooc = table === 'friend_cooc';
  const { a, b, c, v } = rows;
  const params: number[] = [];
  let i = from;
  for (const size of SIZES) {
    for (; i + size <= to; i += size) {
      params.length = 0;
      for (let j = i; j < i + size; j++) {
        if (c) params.push(pairKey(a[j]!, b[j]!), c[j]!, v[j]! * mul + add);
        else params.push(pairKey(a[j]!, b[j]!), v[j]! * mul + add);
      }
      if (cooc) params.push(floor);
      params.push(add);
      db.run(sqlFor(table, size), params);
    }
  }
}

const VOCAB_HEAD = 'INSERT INTO friend_vocab (id, word, display, display_mid, count, is_punct) VALUES ';
const VOCAB_TUPLE = '(?, ?, ?, ?, ?, ?)';
const ADD_TAIL =
  ' ON CONFLICT(id) DO UPDATE SET count = count + excluded.count, display = excluded.display, display_mid = excluded.display_mid';
const VOCAB_SIZES = SIZES.slice(1);
const vocabStatements = new Map<string, string>();

function vocabSql(rows: number, tail: string): string {
  const key = `${rows}${tail}`;
  let s = vocabStatements.get(key);
  if (!s) vocabStatements.set(key, (s = VOCAB_HEAD + new Array(rows).fill(VOCAB_TUPLE).join(', ') + tail));
  return s;
}

/**
 * Writes vocabulary rows in id order. `by(e)` is the count to store for a new row and to add to an
 * existing one (`increment`), or the count to store either way (not `increment`: new rows only).
 */
export function writeVocab(
  db: Db,
  entries: readonly VocabEntry[],
  by: (e: VocabEntry) => number,
  increment: boolean,
): void {
  const tail = increment ? ADD_TAIL : '';
  const params: Array<number | string> = [];
  let i = 0;
  for (const size of VOCAB_SIZES) {
    for (; i + size <= entries.length; i += size) {
      params.length = 0;
      for (let j = i; j < i + size; j++) {
        const e = entries[j]!;
        params.push(e.id, e.word, e.display, e.mid ? 1 : 0, by(e), e.punct ? 1 : 0);
      }
      db.run(vocabSql(size, tail), params);
    }
  }
}
