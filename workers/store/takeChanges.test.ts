import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { BlockSnapshotStore } from './blockSnapshotStore';
import { CaptureStaging } from './captureStaging';
import { takeChanges } from './takeChanges';
import { BlobMakerError, blobsOf, type BlobMaker } from './blobMaker';
import { SqlJsDb } from './db';

import type { BlockChanges } from './snapshotStore';

let n = 0;
const freshName = () => `take-changes-test-${++n}`;
const BLOCK = 16 * 1024;

async function sqliteWithRows(rows: number) {
  const SQL = await initSqlJs();
  const db = new SqlJsDb(new SQL.Database(), { trackFile: 'new' });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) db.run('INSERT INTO t (body) VALUES (?)', [`row ${i} `.repeat(20)]);
  });
  return { SQL, db };
}

/**
 * One staged save on top of generation `generation - 1`: the capture is taken, `between` writes to
 * the lab before the capture's Blobs and blocks exist, and the saved generation reads back as the
 * bytes that were taken. Returns what was read back.
 */
async function saveAndReadBack(
  db: SqlJsDb,
  store: BlockSnapshotStore,
  name: string,
  generation: number,
  staged: Parameters<typeof takeChanges>[3],
  between: () => void = () => undefined,
) {
  const changes = db.fileChanges!;
  const capture = takeChanges(changes, store, generation - 1, staged);
  const taken = changes.bytes().slice();
  between();
  expect(capture.prepare).toBeTypeOf('function');
  await capture.prepare!();
  const image = capture.image as Omit<BlockChanges, 'generation' | 'savedAt'>;
  await store.save({ ...image, generation, savedAt: generation }, generation - 1);
  capture.committed?.();
  const loaded = (await new BlockSnapshotStore(name, { blockSize: BLOCK }).load())!;
  expect(Buffer.from(loaded.bytes).equals(Buffer.from(taken))).toBe(true);
  return loaded;
}

/** The bytes open as a database that passes `integrity_check`. */
function expectIntact(SQL: Awaited<ReturnType<typeof initSqlJs>>, bytes: Uint8Array) {
  const copy = new SQL.Database(bytes);
  expect(copy.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
  copy.close();
}

/**
 * The helper worker's part, in this thread: the lent memory crosses by a transfer (structuredClone
 * empties the caller's buffers, as postMessage does), the Blobs are made there, and the memory comes
 * back by a transfer. `fail` makes it fail with the memory given back, or lost with the helper.
 */
function transferringMaker(fail?: 'give-back' | 'lose'): BlobMaker & { calls: number } {
  return {
    calls: 0,
    async make(buffers, regions) {
      this.calls++;
      const there = structuredClone(buffers, { transfer: buffers });
      if (fail === 'lose') throw new BlobMakerError('the helper is gone', null);
      const back = () => structuredClone(there, { transfer: there });
      if (fail === 'give-back') throw new BlobMakerError('no Blobs today', back());
      const blobs = blobsOf(there, regions);
      return { blobs, buffers: back() };
    },
  };
}

describe('takeChanges with a staging buffer', () => {
  it('saves the bytes as they were when taken, though the file changes while the capture is prepared in pieces', async () => {
    const { SQL, db } = await sqliteWithRows(3000);
    const name = freshName();
    const store = new BlockSnapshotStore(name, { blockSize: BLOCK });
    const staging = new CaptureStaging();
    let pauses = 0;
    // Writes land between the pieces too, while part of the capture is still to be copied.
    const pause = async () => {
      if (++pauses % 3 === 0) db.run('UPDATE t SET body = ? WHERE id % 11 = ?', [`p${pauses}`, pauses % 11]);
    };
    const staged = { staging, fromBytes: 0, pieceBytes: 20_000, copyPieceBytes: 8192, pause };
    const save = (generation: number, between: () => void) =>
      saveAndReadBack(db, store, name, generation, staged, between);

    // The first save carries the whole file.
    let loaded = await save(1, () => db.run('DELETE FROM t WHERE id < 500'));
    expect(store.lastSave!.whole).toBe(true);
    expect(pauses).toBeGreaterThan(10);

    // Later saves carry blocks (and segments when asked); the staging buffer is used again.
    const capacity = staging.capacity;
    for (let g = 2; g < 6; g++) {
      db.run('INSERT INTO t (body) VALUES (?)', [`turn ${g}`.repeat(50)]);
      loaded = await save(g, () => db.run('UPDATE t SET body = ? WHERE id % 7 = ?', [`x${g}`, g]));
      expect(store.lastSave!.whole).toBe(false);
    }
    expect(staging.capacity).toBe(capacity);
    expectIntact(SQL, loaded.bytes);
    db.close();
  });

  it('copies the old way while the staging buffer is held, and below the size it stages from', async () => {
    const { db } = await sqliteWithRows(200);
    const changes = db.fileChanges!;
    const store = new BlockSnapshotStore(freshName(), { blockSize: BLOCK });
    const staging = new CaptureStaging();
    expect(staging.take([10])).not.toBeNull();
    const held = takeChanges(changes, store, 0, { staging, fromBytes: 0 });
    expect(held.prepare).toBeUndefined();
    expect((held.image as BlockChanges).segments.size).toBeGreaterThan(0);
    staging.release();
    const small = takeChanges(changes, store, 0, { staging, fromBytes: 1 << 30 });
    expect(small.prepare).toBeUndefined();
    const staged = takeChanges(changes, store, 0, { staging, fromBytes: 0 });
    expect(staged.prepare).toBeTypeOf('function');
    // Held until prepared: a second large capture meanwhile copies the old way.
    expect(staging.take([10])).toBeNull();
    await staged.prepare!();
    expect(staging.take([10])).not.toBeNull();
    db.close();
  });
});

describe('CaptureStaging', () => {
  it('packs regions into kept chunks, adding chunks as saves grow instead of allocating the whole again', () => {
    const staging = new CaptureStaging(1000);
    const first = staging.take([600, 300, 600])!;
    expect(first.map((v) => v.length)).toEqual([600, 300, 600]);
    // The first two share a chunk; the third did not fit beside them.
    expect(first[1]!.buffer).toBe(first[0]!.buffer);
    expect(first[2]!.buffer).not.toBe(first[0]!.buffer);
    expect(staging.capacity).toBe(2000);
    staging.release();
    const grown = staging.take([900, 900, 900])!;
    expect(staging.capacity).toBe(3000);
    expect(grown[0]!.buffer).toBe(first[0]!.buffer);
    expect(grown[1]!.buffer).toBe(first[2]!.buffer);
    // Regions never overlap.
    grown.forEach((v, i) => v.fill(i + 1));
    expect(grown.map((v) => new Set(v).size)).toEqual([1, 1, 1]);
    expect(grown.map((v) => v[0])).toEqual([1, 2, 3]);
    staging.release();
    // A region larger than a chunk gets one of its own size.
    const big = staging.take([2500])!;
    expect(big[0]!.length).toBe(2500);
    staging.release();
  });

  it('with a Blob maker, stores the same bytes, and the staging memory comes back for the next save', async () => {
    const { SQL, db } = await sqliteWithRows(3000);
    const name = freshName();
    const store = new BlockSnapshotStore(name, { blockSize: BLOCK });
    const staging = new CaptureStaging();
    const blobMaker = transferringMaker();
    const staged = { staging, fromBytes: 0, copyPieceBytes: 8192, blobMaker };
    const save = (generation: number) =>
      saveAndReadBack(db, store, name, generation, staged, () =>
        db.run('UPDATE t SET body = ? WHERE id % 5 = ?', [`after ${generation}`, generation % 5]),
      );
    await save(1);
    expect(store.lastSave!.whole).toBe(true);
    // The helper made the segment as the pieces it is stored as: 512 KiB, then what is left of the file.
    const idb = await openDB(name, 2);
    const first = (await idb.get('blocks', 'seg:1:0')) as Blob[];
    idb.close();
    const size = Math.min(store.segmentSize, db.fileChanges!.bytes().length);
    expect(size).toBeGreaterThan(store.pieceBytes);
    expect(first.map((b) => b.size)).toEqual([store.pieceBytes, size - store.pieceBytes]);
    const capacity = staging.capacity;
    expect(capacity).toBeGreaterThan(0);
    let loaded = await save(2);
    for (let g = 3; g < 6; g++) {
      db.run('INSERT INTO t (body) VALUES (?)', [`turn ${g}`.repeat(50)]);
      loaded = await save(g);
    }
    expect(blobMaker.calls).toBeGreaterThan(0);
    expect(staging.capacity).toBe(capacity);
    expectIntact(SQL, loaded.bytes);
    db.close();
  });

  it('a Blob maker that fails fails the save; the staging memory is kept or forgotten, and the next save works', async () => {
    const { db } = await sqliteWithRows(3000);
    const changes = db.fileChanges!;
    const name = freshName();
    const store = new BlockSnapshotStore(name, { blockSize: BLOCK });
    const staging = new CaptureStaging();
    const attempt = async (blobMaker: BlobMaker) => {
      const capture = takeChanges(changes, store, 0, { staging, fromBytes: 0, blobMaker });
      await capture.prepare!();
      return capture;
    };
    await expect(attempt(transferringMaker('give-back'))).rejects.toThrow('no Blobs today');
    const capacity = staging.capacity;
    expect(capacity).toBeGreaterThan(0);
    await expect(attempt(transferringMaker('lose'))).rejects.toThrow('the helper is gone');
    expect(staging.capacity).toBe(0);
    // Nothing was committed: the next save still carries the whole file.
    await saveAndReadBack(db, store, name, 1, { staging, fromBytes: 0, blobMaker: transferringMaker() });
    expect(store.lastSave!.whole).toBe(true);
    db.close();
  });
});
