import initSqlJs from 'sql.js';
import { createRng } from '../workers/core/rng';
import { migrate } from '../workers/store/migrate';
import { knownMigrations } from '../workers/store/migrations';
import { SqlJsDb } from '../workers/store/db';

/**
 * A migrated Dreamlane database padded to about `mb` megabytes with incompressible rows. They are
 * old chat messages, so the file has exactly the schema Dreamlane writes (an import refuses any
 * other) while the Data page the benches keep open stays light.
 */
export async function makeDatabase(mb: number): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SqlJsDb(new SQL.Database());
  migrate(db, knownMigrations, 0);
  const rng = createRng('storage-bench', mb);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const row = () => {
    let s = '';
    for (let i = 0; i < 4000; i++) s += alphabet[rng.int(alphabet.length)];
    return s;
  };
  const rows = Math.round((mb * 1024 * 1024) / 4100);
  db.transaction(() => {
    for (let i = 0; i < rows; i++)
      db.run("INSERT INTO friend_messages (role, text, created_at) VALUES ('user', ?, 0)", [row()]);
  });
  return db.export();
}
