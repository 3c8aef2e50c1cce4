import { describe, expect, it } from 'vitest';
import { EngineError } from '../core/errors';
import { appliedMigrations, migrate, migrateInPieces } from './migrate';
import { knownMigrations, parseMigrations, type Migration } from './migrations';
import { openEmptyDb } from './testDb';

const three: Migration[] = [
  { name: '0001_a', sql: 'CREATE TABLE a (x INTEGER);' },
  { name: '0002_b', sql: 'CREATE TABLE b (y INTEGER);' },
  { name: '0003_c', sql: 'ALTER TABLE a ADD COLUMN z TEXT;' },
];

describe('migrations', () => {
  it('the bundled files are numbered without gaps and start with the foundation', () => {
    expect(knownMigrations.length).toBeGreaterThanOrEqual(1);
    expect(knownMigrations[0]!.name).toBe('0001_foundation');
  });

  it('apply every known migration to an empty database and record them', async () => {
    const db = await openEmptyDb();
    const added = migrate(db, knownMigrations, 5);
    expect(added).toEqual(knownMigrations.map((m) => m.name));
    expect(appliedMigrations(db)).toEqual(added);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'settings'")).toBeDefined();
  });

  it('in pieces: apply the missing ones alone, one after each pause, as migrate would', async () => {
    const db = await openEmptyDb();
    migrate(db, three.slice(0, 1), 1);
    const seen: string[][] = [];
    const added = await migrateInPieces(db, three, 2, async () => void seen.push(appliedMigrations(db)));
    expect(added).toEqual(['0002_b', '0003_c']);
    // Each pause came before the next migration: the ledger grew by one between them.
    expect(seen).toEqual([['0001_a'], ['0001_a', '0002_b']]);
    expect(appliedMigrations(db)).toEqual(three.map((m) => m.name));
    expect(await migrateInPieces(db, three, 3, async () => void seen.push([]))).toEqual([]);
    expect(seen).toHaveLength(2);
  });

  it('are idempotent: a second run applies nothing and changes nothing', async () => {
    const db = await openEmptyDb();
    migrate(db, three, 1);
    db.run('INSERT INTO a (x, z) VALUES (1, ?)', ['kept']);
    expect(migrate(db, three, 2)).toEqual([]);
    expect(db.all('SELECT x, z FROM a')).toEqual([{ x: 1, z: 'kept' }]);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM __migrations__')!.n).toBe(3);
  });

  it('apply only the missing tail to an older database', async () => {
    const db = await openEmptyDb();
    migrate(db, three.slice(0, 1), 1);
    expect(migrate(db, three, 2)).toEqual(['0002_b', '0003_c']);
  });

  it('refuse a database whose history is not a prefix of the known list, changing nothing', async () => {
    const db = await openEmptyDb();
    migrate(
      db,
      [three[0]!, three[2]!].map((m, i) => ({ ...m, name: i === 0 ? m.name : '0002_other' })),
      1,
    );
    const before = appliedMigrations(db);
    let caught: unknown;
    try {
      migrate(db, three, 2);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).code).toBe('SCHEMA_MISMATCH');
    expect((caught as EngineError).message).toMatch(/does not match/);
    expect(appliedMigrations(db)).toEqual(before);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'b'")).toBeUndefined();
  });

  it('refuse a database from a newer version', async () => {
    const db = await openEmptyDb();
    migrate(db, three, 1);
    expect(() => migrate(db, three.slice(0, 2), 2)).toThrow(/newer Dreamlane/);
  });

  it('roll back a failing migration together with its ledger row', async () => {
    const db = await openEmptyDb();
    const bad = [...three.slice(0, 1), { name: '0002_bad', sql: 'CREATE TABLE ok (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, bad, 1)).toThrow();
    expect(appliedMigrations(db)).toEqual(['0001_a']);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 'ok'")).toBeUndefined();
  });

  it('file names must be NNNN_snake_name and numbered without gaps', () => {
    expect(() => parseMigrations({ './migrations/0001_x.sql': '', './migrations/0003_y.sql': '' })).toThrow(
      /gaps/,
    );
    expect(() => parseMigrations({ './migrations/1_x.sql': '' })).toThrow(/NNNN/);
    expect(parseMigrations({ './m/0002_b.sql': 'b', './m/0001_a.sql': 'a' }).map((m) => m.name)).toEqual([
      '0001_a',
      '0002_b',
    ]);
  });
});
