import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { BlockSnapshotStore } from '../store/blockSnapshotStore';
import { BLOCK_SIZE } from '../store/blocks';
import { knownMigrations } from '../store/migrations';
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

  it('a lab saved before the count tables were keyed by integers opens migrated and no larger, saves and reloads whole', async () => {
    const profile = createProfile();
    const before = knownMigrations.findIndex((m) => m.name === '0006_friend_integer_keys');
    const older = profile.tab({ migrations: knownMigrations.slice(0, before) });
    await older.open();
    // A taught field's tables as an older Dreamlane wrote them: most of the file.
    await older.write((db) => {
      for (let i = 1; i <= 40_000; i++) {
        const a = 1 + (i % 900);
        const b = a + 1 + Math.floor(i / 900);
        db.run('INSERT INTO friend_cooc (a, b, scaled) VALUES (?, ?, ?)', [a, b, i / 7]);
        db.run('INSERT INTO friend_bigrams (a, b, count) VALUES (?, ?, ?)', [b, a, i]);
        db.run('INSERT INTO friend_trigrams (a, b, c, count) VALUES (?, ?, ?, ?)', [a, b, a, i]);
      }
    });
    await older.flush();
    const sizeBefore = older.db().sizeBytes();
    // The next version opens it: 0006 rebuilds the tables, and the file is written again without
    // the old tables' pages, so it stays within the size a lab is saved at.
    const store = new BlockSnapshotStore(profile.dbName);
    const next = profile.tab({ store, maxDbBytes: sizeBefore });
    await next.open();
    expect(await next.takeOver()).toEqual({ role: 'writer' });
    expect(next.db().sizeBytes()).toBeLessThanOrEqual(sizeBefore);
    await next.write((db) => db.run(insert, ['after the upgrade']));
    expect((await next.flush()).status).toBe('saved');
    const SQL = await initSqlJs();
    const snap = (await profile.store().load())!;
    const db = new SQL.Database(snap.bytes);
    const one = (sql: string) => db.exec(sql)[0]!.values[0]![0];
    expect(one('PRAGMA integrity_check')).toBe('ok');
    expect(one('SELECT count(*) FROM friend_cooc')).toBe(40_000);
    expect(one('SELECT sum(count) FROM friend_trigrams')).toBe((40_000 * 40_001) / 2);
    expect(one('SELECT scaled FROM friend_cooc WHERE k = 401 * 2097152 + 446')).toBe(40_000 / 7);
    expect(one('SELECT count(*) FROM friend_messages')).toBe(1);
    db.close();
  });
});
