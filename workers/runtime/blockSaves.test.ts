import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { BlockSnapshotStore } from '../store/blockSnapshotStore';
import { BLOCK_SIZE } from '../store/blocks';
import { createProfile } from './testRuntime';

const note = (i: number) => [`note ${i} `.repeat(40)];
const insert = "INSERT INTO friend_messages (role, text, created_at) VALUES ('user', ?, 0)";

/** Rows and integrity of the lab as the store holds it. */
async function stored(store: BlockSnapshotStore) {
  const SQL = await initSqlJs();
  const snap = (await store.load())!;
  const db = new SQL.Database(snap.bytes);
  const rows = db.exec('SELECT count(*) FROM friend_messages')[0]!.values[0]![0];
  const check = db.exec('PRAGMA integrity_check')[0]!.values[0]![0];
  db.close();
  return { generation: snap.generation, rows, check };
}

describe('saves of what SQLite wrote', () => {
  it('write a new lab whole, then only the blocks a write touched; every save reads back whole', async () => {
    const profile = createProfile();
    const store = new BlockSnapshotStore(profile.dbName);
    const tab = profile.tab({ store });
    await tab.open();
    await tab.write((db) => {
      for (let i = 0; i < 3000; i++) db.run(insert, note(i));
    });
    await tab.flush();
    // Nothing of a new lab is stored yet, so its first save is whole.
    expect(store.lastSave).toMatchObject({ whole: true });
    const size = store.lastSave!.bytesWritten;
    expect(size).toBeGreaterThan(1024 * 1024);
    for (let turn = 0; turn < 5; turn++) {
      await tab.write((db) => db.run(insert, [`turn ${turn}`]));
      await tab.flush();
      expect(store.lastSave).toMatchObject({ whole: false });
      expect(store.lastSave!.bytesWritten).toBeLessThanOrEqual(4 * BLOCK_SIZE);
      expect(await stored(profile.store())).toMatchObject({ rows: 3001 + turn, check: 'ok' });
    }
  });

  it('a reloaded lab saves its next write as blocks on top of what it loaded', async () => {
    const profile = createProfile();
    const first = profile.tab();
    await first.open();
    await first.write((db) => {
      for (let i = 0; i < 2000; i++) db.run(insert, note(i));
    });
    await first.flush();
    // Hand the lab to a second tab, which loads it from the store.
    const store = new BlockSnapshotStore(profile.dbName);
    const second = profile.tab({ store });
    await second.open();
    expect(await second.takeOver()).toEqual({ role: 'writer' });
    await second.write((db) => db.run(insert, ['after the reload']));
    await second.flush();
    expect(store.lastSave).toMatchObject({ whole: false });
    expect(store.lastSave!.bytesWritten).toBeLessThanOrEqual(4 * BLOCK_SIZE);
    expect(await stored(profile.store())).toMatchObject({ rows: 2001, check: 'ok' });
  });
});
