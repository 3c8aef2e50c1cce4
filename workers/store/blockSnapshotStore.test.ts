import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { BlockSnapshotStore } from './blockSnapshotStore';
import { changedBlocks } from './blocks';

/** Small blocks keep the tests quick; the logic does not depend on the size. */
const BLOCK_SIZE = 1024;
const opts = { blockSize: BLOCK_SIZE, minCompactBytes: 6 * BLOCK_SIZE };

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

describe('changedBlocks', () => {
  it('finds exactly the blocks whose bytes differ, the tail block included', async () => {
    const a = image(10, 0, 100);
    const b = a.slice();
    b[3 * BLOCK_SIZE + 5]! ^= 1;
    b[7 * BLOCK_SIZE]! ^= 0x80;
    b[b.length - 1]! ^= 1;
    expect(await changedBlocks(a, b, undefined, BLOCK_SIZE)).toEqual([3, 7, 10]);
    expect(await changedBlocks(a, a.slice(), undefined, BLOCK_SIZE)).toEqual([]);
  });

  it('sees a sign bit flip that a float comparison would miss (0 vs -0)', async () => {
    const a = new Uint8Array(BLOCK_SIZE);
    const b = a.slice();
    new Float64Array(b.buffer)[10] = -0;
    expect(await changedBlocks(a, b, undefined, BLOCK_SIZE)).toEqual([0]);
  });

  it('sees a change in every word and byte of a block, whole or partial', async () => {
    const a = image(2, 3, 7);
    for (let k = 0; k < a.length; k++) {
      const b = a.slice();
      b[k]! ^= 1 << (k % 8);
      expect(await changedBlocks(a, b, undefined, BLOCK_SIZE)).toEqual([Math.floor(k / BLOCK_SIZE)]);
    }
  });

  it('treats a grown or shrunk image as changed where the lengths differ', async () => {
    const a = image(4);
    expect(await changedBlocks(a, image(6), undefined, BLOCK_SIZE)).toContain(5);
    const grown = new Uint8Array(a.length + 10);
    grown.set(a);
    expect(await changedBlocks(a, grown, undefined, BLOCK_SIZE)).toEqual([4]);
  });
});

describe('BlockSnapshotStore', () => {
  it('round-trips an image and writes only the changed blocks on the next save', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const first = image(10, 1, 123);
    await store.save({ bytes: first, generation: 1, savedAt: 10 }, 0);
    // The first save writes the whole image as the base.
    expect(store.lastSave).toMatchObject({ compacted: true, bytesWritten: first.length });

    const second = first.slice();
    second[5 * BLOCK_SIZE + 1]! ^= 1;
    second[8 * BLOCK_SIZE + 2]! ^= 1;
    await store.save({ bytes: second, generation: 2, savedAt: 20 }, 1);
    expect(store.lastSave).toMatchObject({ blocksWritten: 2, recordsDeleted: 0, compacted: false });
    expect(store.lastSave!.bytesWritten).toBe(2 * BLOCK_SIZE);
    // The same block changed again replaces its previous copy.
    const third = second.slice();
    third[5 * BLOCK_SIZE + 9]! ^= 1;
    await store.save({ bytes: third, generation: 3, savedAt: 30 }, 2);
    expect(store.lastSave).toMatchObject({ blocksWritten: 1, recordsDeleted: 1 });

    const loaded = await new BlockSnapshotStore(name, opts).load();
    expect(loaded).toMatchObject({ generation: 3, savedAt: 30 });
    expect(loaded!.bytes).toEqual(third);
    // Old records are collected: the base and the two changed blocks, nothing else.
    expect(await blockKeys(name)).toEqual(['3:5', '2:8', 'base:1'].sort());
  });

  it('folds the changed blocks into a new base once they grow past the threshold', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    let img = image(20, 1);
    await store.save({ bytes: img, generation: 1, savedAt: 1 }, 0);
    const compactions: boolean[] = [];
    for (let g = 2; g <= 6; g++) {
      img = img.slice();
      for (let b = 0; b < 3; b++) img[((g * 3 + b) % 20) * BLOCK_SIZE]! ^= 0xff;
      await store.save({ bytes: img, generation: g, savedAt: g }, g - 1);
      compactions.push(store.lastSave!.compacted);
    }
    // 3 new blocks a save; past 6 blocks of overlay the next save writes a base and drops them all.
    expect(compactions).toEqual([false, false, true, false, false]);
    expect((await new BlockSnapshotStore(name, opts).load())!.bytes).toEqual(img);
    expect(await blockKeys(name)).toEqual(['5:15', '5:16', '5:17', '6:0', '6:18', '6:19', 'base:4'].sort());
  });

  it('diffs against what a reloaded tab read, and handles images that shrink', async () => {
    const name = freshName();
    await new BlockSnapshotStore(name, opts).save({ bytes: image(20, 2), generation: 1, savedAt: 1 }, 0);
    const tab = new BlockSnapshotStore(name, opts);
    const loaded = (await tab.load())!;
    const smaller = loaded.bytes.slice(0, 12 * BLOCK_SIZE + 7);
    await tab.save({ bytes: smaller, generation: 2, savedAt: 2 }, 1);
    expect(tab.lastSave).toMatchObject({ blocksWritten: 1, compacted: false });
    expect((await new BlockSnapshotStore(name, opts).load())!.bytes).toEqual(smaller);
    expect(await blockKeys(name)).toEqual(['2:12', 'base:1']);
  });

  it('reads back an image that grew past its base, and ignores a block no manifest lists', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const small = image(4, 5);
    await store.save({ bytes: small, generation: 1, savedAt: 1 }, 0);
    const grown = new Uint8Array(6 * BLOCK_SIZE + 3);
    grown.set(small);
    grown.fill(9, small.length);
    await store.save({ bytes: grown, generation: 2, savedAt: 2 }, 1);
    expect(store.lastSave).toMatchObject({ blocksWritten: 3, compacted: false });
    const idb = await openDB(name, 2);
    await idb.put('blocks', new Uint8Array(BLOCK_SIZE).fill(1), '1:0');
    idb.close();
    expect((await new BlockSnapshotStore(name, opts).load())!.bytes).toEqual(grown);
  });

  it('refuses a saved lab whose manifest lists a block that is not stored', async () => {
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    const img = image(4, 6);
    await store.save({ bytes: img, generation: 1, savedAt: 1 }, 0);
    const next = img.slice();
    next[2 * BLOCK_SIZE]! ^= 1;
    await store.save({ bytes: next, generation: 2, savedAt: 2 }, 1);
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
    expect((await new BlockSnapshotStore(name, opts).load())!.bytes).toEqual(image(3, 2));
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
      // Five changed blocks (written one by one), or, on the last try, a new base.
      const next = attempt === 5 ? image(8, 100) : v1.slice();
      if (attempt < 5) for (let b = 0; b < 5; b++) next[b * BLOCK_SIZE + attempt]! ^= 0xff;
      await expect(dying.save({ bytes: next, generation: 2, savedAt: 2 }, 1)).rejects.toBeTruthy();
      const after = (await new BlockSnapshotStore(name, opts).load())!;
      expect(after.generation).toBe(1);
      expect(after.bytes).toEqual(v1);
      expect(await blockKeys(name)).toEqual(['base:1']);
    }
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
    expect(loaded.bytes).toEqual(legacyBytes);
    await tab.save({ bytes: legacyBytes, generation: 8, savedAt: 80 }, 7);
    expect((await new BlockSnapshotStore(name, opts).load())!.generation).toBe(8);
    const db = await openDB(name, 2);
    expect(await db.get('snapshots', 'main')).toBeUndefined();
    db.close();
  });

  it('keeps a real SQLite image intact across many small saves (integrity_check ok)', async () => {
    const SQL = await initSqlJs();
    const sqlDb = new SQL.Database();
    sqlDb.run('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const name = freshName();
    const store = new BlockSnapshotStore(name, opts);
    let generation = 0;
    for (let i = 0; i < 1500; i++) sqlDb.run('INSERT INTO t (body) VALUES (?)', [`row ${i} `.repeat(20)]);
    await store.save({ bytes: sqlDb.export(), generation: ++generation, savedAt: 0 }, 0);
    for (let turn = 0; turn < 8; turn++) {
      sqlDb.run('INSERT INTO t (body) VALUES (?)', [`turn ${turn}`]);
      const bytes = sqlDb.export();
      await store.save({ bytes, generation: generation + 1, savedAt: turn }, generation);
      generation++;
      if (!store.lastSave!.compacted) expect(store.lastSave!.bytesWritten).toBeLessThan(bytes.length / 4);
    }
    const loaded = (await new BlockSnapshotStore(name, opts).load())!;
    const copy = new SQL.Database(loaded.bytes);
    expect(copy.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
    expect(copy.exec('SELECT count(*) FROM t')[0]!.values).toEqual([[1508]]);
    copy.close();
    sqlDb.close();
  });
});
