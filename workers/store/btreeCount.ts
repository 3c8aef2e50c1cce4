/**
 * Row counts read from the database file's B-tree pages, without SQLite.
 *
 * `SELECT count(*)` visits every leaf page of a table, and under sql.js each page visit is a read
 * through its JavaScript file system that copies the page into SQLite's cache: on a 60 MB lab, the
 * Data page's counts took some 150 ms after each reload. The count is also written in the file
 * itself, in the page headers (SQLite's file format, https://sqlite.org/fileformat2.html §1.6): a
 * table B-tree holds one row per cell of its leaf pages, and an index B-tree (which is what a
 * WITHOUT ROWID table is) one row per cell of every page. Walking the interior pages and adding up
 * the cell counts reads four bytes per leaf page, straight from the file's bytes.
 *
 * The bytes must be the whole database, as they are between transactions (see `FileChanges`). Any
 * page that does not look like what the walk expects (a page number out of range, an unknown page
 * type, a page reached twice) makes the count `null`, and the caller asks SQLite instead.
 */

const TABLE_INTERIOR = 0x05;
const TABLE_LEAF = 0x0d;
const INDEX_INTERIOR = 0x02;
const INDEX_LEAF = 0x0a;

/** The page size from the file header (bytes 16–17; the value 1 means 65,536), or null. */
export function pageSizeOf(file: Uint8Array): number | null {
  if (file.length < 100) return null;
  const raw = (file[16]! << 8) | file[17]!;
  const size = raw === 1 ? 65536 : raw;
  // A power of two from 512 to 65,536.
  if (size < 512 || size > 65536 || (size & (size - 1)) !== 0) return null;
  return size;
}

/** One page of a B-tree as `walkBtree` reaches it. */
export interface BtreePage {
  /** Offsets in the file of the page and of the first byte after it. */
  start: number;
  end: number;
  /** Offset of its B-tree header (after the file header on page 1). */
  header: number;
  /** The page type: 0x02 or 0x0a (index, interior or leaf), 0x05 or 0x0d (table). */
  type: number;
  /** How many cells it holds, and the offset of their pointers (read them with `cellAt`). */
  count: number;
  pointers: number;
}

/** Offset in the file of cell `i` of `page`, or -1 when its pointer leads outside the page. */
export function cellAt(file: Uint8Array, page: BtreePage, i: number): number {
  const cell = (file[page.pointers + 2 * i]! << 8) | file[page.pointers + 2 * i + 1]!;
  return cell < 8 || page.start + cell + 4 > page.end ? -1 : page.start + cell;
}

/** Where a `BtreeWalk` stands after a step: pages left, every page visited, or stopped. */
export type WalkState = 'more' | 'done' | 'bad';

/**
 * Visits the pages of the B-tree whose root is page `rootPage` (as `sqlite_master.rootpage` gives
 * it), going down to every child an interior page names, a number of pages per `step`: a walk of a
 * large table can then be spread over several tasks. 'bad' when the file does not read as expected
 * (a page number out of range, an unknown page type, a page reached twice, an interior cell outside
 * its page) or when the visitor answers false. A leaf's cells are read by the visitor that needs
 * them, so a count of rows reads four bytes per leaf.
 *
 * The bytes must stay the same from step to step: the caller checks that no write came between.
 */
export class BtreeWalk {
  private readonly pageSize: number;
  private readonly pages: number;
  private readonly seen: Uint8Array;
  private readonly stack: number[];
  private state: WalkState;

  constructor(
    private readonly file: Uint8Array,
    rootPage: number,
  ) {
    this.pageSize = pageSizeOf(file) ?? 0;
    this.pages = this.pageSize > 0 ? Math.floor(file.length / this.pageSize) : 0;
    const rootOk = Number.isInteger(rootPage) && rootPage >= 1 && rootPage <= this.pages;
    this.state = this.pageSize > 0 && rootOk ? 'more' : 'bad';
    this.seen = new Uint8Array(this.state === 'bad' ? 0 : this.pages + 1);
    this.stack = [rootPage];
  }

  /** Visits up to `maxPages` more pages (all that are left by default). */
  step(visit: (page: BtreePage) => boolean, maxPages = Infinity): WalkState {
    const { file, pageSize, pages, seen, stack } = this;
    for (let visited = 0; this.state === 'more' && visited < maxPages; visited++) {
      if (stack.length === 0) {
        this.state = 'done';
        break;
      }
      const n = stack.pop()!;
      if (n < 1 || n > pages || seen[n]) return (this.state = 'bad');
      seen[n] = 1;
      const start = (n - 1) * pageSize;
      // Page 1 starts with the 100-byte file header; its B-tree header follows.
      const header = start + (n === 1 ? 100 : 0);
      const type = file[header]!;
      const interior = type === TABLE_INTERIOR || type === INDEX_INTERIOR;
      if (!interior && type !== TABLE_LEAF && type !== INDEX_LEAF) return (this.state = 'bad');
      const count = (file[header + 3]! << 8) | file[header + 4]!;
      // Interior pages have a 12-byte header, ending with the right-most child; leaves an 8-byte one.
      const pointers = header + (interior ? 12 : 8);
      const page = { start, end: start + pageSize, header, type, count, pointers };
      if (pointers + 2 * count > page.end) return (this.state = 'bad');
      if (interior) {
        stack.push(readU32(file, header + 8));
        // An interior cell starts with the number of its child page.
        for (let i = 0; i < count; i++) {
          const cell = cellAt(file, page, i);
          if (cell < 0) return (this.state = 'bad');
          stack.push(readU32(file, cell));
        }
      }
      if (!visit(page)) return (this.state = 'bad');
    }
    if (this.state === 'more' && stack.length === 0) this.state = 'done';
    return this.state;
  }
}

/** `BtreeWalk` in one go: true once every page was visited, false as for 'bad'. */
export function walkBtree(file: Uint8Array, rootPage: number, visit: (page: BtreePage) => boolean): boolean {
  return new BtreeWalk(file, rootPage).step(visit) === 'done';
}

/**
 * The number of rows of the B-tree whose root is page `rootPage` (as `sqlite_master.rootpage`
 * gives it), or null when the file does not read as expected.
 */
export function countBtreeRows(file: Uint8Array, rootPage: number): number | null {
  let rows = 0;
  let kind: 'table' | 'index' | null = null;
  const whole = walkBtree(file, rootPage, ({ type, count }) => {
    // One B-tree is all table pages or all index pages.
    const pageKind = type === TABLE_INTERIOR || type === TABLE_LEAF ? 'table' : 'index';
    if (kind !== null && kind !== pageKind) return false;
    kind = pageKind;
    // Every leaf cell is a row; an index's interior cells are rows as well, a table's hold only keys.
    if (type !== TABLE_INTERIOR) rows += count;
    return true;
  });
  return whole ? rows : null;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}
