import type { Database, SqlJsStatic } from 'sql.js';
import { MAX_DB_BYTES } from './limits';

/**
 * Which parts of the database file were written since the last save, so that a save copies only
 * those blocks instead of exporting and comparing the whole file.
 *
 * sql.js keeps the database as a file in its in-memory file system, and every page SQLite writes goes
 * through that file system's `write`. sql.js does not expose either, so `patches/sql.js+*.patch` adds
 * one method, `Database#watchFile(onWrite)`: it calls `onWrite(position, length)` before each write to
 * this database's file and returns a function that reads the file's current bytes (a view, valid until
 * the next write). Between transactions those bytes are the whole database (the rollback journal lives
 * in memory, see `SqlJsDb`), so blocks copied from them form a consistent image.
 */
export interface WatchableDatabase extends Database {
  watchFile(onWrite: (position: number, length: number) => void): FileReader;
}

/** Reads the file's bytes; `reserve(n)` gives the file room for `n` bytes without moving it again. */
export interface FileReader {
  (): Uint8Array;
  reserve(capacity: number): void;
}

/**
 * Room the file gets the first time it grows past its buffer: the largest lab that is saved, and a
 * little more. sql.js's file system grows a file's buffer by an eighth at a time, copying all of it
 * each time: teaching a field from nothing to 50 MB made some thirty copies of up to 50 MB, each
 * holding the worker for tens to hundreds of milliseconds. One buffer of the limit's size instead
 * costs one copy; its untouched pages are never backed by memory.
 */
export const RESERVE_BYTES = MAX_DB_BYTES + 4 * 1024 * 1024;

/**
 * The room to ask for when a write ends at `end`: the reserve, doubled until it holds `end`. It depends
 * only on that step, so the writes that follow ask for the same room and `reserve` leaves the buffer
 * alone (asking for twice each write's end moved a file past half the reserve on every page it gained:
 * teaching a 1M-token field copied 35–55 MB thousands of times).
 */
export function roomFor(end: number): number {
  let room = RESERVE_BYTES;
  while (room < end) room *= 2;
  return room;
}

/**
 * Opens `bytes` as a database whose file is those very bytes: the caller gives them up. sql.js would
 * copy them into its file system first, which for a 60 MB lab on reload costs as much as reading it
 * from IndexedDB (allocating and touching a second 60 MB buffer). The same patch adds the second
 * constructor argument.
 */
export function adoptDatabase(SQL: SqlJsStatic, bytes: Uint8Array): Database {
  const Adopting = SQL.Database as unknown as new (data: Uint8Array, adopt: boolean) => Database;
  return new Adopting(bytes, true);
}

/** Writes are recorded per 4 KiB, SQLite's page size here; blocks are made of whole units. */
const UNIT_SHIFT = 12;

/** What a save takes from the file: the blocks written since the last committed save. */
export interface FileCapture {
  length: number;
  /** Indexes of the blocks (of the size asked for) that may differ from the last committed save. */
  changed: number[];
  /** False when nothing was committed yet from this file: the whole file must be saved. */
  hasBaseline: boolean;
  /** Marks this capture as saved: writes it covered are forgotten, later ones are kept. */
  commit(): void;
}

/** Regions of the file copied as they were at one moment, a unit at a time (`FileChanges.deferCopy`). */
export interface DeferredCopy {
  /** Copies about `bytes` more of what is left; true once everything is copied. */
  copySome(bytes: number): boolean;
  /** Stops copying (a save that failed): later writes no longer copy into the views. */
  cancel(): void;
}

interface Deferred {
  /** Per 4 KiB unit of the file, 1 + the region it is still to be copied into, or 0. */
  unitRegion: Int32Array;
  starts: number[];
  ends: number[];
  views: Uint8Array[];
  left: number;
  cursor: number;
  /** The file lost bytes still to be copied (never with SQLite's writes; the save then fails). */
  broken: boolean;
}

export class FileChanges {
  private deferred: Deferred | null = null;

  /** Per 4 KiB unit, the epoch of its last write since the last committed save (0: clean). */
  private writtenIn = new Uint32Array(0);
  /** Captures take the current epoch and start the next, so writes after a capture stay dirty. */
  private epoch = 1;
  private committedEpoch = 0;
  private savedLength: number;
  private baseline: boolean;
  private readonly read: FileReader;

  /**
   * @param hasBaseline True when the file's bytes are exactly the stored generation (the lab was just
   *   loaded from it); false for a new or imported lab, whose first save must write the whole file.
   */
  constructor(raw: Database, hasBaseline: boolean) {
    const watchable = raw as WatchableDatabase;
    if (typeof watchable.watchFile !== 'function') {
      throw new Error(
        'This sql.js build cannot report file writes (its patch was not applied: run npm install).',
      );
    }
    this.read = watchable.watchFile((position, length) => this.mark(position, length));
    this.baseline = hasBaseline;
    this.savedLength = hasBaseline ? this.read().length : 0;
  }

  /** Writes heard so far: a reader that spans several tasks compares it to see whether the file changed. */
  get writes(): number {
    return this.writeCount;
  }

  private writeCount = 0;

  private mark(position: number, length: number): void {
    if (length <= 0) return;
    this.writeCount++;
    if (this.deferred) this.copyBefore(this.deferred, position, length);
    // Called before the write: a write past the end finds the room already there (`reserve` does
    // nothing when the buffer is large enough; a file that shrank got a smaller one).
    const end = position + length;
    if (end > this.read().length) this.read.reserve(roomFor(end));
    const first = Math.floor(position / (1 << UNIT_SHIFT));
    const last = Math.floor((position + length - 1) / (1 << UNIT_SHIFT));
    if (last >= this.writtenIn.length) {
      const grown = new Uint32Array(Math.max(last + 1, this.writtenIn.length * 2, 256));
      grown.set(this.writtenIn);
      this.writtenIn = grown;
    }
    this.writtenIn.fill(this.epoch, first, last + 1);
  }

  /**
   * Gives the file now the room its next write past the end would ask for (`roomFor`). A loaded lab's
   * file is exactly the bytes read, so that write would otherwise allocate the room (68 MB) and copy
   * the file inside whatever request made it, a person's first job or chat turn after a reload, and
   * leave the collector a large buffer to account for there.
   */
  makeRoom(): void {
    this.read.reserve(roomFor(this.read().length + 1));
  }

  /**
   * Copies `regions` of the file (each starting on a 4 KiB boundary) into `views`, as they are now,
   * without copying them now: a unit is copied just before the first write that would change it
   * (this object hears of every write first), and `copySome` copies the rest in pieces. A save can
   * then take a large capture between two transactions in a moment and copy it between requests:
   * copying 50 MB at once held the worker 20–70 ms in Chromium on the bench machine. One at a time;
   * `close` (through `finishCopy`) copies whatever is left before the file goes away.
   */
  deferCopy(regions: ReadonlyArray<readonly [number, number]>, views: readonly Uint8Array[]): DeferredCopy {
    if (this.deferred) throw new Error('a deferred copy is already under way');
    const unit = 1 << UNIT_SHIFT;
    const unitRegion = new Int32Array(Math.ceil(this.read().length / unit));
    let left = 0;
    regions.forEach(([a, b], r) => {
      if (a % unit !== 0) throw new Error(`region start ${a} is not on a 4 KiB boundary`);
      for (let u = a >> UNIT_SHIFT; u < Math.ceil(b / unit); u++) {
        unitRegion[u] = r + 1;
        left++;
      }
    });
    const d: Deferred = {
      unitRegion,
      starts: regions.map(([a]) => a),
      ends: regions.map(([, b]) => b),
      views: [...views],
      left,
      cursor: 0,
      broken: false,
    };
    if (left > 0) this.deferred = d;
    return {
      copySome: (bytes) => {
        this.copyUnits(d, bytes);
        if (d.broken) throw new Error('the database file shrank while a save was copying it');
        return d.left === 0;
      },
      cancel: () => {
        if (this.deferred === d) this.deferred = null;
      },
    };
  }

  /** Copies what a deferred copy has left, now (before the file is closed). */
  finishCopy(): void {
    if (this.deferred) this.copyUnits(this.deferred, Infinity);
  }

  /** Copies about `bytes` more of what `d` has left, in file order. */
  private copyUnits(d: Deferred, bytes: number): void {
    let budget = bytes;
    while (d.left > 0 && budget > 0 && d.cursor < d.unitRegion.length) {
      if (d.unitRegion[d.cursor] !== 0) {
        this.copyUnit(d, d.cursor);
        budget -= 1 << UNIT_SHIFT;
      }
      d.cursor++;
    }
  }

  /** Before a write of [position, position + length): the units it covers that are still to be copied. */
  private copyBefore(d: Deferred, position: number, length: number): void {
    const first = position >> UNIT_SHIFT;
    const last = Math.min(d.unitRegion.length - 1, (position + length - 1) >> UNIT_SHIFT);
    for (let u = first; u <= last; u++) if (d.unitRegion[u] !== 0) this.copyUnit(d, u);
  }

  private copyUnit(d: Deferred, u: number): void {
    const r = d.unitRegion[u]! - 1;
    const start = u << UNIT_SHIFT;
    const end = Math.min(start + (1 << UNIT_SHIFT), d.ends[r]!);
    const file = this.read();
    // Never throws here: this runs inside SQLite's write. A file shorter than the capture (SQLite
    // truncates only on VACUUM, which the app never runs) fails the save at its next piece instead.
    if (end > file.length) d.broken = true;
    else d.views[r]!.set(file.subarray(start, end), start - d.starts[r]!);
    d.unitRegion[u] = 0;
    if (--d.left === 0 && this.deferred === d) this.deferred = null;
  }

  /** The file as it is now (a view; copy what must outlive the next write). */
  bytes(): Uint8Array {
    return this.read();
  }

  /** The blocks of `blockSize` bytes written since the last committed save. Only between transactions. */
  capture(blockSize: number): FileCapture {
    if (blockSize % (1 << UNIT_SHIFT) !== 0)
      throw new Error(`block size ${blockSize} is not a multiple of 4 KiB`);
    const length = this.read().length;
    const perBlock = blockSize >> UNIT_SHIFT;
    const blocks = Math.ceil(length / blockSize);
    const changed: number[] = [];
    for (let b = 0; b < blocks; b++) {
      const end = Math.min((b + 1) * perBlock, this.writtenIn.length);
      for (let u = b * perBlock; u < end; u++) {
        if (this.writtenIn[u]! > this.committedEpoch) {
          changed.push(b);
          break;
        }
      }
    }
    // A file that shrank (or grew without a write reaching its old end) has a last block whose
    // length differs from the saved one even where no byte was written.
    if (length !== this.savedLength) {
      for (const end of [length, this.savedLength]) {
        const b = Math.floor((end - 1) / blockSize);
        if (end > 0 && b < blocks && !changed.includes(b)) changed.push(b);
      }
      changed.sort((x, y) => x - y);
    }
    const epoch = this.epoch++;
    return {
      length,
      changed,
      hasBaseline: this.baseline,
      commit: () => {
        // Saves commit in the order they were taken; a later commit covers an earlier one.
        if (epoch <= this.committedEpoch) return;
        this.committedEpoch = epoch;
        this.savedLength = length;
        this.baseline = true;
      },
    };
  }
}
