import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { BlockSnapshotStore } from './blockSnapshotStore';
import { takeChanges } from './takeChanges';
import { SqlJsDb } from './db';
import { createRng } from '../core/rng';
import { blobPieces, blockOf } from './blocks';
import type { BlockChanges } from './snapshotStore';

/** Small blocks keep the tests quick; the logic does not depend on the size. */
const BLOCK_SIZE = 1024;
/** A segment is stored as pieces of at most 16 blocks (four to a whole segment). */
const PIECE = 16 * BLOCK_SIZE;
const opts = { blockSize: BLOCK_SIZE, pieceBytes: PIECE };
/** A segment is 64 blocks. */
const SEGMENT = 64 * BLOCK_SIZE;

let n = 0;
const freshName = () => `block-store-test-${++n}`;

/** A deterministic image of `blocks` blocks whose bytes depend on `salt`. */
function image(blocks: number, salt = 0, extra = 0): Uint8Array {
  const a = new Uint8Array(blocks * BLOCK_SIZE + extra);
  for (let i = 0; i < a.length; i++) a[i] = (i * 31 + salt * 7 + (i >> 11)) & 0xff;
  return a;
}

async function blockKeys(name: string): Promise<string[]> {
  const db = await openDB(name, 2);
  const keys = (await db.getAllKeys('blocks')) as string[];
  db.close();
  return keys.sort();
}

/**
 * Indexes of the blocks of `next` that differ from `prev`, a grown or shrunk tail included: the
 * oracle for what a block save must hold.
 */
function differingBlocks(prev: Uint8Array, next: Uint8Array, size = BLOCK_SIZE): number[] {
  const out: number[] = [];
  for (let b = 0; b * size < next.length; b++) {
    const x = prev.subarray(b * size, (b + 1) * size);
    const y = next.subarray(b * size, (b + 1) * size);
    if (x.length !== y.length || x.some((v, k) => v !== y[k])) out.push(b);
  }
  return out;
}

/** The block save that turns `prev` into `next`, without whole segments. */
function delta(prev: Uint8Array, next: Uint8Array, generation: number, savedAt: number): BlockChanges {
  const blocks = new Map(differingBlocks(prev, next).map((b) => [b, blockOf(next, b, BLOCK_SIZE)] as const));
  return { generation, savedAt, length: next.length, blockSize: BLOCK_SIZE, blocks, segments: new Map() };
}

/**
 * The save that turns `prev` into `next` the way the runtime takes it (`takeChanges`): the whole
 * file when the store asks for it, else the changed blocks and the segments the store wants whole.
 */
function saveOf(store: BlockSnapshotStore, prev: Uint8Array, next: Uint8Array, generation: number) {
  const changed = differingBlocks(prev, next);
  const asked = store.segmentsToSave(generation - 1, next.length, changed);
  if (asked === null) return { bytes: next, generation, savedAt: generation };
  const segments = new Map(
    asked.map(
      (k) => [k, blobPieces(next, k * SEGMENT, Math.min(next.length, (k + 1) * SEGMENT), PIECE)] as const,
    ),
  );
  const blocks = new Map(
    changed
      .filter((b) => !segments.has(Math.floor(b / 64)))
      .map((b) => [b, blockOf(next, b, BLOCK_SIZE)] as const),
  );
  return { generation, savedAt: generation, length: next.length, blockSize: BLOCK_SIZE, blocks, segments };
}

describe('differingBlocks (the test oracle)', () => {
  it('finds exactly the blocks whose bytes differ, the tail block included', () => {
    const a = image(10, 0, 100);
    const b = a.slice();
    b[3 * BLOCK_SIZE + 5]! ^= 1;
    b[7 * BLOCK_SIZE]! ^= 0x80;
    b[b.length - 1]! ^= 1;
    expect(differingBlocks(a, b)).toEqual([3, 7, 10]);
    expect(differingBlocks(a, a.slice())).toEqual([]);
    const grown = new Uint8Array(a.length + 10);
    grown.set(a);
    expect(differingBlocks(a, grown)).toEqual([10]);
  });
});

describe('BlockSnapshotStore', () => {
  it('round-trips an image and writes only the changed blocks on the next save', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const first = image(100, 1, 123);
    await store.save({ bytes: first, generation: 1, savedAt: 10 }, 0);
    // The first save writes the whole image, in segments.
    expect(store.lastSave).toMatchObject({ whole: true, segmentsWritten: 2, bytesWritten: first.length });

    const second = first.slice();
    second[5 * BLOCK_SIZE + 1]! ^= 1;
    second[80 * BLOCK_SIZE + 2]! ^= 1;
    await store.save(delta(first, second, 2, 20), 1);
    expect(store.lastSave).toMatchObject({
      blocksWritten: 2,
      segmentsWritten: 0,
      recordsDeleted: 0,
      whole: false,
    });
    expect(store.lastSave!.bytesWritten).toBe(2 * BLOCK_SIZE);
    // The same block changed again replaces its previous copy.
    const third = second.slice();
    third[5 * BLOCK_SIZE + 9]! ^= 1;
    await store.save(delta(second, third, 3, 30), 2);
    expect(store.lastSave).toMatchObject({ blocksWritten: 1, recordsDeleted: 1 });

    const loaded = await new BlockSnapshotStore(name, opts).load();
    expect(loaded).toMatchObject({ generation: 3, savedAt: 30 });
    expect(Buffer.from(loaded!.bytes).equals(third)).toBe(true);
    // Old records are collected: the segments and the two changed blocks, nothing else.
    expect(await blockKeys(name)).toEqual(['3:5', '2:80', 'seg:1:0', 'seg:1:1'].sort());
  });

  it('stores each segment as pieces of at most the piece size, and reads one stored as a single Blob', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    // 100 blocks and a bit: one whole segment, and one of 36 blocks and 123 bytes.
    const img = image(100, 3, 123);
    await store.save({ bytes: img, generation: 1, savedAt: 1 }, 0);
    const idb = await openDB(name, 2);
    const first = (await idb.get('blocks', 'seg:1:0')) as Blob[];
    const last = (await idb.get('blocks', 'seg:1:1')) as Blob[];
    expect(first.map((b) => b.size)).toEqual([PIECE, PIECE, PIECE, PIECE]);
    expect(last.map((b) => b.size)).toEqual([PIECE, PIECE, 4 * BLOCK_SIZE + 123]);
    expect(Buffer.from(await new Blob(last).arrayBuffer()).equals(img.subarray(SEGMENT))).toBe(true);
    // A segment saved as one Blob (as before pieces) reads the same.
    await idb.put('blocks', new Blob(first), 'seg:1:0');
    idb.close();
    const loaded = await new BlockSnapshotStore(name, opts).load();
    expect(Buffer.from(loaded!.bytes).equals(img)).toBe(true);
  });

  it('refuses a stored segment that is neither a Blob nor pieces of one', async () => {
    const name = freshName();
    await new BlockSnapshotStore(name, opts).save({ bytes: image(70, 1), generation: 1, savedAt: 1 }, 0);
    const idb = await openDB(name, 2);
    await idb.put('blocks', ['not a blob'], 'seg:1:1');
    idb.close();
    await expect(new BlockSnapshotStore(name, opts).load()).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: expect.stringContaining('segment 1'),
    });
  });

  it('saves a segment whole, and drops its blocks, once a quarter of its blocks are kept beside it', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    let img = image(100, 1);
    await store.save({ bytes: img, generation: 1, savedAt: 1 }, 0);
    const segmentsWritten: number[] = [];
    for (let g = 2; g <= 8; g++) {
      const prev = img;
      img = img.slice();
      // Three new blocks of the first segment, and one of the second, per save.
      for (let b = 0; b < 3; b++) img[(g * 3 + b) * BLOCK_SIZE]! ^= 0xff;
      img[(64 + g) * BLOCK_SIZE]! ^= 0xff;
      await store.save(saveOf(store, prev, img, g), g - 1);
      expect(store.lastSave!.whole).toBe(false);
      segmentsWritten.push(store.lastSave!.segmentsWritten);
    }
    // 3 blocks a save: the sixth save reaches 18 of 64 blocks and writes the first segment whole.
    expect(segmentsWritten).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(Buffer.from((await new BlockSnapshotStore(name, opts).load())!.bytes).equals(img)).toBe(true);
    const keys = await blockKeys(name);
    expect(keys.filter((k) => k.startsWith('seg:'))).toEqual(['seg:1:1', 'seg:7:0']);
    // Kept: the second segment's seven blocks, and the first segment's three written after it.
    expect(keys.filter((k) => !k.startsWith('seg:'))).toHaveLength(7 + 3);
  });

  it('reads back every save through random growth, shrinking and changes, never needing the whole file again', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const rng = createRng('segments', 1);
    let img = image(150, 3, 500);
    await store.save({ bytes: img, generation: 1, savedAt: 1 }, 0);
    let segmentsWritten = 0;
    for (let g = 2; g <= 60; g++) {
      const prev = img;
      // Grow or shrink now and then (by part of a block, or by many), and change some blocks.
      const resize = rng.int(4) === 0 ? rng.int(60 * BLOCK_SIZE) - 30 * BLOCK_SIZE + rng.int(BLOCK_SIZE) : 0;
      img = new Uint8Array(Math.max(BLOCK_SIZE, prev.length + resize));
      img.set(prev.subarray(0, img.length));
      for (let k = prev.length; k < img.length; k++) img[k] = (k * 13 + g) & 0xff;
      for (let c = rng.int(8); c > 0; c--) img[rng.int(img.length)]! ^= 1 + rng.int(255);
      const save = saveOf(store, prev, img, g);
      expect('blocks' in save).toBe(true);
      await store.save(save, g - 1);
      segmentsWritten += store.lastSave!.segmentsWritten;
      const loaded = (await new BlockSnapshotStore(name, opts).load())!;
      expect(Buffer.from(loaded.bytes).equals(img)).toBe(true);
    }
    expect(segmentsWritten).toBeGreaterThan(1);
  });

  it('reads a lab saved as one base image by the previous version, then saves it whole in segments', async () => {
    const name = freshName();
    const img = image(20, 4);
    const idb = await openDB(name, 2, {
      upgrade: (db) => {
        db.createObjectStore('snapshots');
        db.createObjectStore('blocks');
      },
    });
    const changed = image(1, 9);
    await idb.put('blocks', img, 'base:1');
    await idb.put('blocks', changed, '1:3');
    await idb.put(
      'snapshots',
      {
        format: 'base+blocks-v1',
        generation: 1,
        savedAt: 1,
        length: img.length,
        blockSize: BLOCK_SIZE,
        base: 'base:1',
        blocks: { 3: '1:3' },
      },
      'manifest',
    );
    idb.close();
    const store = new BlockSnapshotStore(name, opts);
    const expected = img.slice();
    expected.set(changed, 3 * BLOCK_SIZE);
    const loaded = (await store.load())!;
    expect(Buffer.from(loaded.bytes).equals(expected)).toBe(true);
    expect(store.segmentsToSave(1, img.length, [1])).toBeNull();
    await store.save({ bytes: loaded.bytes, generation: 2, savedAt: 2 }, 1);
    expect(store.segmentsToSave(2, img.length, [1])).toEqual([]);
    expect(await blockKeys(name)).toEqual(['seg:2:0']);
    expect(Buffer.from((await new BlockSnapshotStore(name, opts).load())!.bytes).equals(expected)).toBe(true);
  });

  it('builds on what a reloaded tab read, and handles images that shrink', async () => {
    const name = freshName();
    await new BlockSnapshotStore(name, opts).save({ bytes: image(20, 2), generation: 1, savedAt: 1 }, 0);
    const tab = new BlockSnapshotStore(name, opts);
    const loaded = (await tab.load())!;
    const smaller = loaded.bytes.slice(0, 12 * BLOCK_SIZE + 7);
    await tab.save(delta(loaded.bytes, smaller, 2, 2), 1);
    expect(tab.lastSave).toMatchObject({ blocksWritten: 1, whole: false });
    expect(Buffer.from((await new BlockSnapshotStore(name, opts).load())!.bytes).equals(smaller)).toBe(true);
    expect(await blockKeys(name)).toEqual(['2:12', 'seg:1:0']);
  });

  it('reads back an image that grew past its segments, and ignores a block no manifest lists', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const small = image(4, 5, 100);
    await store.save({ bytes: small, generation: 1, savedAt: 1 }, 0);
    const grown = new Uint8Array(70 * BLOCK_SIZE + 3);
    grown.set(small);
    grown.fill(9, small.length);
    await store.save(delta(small, grown, 2, 2), 1);
    expect(store.lastSave).toMatchObject({ blocksWritten: 67, whole: false });
    const idb = await openDB(name, 2);
    await idb.put('blocks', new Uint8Array(BLOCK_SIZE).fill(1), '1:0');
    idb.close();
    expect(Buffer.from((await new BlockSnapshotStore(name, opts).load())!.bytes).equals(grown)).toBe(true);
  });

  it('refuses a saved lab whose manifest lists a block that is not stored', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const img = image(4, 6);
    await store.save({ bytes: img, generation: 1, savedAt: 1 }, 0);
    const next = img.slice();
    next[2 * BLOCK_SIZE]! ^= 1;
    await store.save(delta(img, next, 2, 2), 1);
    const idb = await openDB(name, 2);
    await idb.delete('blocks', '2:2');
    idb.close();
    await expect(new BlockSnapshotStore(name, opts).load()).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: expect.stringContaining('block 2 is missing'),
    });
  });

  it('refuses to save over a newer generation (compare-and-set) and changes nothing', async () => {
    const name = freshName();
    const a = new BlockSnapshotStore(name, opts);
    const b = new BlockSnapshotStore(name, opts);
    await a.save({ bytes: image(3, 1), generation: 1, savedAt: 1 }, 0);
    await b.load();
    await b.save({ bytes: image(3, 2), generation: 2, savedAt: 2 }, 1);
    await expect(a.save({ bytes: image(3, 3), generation: 2, savedAt: 3 }, 1)).rejects.toMatchObject({
      code: 'NOT_WRITER',
    });
    expect(Buffer.from((await new BlockSnapshotStore(name, opts).load())!.bytes).equals(image(3, 2))).toBe(
      true,
    );
  });

  it('a save that dies before it commits leaves the previous generation whole', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const v1 = image(8, 1);
    await store.save({ bytes: v1, generation: 1, savedAt: 1 }, 0);
    for (let attempt = 0; attempt < 6; attempt++) {
      // Kill the save part-way: its transaction is aborted after `attempt` new blocks were put.
      const dying = new BlockSnapshotStore(name, { ...opts, interrupt: (put) => put === attempt % 5 });
      await dying.load();
      // Five changed blocks (written one by one), or, on the last try, the whole file.
      const next = attempt === 5 ? image(8, 100) : v1.slice();
      if (attempt < 5) for (let b = 0; b < 5; b++) next[b * BLOCK_SIZE + attempt]! ^= 0xff;
      const save = attempt === 5 ? { bytes: next, generation: 2, savedAt: 2 } : delta(v1, next, 2, 2);
      await expect(dying.save(save, 1)).rejects.toBeTruthy();
      const after = (await new BlockSnapshotStore(name, opts).load())!;
      expect(after.generation).toBe(1);
      expect(Buffer.from(after.bytes).equals(v1)).toBe(true);
      expect(await blockKeys(name)).toEqual(['seg:1:0']);
    }
  });

  it('a save of many records waits for them a few at a time in one transaction: whole when it commits, nothing when it dies late', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const v1 = image(60, 1);
    await store.save({ bytes: v1, generation: 1, savedAt: 1 }, 0);
    // 30 changed blocks, under a quarter of each segment: 30 puts, waited for in groups.
    const v2 = v1.slice();
    for (let b = 0; b < 60; b += 2) v2[b * BLOCK_SIZE + 7]! ^= 0x0f;
    // Killed after 25 puts, three groups in: nothing of it is stored.
    const dying = new BlockSnapshotStore(name, { ...opts, interrupt: (put) => put === 25 });
    await dying.load();
    await expect(dying.save(delta(v1, v2, 2, 2), 1)).rejects.toBeTruthy();
    const after = (await new BlockSnapshotStore(name, opts).load())!;
    expect(after.generation).toBe(1);
    expect(Buffer.from(after.bytes).equals(v1)).toBe(true);
    expect(await blockKeys(name)).toEqual(['seg:1:0']);
    // The same save, not killed: all 30 blocks and the manifest commit together.
    const tab = new BlockSnapshotStore(name, opts);
    await tab.load();
    await tab.save(delta(v1, v2, 2, 2), 1);
    expect(tab.lastSave).toMatchObject({ blocksWritten: 30, whole: false });
    const saved = (await new BlockSnapshotStore(name, opts).load())!;
    expect(saved.generation).toBe(2);
    expect(Buffer.from(saved.bytes).equals(v2)).toBe(true);
    expect((await blockKeys(name)).length).toBe(31);
  });

  it('reads a whole-file snapshot of the previous format and replaces it by blocks', async () => {
    const name = freshName();
    const old = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('snapshots') });
    const legacyBytes = image(5, 9, 33);
    await old.put('snapshots', { bytes: legacyBytes, generation: 7, savedAt: 70 }, 'main');
    old.close();

    const tab = new BlockSnapshotStore(name, opts);
    const loaded = (await tab.load())!;
    expect(loaded).toMatchObject({ generation: 7, savedAt: 70 });
    expect(Buffer.from(loaded.bytes).equals(legacyBytes)).toBe(true);
    await tab.save({ bytes: legacyBytes, generation: 8, savedAt: 80 }, 7);
    expect((await new BlockSnapshotStore(name, opts).load())!.generation).toBe(8);
    const db = await openDB(name, 2);
    expect(await db.get('snapshots', 'main')).toBeUndefined();
    db.close();
  });

  it('keeps a real SQLite file intact across many block saves of what SQLite wrote (integrity_check ok)', async () => {
    const SQL = await initSqlJs();
    const db = new SqlJsDb(new SQL.Database(), { trackFile: 'new' });
    const changes = db.fileChanges!;
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const name = freshName();
    const size = 16 * 1024;
    const store = new BlockSnapshotStore(name, { blockSize: size });
    /** One save the way the runtime takes it. */
    const save = async (generation: number) => {
      const capture = takeChanges(changes, store, generation - 1);
      const image = capture.image as Omit<BlockChanges, 'generation' | 'savedAt'>;
      await store.save({ ...image, generation, savedAt: generation }, generation - 1);
      capture.committed?.();
    };
    db.transaction(() => {
      for (let i = 0; i < 1500; i++) db.run('INSERT INTO t (body) VALUES (?)', [`row ${i} `.repeat(20)]);
    });
    await save(1);
    expect(store.lastSave!.whole).toBe(true);
    let saved = changes.bytes().slice();
    for (let turn = 0; turn < 8; turn++) {
      db.run('INSERT INTO t (body) VALUES (?)', [`turn ${turn}`]);
      if (turn % 3 === 2) db.run('DELETE FROM t WHERE id BETWEEN ? AND ?', [100 * turn, 100 * turn + 20]);
      const file = changes.bytes();
      // Every block that differs from the last save is among those the save writes.
      const written = changes.capture(size).changed;
      expect(written).toEqual(expect.arrayContaining(differingBlocks(saved, file, size)));
      await save(turn + 2);
      expect(store.lastSave).toMatchObject({ whole: false });
      expect(store.lastSave!.bytesWritten).toBeLessThan(file.length / 4);
      saved = changes.bytes().slice();
    }
    const loaded = (await new BlockSnapshotStore(name, { blockSize: size }).load())!;
    expect(Buffer.from(loaded.bytes).equals(changes.bytes())).toBe(true);
    const copy = new SQL.Database(loaded.bytes);
    expect(copy.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
    expect(copy.exec('SELECT count(*) FROM t')[0]!.values).toEqual(
      db.raw.exec('SELECT count(*) FROM t')[0]!.values,
    );
    copy.close();
    db.close();
  });
});

describe('BlockSnapshotStore.prefetch', () => {
  it('a load after a prefetch gives what was read ahead while the stored lab is unchanged', async () => {
    const name = freshName();
    const first = image(100, 1, 123);
    await new BlockSnapshotStore(name, opts).save({ bytes: first, generation: 1, savedAt: 10 }, 0);

    const store = new BlockSnapshotStore(name, opts);
    // Resolves once the records are listed, before the bytes have arrived.
    await store.prefetch();
    await new Promise((r) => setTimeout(r, 50));
    // The load uses the bytes read ahead, not a second read: with a segment gone from storage
    // meanwhile (the manifest unchanged), a second read would refuse the lab as incomplete.
    const idb = await openDB(name, 2);
    const segKey = (await blockKeys(name)).find((k) => k.startsWith('seg:'))!;
    await idb.delete('blocks', segKey);
    idb.close();
    await expect(new BlockSnapshotStore(name, opts).load()).rejects.toThrow(/incomplete/);
    const loaded = await store.load();
    expect(loaded).toMatchObject({ generation: 1, savedAt: 10 });
    expect(loaded!.bytes).toEqual(first);
    // The manifest read ahead is what the next save builds on: it writes blocks, not the file.
    const second = first.slice();
    second[5 * BLOCK_SIZE]! ^= 1;
    await store.save(saveOf(store, first, second, 2), 1);
    expect(store.lastSave).toMatchObject({ whole: false, blocksWritten: 1 });
  });

  it('reads again when another tab saved between the read ahead and the load', async () => {
    const name = freshName();
    const first = image(100, 1, 123);
    const other = new BlockSnapshotStore(name, opts);
    await other.save({ bytes: first, generation: 1, savedAt: 10 }, 0);

    const store = new BlockSnapshotStore(name, opts);
    store.prefetch();
    // Let the read ahead finish, then the other tab (still the writer) saves once more.
    await new Promise((r) => setTimeout(r, 50));
    const second = first.slice();
    second[70 * BLOCK_SIZE + 3]! ^= 1;
    await other.save(saveOf(other, first, second, 2), 1);

    const loaded = await store.load();
    expect(loaded).toMatchObject({ generation: 2, savedAt: 2 });
    expect(loaded!.bytes).toEqual(second);
    // And this store builds on generation 2: a save on top of it goes through, with blocks only.
    const third = second.slice();
    third[1]! ^= 1;
    await store.save(saveOf(store, second, third, 3), 2);
    expect(store.lastSave).toMatchObject({ whole: false, blocksWritten: 1 });
    expect((await new BlockSnapshotStore(name, opts).load())!.bytes).toEqual(third);
  });

  it('reads again after a failed read ahead, and forgets a dropped one', async () => {
    const name = freshName();
    const first = image(10, 3);
    const store = new BlockSnapshotStore(name, opts);
    // Nothing stored yet: the read ahead finds no manifest (and says it is done) and a later load
    // reads again.
    await expect(store.prefetch()).resolves.toBeUndefined();
    await store.save({ bytes: first, generation: 1, savedAt: 10 }, 0);
    expect((await store.load())!.bytes).toEqual(first);

    // A read ahead that is dropped is not used: the load reads the newest generation.
    const reader = new BlockSnapshotStore(name, opts);
    reader.prefetch();
    await new Promise((r) => setTimeout(r, 50));
    const second = first.slice();
    second[0]! ^= 1;
    await store.save({ bytes: second, generation: 2, savedAt: 20 }, 1);
    reader.dropPrefetch();
    expect(await reader.load()).toMatchObject({ generation: 2, savedAt: 20 });
  });
});
