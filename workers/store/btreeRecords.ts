import { BtreeWalk, type BtreePage, pageSizeOf, type WalkState } from './btreeCount';

/**
 * Counts the rows of a table (rowid or WITHOUT ROWID) whose numeric column `column` is above `threshold`,
 * reading the records straight from the database file's B-tree pages (SQLite's file format,
 * https://sqlite.org/fileformat2.html §1.6 and §2.1).
 *
 * Why: `SELECT count(*) … WHERE x > ?` has SQLite decode every row through sql.js's file system;
 * for the field's 1.5 million co-occurrence pairs at a million taught tokens that took about 90 ms
 * in Node and 130–140 ms in Chromium, one task of the engine's thread each time the Friend page's
 * inspector refreshed. Here each row costs a few byte reads.
 *
 * The pages are walked as `countBtreeRows` walks them (`walkBtree`). The bytes must be the whole
 * database, as between transactions (`Db.fileBytes`). Anything that does not read as expected (a
 * page out of range or reached twice, a record that spills to overflow pages, a column that is not a
 * number or NULL) makes the answer null, and the caller asks SQLite instead. In a rowid table an
 * INTEGER PRIMARY KEY column is NULL in the record (the key is the cell's rowid): count another one.
 */

const INDEX_INTERIOR = 0x02;
const INDEX_LEAF = 0x0a;
const TABLE_INTERIOR = 0x05;
const TABLE_LEAF = 0x0d;

export function countRowsAbove(
  file: Uint8Array,
  rootPage: number,
  column: number,
  threshold: number,
): number | null {
  const count = new RowsAboveCount(file, rootPage, column, threshold);
  return count.step() === 'done' ? count.rows : null;
}

/**
 * `countRowsAbove` taken a number of pages per `step`, so a count over a large table can leave the
 * thread between steps (the file must not change meanwhile). `rows` is the count once a step says
 * 'done'; 'bad' means the caller asks SQLite instead.
 */
export class RowsAboveCount {
  /** Rows above the threshold among the pages visited so far. */
  rows = 0;
  private readonly walk: BtreeWalk;
  private readonly visit: (page: BtreePage) => boolean;

  constructor(file: Uint8Array, rootPage: number, column: number, threshold: number) {
    this.walk = new BtreeWalk(file, rootPage);
    const pageSize = pageSizeOf(file) ?? 0;
    const usable = pageSize - (file[20] ?? 0);
    // Payloads up to this size are stored whole in the cell (§1.6): index B-trees, table leaves.
    const maxIndexLocal = Math.floor(((usable - 12) * 64) / 255) - 23;
    const maxTableLocal = usable - 35;
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    this.visit = (page) => {
      // A rowid table's interior cells hold only keys (the walk follows their child pages).
      if (page.type === TABLE_INTERIOR) return true;
      const table = page.type === TABLE_LEAF;
      // A WITHOUT ROWID table is an index B-tree, whose interior cells are rows too.
      if (!table && page.type !== INDEX_LEAF && page.type !== INDEX_INTERIOR) return false;
      const maxLocal = table ? maxTableLocal : maxIndexLocal;
      // An interior cell starts with its child's page number (the walk follows it).
      const skip = page.type === INDEX_INTERIOR ? 4 : 0;
      const { start, end, pointers, count } = page;
      let above = 0;
      for (let i = 0; i < count; i++) {
        // `cellAt`, written out: this loop runs once per row.
        const offset = (file[pointers + 2 * i]! << 8) | file[pointers + 2 * i + 1]!;
        if (offset < 8 || start + offset + 4 > end) return false;
        const at = start + offset + skip;
        let value: number | null | undefined;
        // The usual cell: a one-byte payload size, (in a table, the rowid,) then the record's header
        // size and serial types (a row of small numbers), read without the general varint.
        const p0 = file[at]!;
        let rec = at + 1;
        if (table) {
          while (file[rec]! >= 0x80 && rec < at + 9) rec++;
          rec++;
        }
        const h0 = file[rec]!;
        let t = 0x80;
        let body = 0;
        if (p0 < 0x80 && h0 < 0x80 && p0 <= maxLocal && rec + p0 <= end) {
          body = rec + h0;
          let k = rec + 1;
          t = file[k]!;
          for (let c = 0; c < column && t < 0x80; c++) {
            body += valueSize(t);
            t = file[++k]!;
          }
          if (k >= rec + h0) t = 0x80;
        }
        if (t < 0x80) value = readNumber(view, body, t);
        else value = slowValue(file, view, at, end, maxLocal, column, table);
        if (value === undefined) return false;
        if (value !== null && value > threshold) above++;
      }
      this.rows += above;
      return true;
    };
  }

  /** Counts over up to `maxPages` more pages (all that are left by default). */
  step(maxPages = Infinity): WalkState {
    return this.walk.step(this.visit, maxPages);
  }
}

/**
 * The value of `column` in the record of the cell at `at`, read with the general varints; undefined
 * when it does not read (a record that spills to overflow pages, a column that is not a number).
 */
function slowValue(
  file: Uint8Array,
  view: DataView,
  at: number,
  end: number,
  maxLocal: number,
  column: number,
  table: boolean,
): number | null | undefined {
  const varint = (): number => {
    let v = 0;
    for (let i = 0; i < 8; i++) {
      const byte = file[at++]!;
      v = v * 128 + (byte & 0x7f);
      if (byte < 0x80) return v;
    }
    return v * 256 + file[at++]!;
  };
  const payload = varint();
  // A table leaf's cell names its rowid between the payload's size and the payload.
  if (table) varint();
  if (payload > maxLocal || at + payload > end) return undefined;
  // The record: its header (its own size, then one serial type per column), then the values.
  const headerEnd = at + varint();
  let body = headerEnd;
  let type = -1;
  for (let c = 0; c <= column; c++) {
    if (at >= headerEnd) return undefined;
    type = varint();
    if (c < column) body += valueSize(type);
  }
  return readNumber(view, body, type);
}

/** Bytes a value of serial type `type` takes in a record's body. */
function valueSize(type: number): number {
  if (type <= 4) return type;
  if (type === 5) return 6;
  if (type === 6 || type === 7) return 8;
  if (type <= 11) return 0;
  return (type - (type % 2 === 0 ? 12 : 13)) / 2;
}

/** The number at `at` of serial type `type`: null for NULL, undefined for a value that is not a number. */
function readNumber(view: DataView, at: number, type: number): number | null | undefined {
  switch (type) {
    case 0:
      return null;
    case 1:
      return view.getInt8(at);
    case 2:
      return view.getInt16(at);
    case 3:
      return (view.getInt8(at) << 16) | view.getUint16(at + 1);
    case 4:
      return view.getInt32(at);
    case 5:
      return view.getInt16(at) * 4294967296 + view.getUint32(at + 2);
    case 6:
      return Number(view.getBigInt64(at));
    case 7:
      return view.getFloat64(at);
    case 8:
      return 0;
    case 9:
      return 1;
    default:
      return undefined;
  }
}
