import type { Db } from '../store/db';
import type { SortedRows } from './countTables';
import type { VocabEntry } from './vocabEntry';

/** Rows per multi-row statement: few statements, and each stays well under SQLite's variable limit. */
const BATCH = 100;

const statements = new Map<string, { full: string; one: string }>();

function sqlFor(table: 'friend_bigrams' | 'friend_trigrams' | 'friend_cooc'): { full: string; one: string } {
  let s = statements.get(table);
  if (s) return s;
  const cols = table === 'friend_trigrams' ? ['a', 'b', 'c'] : ['a', 'b'];
  const value = table === 'friend_cooc' ? 'scaled' : 'count';
  const tuple = `(${[...cols, value].map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${cols.join(', ')}, ${value}) VALUES `;
  // A new row stores delta·mul + add; an existing one gains delta·mul (the trailing parameter is `add`).
  // A co-occurrence row at or below the floor (the next parameter) is a pair that decayed to zero and
  // waits for the prune: it starts again as a new row would, so when the prune runs changes nothing.
  const tail =
    table === 'friend_cooc'
      ? ` ON CONFLICT(a, b) DO UPDATE SET scaled = CASE WHEN scaled <= ? THEN excluded.scaled ELSE scaled + excluded.scaled - ? END`
      : ` ON CONFLICT(${cols.join(', ')}) DO UPDATE SET ${value} = ${value} + excluded.${value} - ?`;
  s = { full: head + new Array(BATCH).fill(tuple).join(', ') + tail, one: head + tuple + tail };
  statements.set(table, s);
  return s;
}

/**
 * Upserts rows [from, to) of `rows` (sorted by key, so B-tree pages are touched in order) into one
 * count table with multi-row statements. A new row stores v·mul + add, an existing one gains v·mul;
 * a co-occurrence row at or below `floor` counts as absent.
 */
export function writeRows(
  db: Db,
  table: 'friend_bigrams' | 'friend_trigrams' | 'friend_cooc',
  rows: SortedRows,
  from: number,
  to: number,
  mul = 1,
  add = 0,
  floor = 0,
): void {
  const cooc = table === 'friend_cooc';
  const { full, one } = sqlFor(table);
  const { a, b, c, v } = rows;
  const params: number[] = [];
  let i = from;
  const push = (j: number) => {
    if (c) params.push(a[j]!, b[j]!, c[j]!, v[j]! * mul + add);
    else params.push(a[j]!, b[j]!, v[j]! * mul + add);
  };
  for (; i + BATCH <= to; i += BATCH) {
    params.length = 0;
    for (let j = i; j < i + BATCH; j++) push(j);
    if (cooc) params.push(floor);
    params.push(add);
    db.run(full, params);
  }
  for (; i < to; i++) {
    params.length = 0;
    push(i);
    if (cooc) params.push(floor);
    params.push(add);
    db.run(one, params);
  }
}

const VOCAB_HEAD = 'INSERT INTO friend_vocab (id, word, display, display_mid, count, is_punct) VALUES ';
const VOCAB_TUPLE = '(?, ?, ?, ?, ?, ?)';
const VOCAB_FULL = VOCAB_HEAD + new Array(BATCH).fill(VOCAB_TUPLE).join(', ');
const VOCAB_ONE = VOCAB_HEAD + VOCAB_TUPLE;
const ADD_TAIL =
  ' ON CONFLICT(id) DO UPDATE SET count = count + excluded.count, display = excluded.display, display_mid = excluded.display_mid';

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
  const push = (e: VocabEntry) => params.push(e.id, e.word, e.display, e.mid ? 1 : 0, by(e), e.punct ? 1 : 0);
  for (; i + BATCH <= entries.length; i += BATCH) {
    params.length = 0;
    for (let j = i; j < i + BATCH; j++) push(entries[j]!);
    db.run(VOCAB_FULL + tail, params);
  }
  for (; i < entries.length; i++) {
    params.length = 0;
    push(entries[i]!);
    db.run(VOCAB_ONE + tail, params);
  }
}
