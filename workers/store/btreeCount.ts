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

/**
 * The number of rows of the B-tree whose root is page `rootPage` (as `sqlite_master.rootpage`
 * gives it), or null when the file does not read as expected.
 */
export function countBtreeRows(file: Uint8Array, rootPage: number): number | null {
  const pageSize = pageSizeOf(file);
  if (pageSize === null) return null;
  const pages = Math.floor(file.length / pageSize);
  if (!Number.isInteger(rootPage) || rootPage < 1 || rootPage > pages) return null;
  const seen = new Uint8Array(pages + 1);
  const stack = [rootPage];
  let rows = 0;
  let kind: 'table' | 'index' | null = null;
  while (stack.length > 0) {
    const page = stack.pop()!;
    if (page < 1 || page > pages || seen[page]) return null;
    seen[page] = 1;
    const start = (page - 1) * pageSize;
    // Page 1 starts with the 100-byte file header; its B-tree header follows.
    const header = start + (page === 1 ? 100 : 0);
    const type = file[header]!;
    const cells = (file[header + 3]! << 8) | file[header + 4]!;
    const isTable = type === TABLE_INTERIOR || type === TABLE_LEAF;
    const isIndex = type === INDEX_INTERIOR || type === INDEX_LEAF;
    if (!isTable && !isIndex) return null;
    // One B-tree is all table pages or all index pages.
    const pageKind = isTable ? 'table' : 'index';
    if (kind !== null && kind !== pageKind) return null;
    kind = pageKind;
    if (type === TABLE_LEAF || type === INDEX_LEAF) {
      rows += cells;
      continue;
    }
    // Interior: each cell starts with a child page number; the right-most child is in the header.
    // An index's interior cells are rows as well; a table's hold only keys.
    if (type === INDEX_INTERIOR) rows += cells;
    stack.push(readU32(file, header + 8));
    const pointers = header + 12;
    if (pointers + 2 * cells > start + pageSize) return null;
    for (let i = 0; i < cells; i++) {
      const cell = (file[pointers + 2 * i]! << 8) | file[pointers + 2 * i + 1]!;
      if (cell < 8 || cell + 4 > pageSize) return null;
      stack.push(readU32(file, start + cell));
    }
  }
  return rows;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}
