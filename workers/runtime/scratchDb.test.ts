import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { SqlJsDb } from '../store/db';
import { appliedMigrations, migrate } from '../store/migrate';
import { knownMigrations } from '../store/migrations';
import { createProfile } from './testRuntime';

const schemaOf = (db: SqlJsDb) =>
  db.all<{ type: string; name: string; sql: string | null }>(
    'SELECT type, name, sql FROM sqlite_master ORDER BY type, name',
  );

describe('the throwaway database the warm-ups write to', () => {
  it('gets the schema one migration per pause, the same schema a lab gets in one go', async () => {
    const rt = createProfile().tab();
    let pauses = 0;
    const db = (await rt.scratchDb(async () => {
      pauses++;
    })) as SqlJsDb;
    expect(pauses).toBe(knownMigrations.length);
    expect(appliedMigrations(db)).toEqual(knownMigrations.map((m) => m.name));

    const whole = new SqlJsDb(new (await initSqlJs()).Database());
    migrate(whole, knownMigrations, 0);
    expect(schemaOf(db)).toEqual(schemaOf(whole));
    expect(db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check).toBe('ok');
    db.close();
    whole.close();
  });

  it('is made at once when no pause is given, and leaves the lab alone', async () => {
    const profile = createProfile();
    const rt = profile.tab();
    await rt.open();
    const before = rt.read((db) => db.totalChanges());
    const db = await rt.scratchDb();
    db.run("INSERT INTO notes (body, created_at) VALUES ('scratch only', 0)");
    expect(appliedMigrations(db)).toHaveLength(knownMigrations.length);
    db.close();
    expect(rt.read((lab) => lab.all('SELECT * FROM notes'))).toEqual([]);
    expect(rt.read((lab) => lab.totalChanges())).toBe(before);
  });
});
