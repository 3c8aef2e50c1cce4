import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlJsDb } from './db';
import { adoptDatabase, RESERVE_BYTES, roomFor, type WatchableDatabase } from './fileChanges';

const BLOCK = 16 * 1024;
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/** Blocks of `next` that differ from `prev` (length changes included): what a save must cover. */
function differing(prev: Uint8Array, next: Uint8Array): number[] {
  const out: number[] = [];
  for (let b = 0; b * BLOCK < next.length; b++) {
    const x = Buffer.from(prev.subarray(b * BLOCK, (b + 1) * BLOCK));
    if (!x.equals(next.subarray(b * BLOCK, (b + 1) * BLOCK))) out.push(b);
  }
  return out;
}

function filled(rows: number): SqlJsDb {
  const db = new SqlJsDb(new SQL.Database(), { trackFile: 'new' });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) db.run('INSERT INTO t (body) VALUES (?)', [`row ${i} `.repeat(30)]);
  });
  return db;
}

describe('FileChanges', () => {
  it('is available: the sql.js patch that reports file writes is applied', () => {
    const raw = new SQL.Database() as WatchableDatabase;
    expect(typeof raw.watchFile).toBe('function');
    raw.close();
  });

  it('reads the live file, byte for byte what export() gives apart from the header it rewrites', () => {
    const db = filled(300);
    const file = db.fileChanges!.bytes();
    const exported = db.export();
    expect(file.length).toBe(exported.length);
    // The backup behind export() bumps the change counters in the header; every page after the
    // header is the same.
    expect(Buffer.from(file.subarray(100)).equals(exported.subarray(100))).toBe(true);
    const copy = new SQL.Database(file.slice());
    expect(copy.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
    copy.close();
    db.close();
  });

  it('wants the whole file first, then reports every block a write touched and only those', () => {
    const db = filled(2000);
    const changes = db.fileChanges!;
    const first = changes.capture(BLOCK);
    expect(first.hasBaseline).toBe(false);
    first.commit();
    let saved = changes.bytes().slice();
    for (let turn = 0; turn < 20; turn++) {
      db.run('UPDATE t SET body = ? WHERE id = ?', [`changed ${turn}`, 1 + ((turn * 97) % 2000)]);
      if (turn % 5 === 4) db.run('INSERT INTO t (body) VALUES (?)', ['x'.repeat(5000)]);
      const capture = changes.capture(BLOCK);
      expect(capture.hasBaseline).toBe(true);
      const file = changes.bytes();
      const diff = differing(saved, file);
      expect(capture.changed).toEqual(expect.arrayContaining(diff));
      // A few pages per turn (the leaf, the header page, a new overflow chain), not the file.
      expect(capture.changed.length).toBeLessThan(diff.length + 3);
      expect(capture.changed.length).toBeLessThan(file.length / BLOCK / 4);
      capture.commit();
      saved = file.slice();
    }
    db.close();
  });

  it('keeps what an uncommitted (failed) save covered, and writes made after a capture', () => {
    const db = filled(2000);
    const changes = db.fileChanges!;
    changes.capture(BLOCK).commit();
    const saved = changes.bytes().slice();
    db.run('UPDATE t SET body = ? WHERE id = 1', ['first']);
    const failed = changes.capture(BLOCK); // never committed: the save failed
    db.run('UPDATE t SET body = ? WHERE id = 1900', ['second']);
    const next = changes.capture(BLOCK);
    const atNext = changes.bytes().slice();
    expect(next.changed).toEqual(expect.arrayContaining(failed.changed));
    expect(next.changed).toEqual(expect.arrayContaining(differing(saved, changes.bytes())));
    // A write after a capture is not covered by that capture's commit.
    db.run('UPDATE t SET body = ? WHERE id = 1000', ['third']);
    next.commit();
    const after = changes.capture(BLOCK);
    const third = differing(atNext, changes.bytes());
    expect(third.length).toBeGreaterThan(0);
    expect(after.changed).toEqual(expect.arrayContaining(third));
    db.close();
  });

  it('reports the last block of a file that shrank', () => {
    const db = filled(3000);
    const changes = db.fileChanges!;
    changes.capture(BLOCK).commit();
    const before = changes.bytes().length;
    db.run('DELETE FROM t WHERE id > 100');
    db.exec('VACUUM');
    const capture = changes.capture(BLOCK);
    expect(capture.length).toBeLessThan(before);
    expect(capture.changed).toContain(Math.floor((capture.length - 1) / BLOCK));
    expect(capture.changed.every((b) => b * BLOCK < capture.length)).toBe(true);
    db.close();
  });

  it('starts from the loaded bytes: nothing to save until something is written', () => {
    const source = filled(500);
    const bytes = source.fileChanges!.bytes().slice();
    source.close();
    const db = new SqlJsDb(new SQL.Database(bytes), { trackFile: 'loaded' });
    const idle = db.fileChanges!.capture(BLOCK);
    expect(idle).toMatchObject({ hasBaseline: true, changed: [], length: bytes.length });
    db.run('INSERT INTO t (body) VALUES (?)', ['one more']);
    expect(db.fileChanges!.capture(BLOCK).changed.length).toBeGreaterThan(0);
    db.close();
  });

  it('adopts loaded bytes as the file itself: no copy, and writes land in them', () => {
    const source = filled(500);
    const bytes = source.fileChanges!.bytes().slice();
    const copy = bytes.slice();
    source.close();
    const db = new SqlJsDb(adoptDatabase(SQL, bytes), { trackFile: 'loaded' });
    expect(db.fileChanges!.bytes().buffer).toBe(bytes.buffer);
    db.run('UPDATE t SET body = ? WHERE id = 7', ['changed in place']);
    expect(Buffer.from(bytes).equals(copy)).toBe(false);
    expect(db.get('SELECT body FROM t WHERE id = 7')).toEqual({ body: 'changed in place' });
    expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    db.close();
  });

  it('makes a loaded file its room ahead of time: the first write past the end then moves nothing', () => {
    const source = filled(500);
    const bytes = source.fileChanges!.bytes().slice();
    source.close();
    const db = new SqlJsDb(adoptDatabase(SQL, bytes), { trackFile: 'loaded' });
    const changes = db.fileChanges!;
    changes.makeRoom();
    const room = changes.bytes().buffer;
    expect(room).not.toBe(bytes.buffer);
    expect(room.byteLength).toBe(roomFor(bytes.length + 1));
    expect(Buffer.from(changes.bytes()).equals(bytes)).toBe(true);
    // Nothing was written by making room: nothing to save yet.
    expect(changes.capture(BLOCK).changed).toEqual([]);
    db.run('INSERT INTO t (body) VALUES (?)', ['z'.repeat(50_000)]);
    expect(changes.bytes().length).toBeGreaterThan(bytes.length);
    expect(changes.bytes().buffer).toBe(room);
    expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    db.close();
  });

  it('gives a growing file room up to the lab limit at once, so growth does not copy it again', () => {
    const db = filled(10);
    const changes = db.fileChanges!;
    const buffers = new Set<ArrayBufferLike>();
    for (let i = 0; i < 400; i++) {
      db.run('INSERT INTO t (body) VALUES (?)', ['x'.repeat(20_000)]);
      buffers.add(changes.bytes().buffer);
    }
    expect(changes.bytes().length).toBeGreaterThan(6 * 1024 * 1024);
    // One buffer for all that growth (sql.js alone would have moved the file a dozen times).
    expect(buffers.size).toBe(1);
    expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    db.close();
  });

  it('keeps that room as the file grows past half of it (the room asked for does not follow each write)', () => {
    const db = filled(10);
    const changes = db.fileChanges!;
    const buffers = new Set<ArrayBufferLike>();
    // Past half the reserve, then page by page: each page the file gains is a write past its end.
    db.transaction(() => {
      for (let i = 0; i < RESERVE_BYTES / 2 / 1_000_000; i++)
        db.run('INSERT INTO t (body) VALUES (zeroblob(1000000))');
    });
    buffers.add(changes.bytes().buffer);
    for (let i = 0; i < 40; i++) {
      db.run('INSERT INTO t (body) VALUES (?)', ['y'.repeat(3_000)]);
      buffers.add(changes.bytes().buffer);
    }
    expect(changes.bytes().length).toBeGreaterThan(RESERVE_BYTES / 2);
    expect(buffers.size).toBe(1);
    db.close();
  });

  it('asks for the reserve, then for twice as much each time the file outgrows it', () => {
    expect(roomFor(1)).toBe(RESERVE_BYTES);
    expect(roomFor(RESERVE_BYTES / 2 + 4096)).toBe(RESERVE_BYTES);
    expect(roomFor(RESERVE_BYTES)).toBe(RESERVE_BYTES);
    expect(roomFor(RESERVE_BYTES + 1)).toBe(2 * RESERVE_BYTES);
    expect(roomFor(2 * RESERVE_BYTES + 4096)).toBe(4 * RESERVE_BYTES);
  });
});

describe('a deferred copy of the file', () => {
  it('holds the bytes of the moment it was made, through writes, pieces and the file closing', () => {
    const db = filled(2000);
    const changes = db.fileChanges!;
    const then = changes.bytes().slice();
    const unit = 4096;
    // Two regions: the first half (in 4 KiB units) and the rest, as a save's segments would be.
    const half = Math.floor(then.length / 2 / unit) * unit;
    const regions: Array<[number, number]> = [
      [0, half],
      [half, then.length],
    ];
    const views = regions.map(([a, b]) => new Uint8Array(b - a));
    const copy = changes.deferCopy(regions, views);
    expect(() => changes.deferCopy(regions, views)).toThrow(/already under way/);
    db.run('UPDATE t SET body = ? WHERE id = 7', ['changed']);
    expect(copy.copySome(8 * unit)).toBe(false);
    db.run('DELETE FROM t WHERE id % 3 = 0');
    expect(Buffer.from(changes.bytes()).equals(Buffer.from(then))).toBe(false);
    db.close(); // copies what is left first
    const got = new Uint8Array(then.length);
    got.set(views[0]!, 0);
    got.set(views[1]!, half);
    expect(Buffer.from(got).equals(Buffer.from(then))).toBe(true);
  });

  it('stops copying once cancelled, and lets the next copy start', () => {
    const db = filled(500);
    const changes = db.fileChanges!;
    const length = changes.bytes().length;
    const view = new Uint8Array(length);
    const copy = changes.deferCopy([[0, length]], [view]);
    copy.cancel();
    db.run('UPDATE t SET body = ? WHERE id % 2 = 0', ['after the cancel']);
    expect(view.every((x) => x === 0)).toBe(true);
    const next = changes.deferCopy([[0, length]], [view]);
    expect(next.copySome(Infinity)).toBe(true);
    expect(Buffer.from(view).equals(Buffer.from(changes.bytes().subarray(0, length)))).toBe(true);
    db.close();
  });
});
