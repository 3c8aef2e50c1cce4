import type { Db } from '../store/db';

/** The field's small persisted state (friend_meta), as text values. */
export function getMeta(db: Db, key: string): string | undefined {
  return db.get<{ value: string }>('SELECT value FROM friend_meta WHERE key = ?', [key])?.value;
}

export function getMetaNumber(db: Db, key: string, fallback: number): number {
  const v = getMeta(db, key);
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
}

export function setMeta(db: Db, key: string, value: string | number): void {
  db.run(
    'INSERT INTO friend_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    [key, String(value)],
  );
}

export function resetFieldMeta(db: Db): void {
  db.run('DELETE FROM friend_meta');
}
