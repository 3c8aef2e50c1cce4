import initSqlJs, { type Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { ErrorData } from '../contract';
import { createProfile } from '../runtime/testRuntime';
import { createEngineApi } from './engineApi';

const SQL = await initSqlJs();

/** A lab with data in it, its exported file, and the generation saved before any import. */
async function labWithData() {
  const profile = createProfile();
  const api = createEngineApi(profile.tab());
  await api.open();
  await api.addNote('precious');
  await api.setPlan('pro');
  const file = await api.exportDatabase();
  await api.addNote('written after the export');
  const saved = await api.flush();
  return { profile, api, file, saved };
}

/** The exported file changed by `sql`, as someone with the sqlite3 command line would. */
function tamper(file: Uint8Array, change: (db: Database) => void): Uint8Array {
  const db = new SQL.Database(file);
  change(db);
  const out = db.export();
  db.close();
  return out;
}

async function refused(p: Promise<unknown>): Promise<ErrorData> {
  try {
    await p;
  } catch (err) {
    return err as ErrorData;
  }
  throw new Error('the import was accepted');
}

const hostile: Array<[string, (db: Database) => void, RegExp]> = [
  [
    'a trigger that deletes chat, jobs and colonies on the next note',
    (db) =>
      db.exec(`CREATE TRIGGER wipe AFTER INSERT ON notes BEGIN
        DELETE FROM friend_messages; DELETE FROM lane_jobs; DELETE FROM colony_colonies; END`),
    /unknown trigger "wipe" on "notes"/,
  ],
  [
    'notes renamed and replaced by a view that swallows writes',
    (db) =>
      db.exec(`ALTER TABLE notes RENAME TO notes_kept;
        CREATE VIEW notes AS SELECT * FROM notes_kept;
        CREATE TRIGGER swallow INSTEAD OF INSERT ON notes BEGIN SELECT 1; END`),
    /"notes" is a view where Dreamlane has a table/,
  ],
  [
    'a trigger that blocks every write with RAISE(ABORT)',
    (db) => db.exec(`CREATE TRIGGER block BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'no'); END`),
    /unknown trigger "block"/,
  ],
  [
    'a trigger copying every chat message into notes',
    (db) =>
      db.exec(`CREATE TRIGGER copy AFTER INSERT ON friend_messages BEGIN
        INSERT INTO notes (body, created_at) VALUES (new.text, 0); END`),
    /unknown trigger "copy" on "friend_messages"/,
  ],
  [
    'dropped tables',
    (db) => db.exec('DROP TABLE colony_runs; DROP TABLE friend_vocab;'),
    /table "colony_runs" is missing.*table "friend_vocab" is missing/,
  ],
  [
    'a table recreated with other columns',
    (db) =>
      db.exec(`DROP TABLE notes; CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB, created_at TEXT)`),
    /table "notes" is defined differently/,
  ],
  [
    'an extra index',
    (db) => db.exec('CREATE INDEX notes_body ON notes (body)'),
    /unknown index "notes_body" on "notes"/,
  ],
  [
    'invalid JSON in a stored colony profile',
    (db) =>
      db.run("INSERT INTO colony_model_profiles (id, profile, updated_at) VALUES ('x', '{not json', 0)"),
    /not valid JSON in colony_model_profiles\.profile/,
  ],
  [
    'invalid JSON in a lane job seed',
    (db) =>
      db.run(`INSERT INTO lane_jobs (job_id, tenant, trace_id, state, seed_json, goal, created_ms)
        VALUES ('j', 't', 'tr', 'queued', '{"goal": ', 'g', 0)`),
    /not valid JSON in lane_jobs\.seed_json/,
  ],
  [
    'a stored setting that is not JSON',
    (db) => db.run("UPDATE settings SET value = 'pro' WHERE key = 'plan'"),
    /not valid JSON in settings\.value/,
  ],
];

describe('import refuses anything that is not a Dreamlane database as Dreamlane wrote it', () => {
  it('accepts the untouched export, and says so only once the lab reads back', async () => {
    const { api, file } = await labWithData();
    const stats = await api.importDatabase(file);
    expect(stats.tables.find((t) => t.name === 'notes')?.rows).toBe(1);
    expect((await api.listNotes()).map((n) => n.body)).toEqual(['precious']);
    expect(await api.getPlan()).toBe('pro');
  });

  for (const [what, change, message] of hostile) {
    it(`refuses ${what}, and changes nothing`, async () => {
      const { profile, api, file, saved } = await labWithData();
      const err = await refused(api.importDatabase(tamper(file, change)));
      expect(err.code).toBe('CORRUPT_IMPORT');
      expect(err.message).toMatch(message);
      expect((await api.listNotes()).map((n) => n.body)).toEqual(['written after the export', 'precious']);
      await api.addNote('still writable');
      expect((await api.flush()).generation).toBe(saved.generation + 1);
      expect((await profile.store().load())?.generation).toBe(saved.generation + 1);
    });
  }

  it('refuses a file holding only the schema history', async () => {
    const { api, file } = await labWithData();
    const onlyLedger = tamper(file, (db) => {
      const tables = db.exec(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('__migrations__') AND name NOT LIKE 'sqlite_%'",
      )[0]!.values;
      db.exec('PRAGMA foreign_keys = OFF');
      for (const [name] of tables) db.exec(`DROP TABLE "${String(name)}"`);
    });
    const err = await refused(api.importDatabase(onlyLedger));
    expect(err.code).toBe('CORRUPT_IMPORT');
    expect(err.message).toMatch(/is missing.*and \d+ more/);
    expect(err.details?.differences).toContain('table "notes" is missing');
    expect((await api.listNotes()).map((n) => n.body)).toContain('precious');
  });

  it('refuses a file above the size limit at once, with the limit in the message', async () => {
    const profile = createProfile();
    const api = createEngineApi(profile.tab({ maxDbBytes: 200_000 }));
    await api.open();
    await api.addNote('keep');
    const big = new Uint8Array(400_000);
    const err = await refused(api.importDatabase(big));
    expect(err.code).toBe('STORAGE_QUOTA');
    expect(err.message).toMatch(/0\.4 MB.*at most 0\.2 MB/);
    expect((await api.listNotes()).map((n) => n.body)).toEqual(['keep']);
  });

  it('stops saving a lab that grew past the limit with that reason, instead of retrying full exports', async () => {
    const profile = createProfile();
    const api = createEngineApi(profile.tab({ maxDbBytes: 300_000 }));
    await api.open();
    await api.addNote('x'.repeat(9000));
    expect((await api.flush()).status).toBe('saved');
    for (let i = 0; i < 40; i++) await api.addNote(`${i} ${'y'.repeat(9000)}`);
    await expect(api.flush()).rejects.toMatchObject({ code: 'STORAGE_QUOTA' });
    const state = (await api.dataStats()).save;
    expect(state.status).toBe('error');
    expect(state.error?.message).toMatch(/no longer saved/);
  });
});
