import type { Db } from '../store/db';
import type { DreamFragment, FragmentPoint } from '../contract/friend';

/** Every fragment's weight after every dream, for the drift chart: this module owns the table. */
const TABLE = 'friend_fragment_history';

/** Records the weight of each fragment as it stands after one dialog. */
export function recordFragmentWeights(
  db: Db,
  dialogId: number,
  fragments: readonly DreamFragment[],
  now: number,
): void {
  for (const f of fragments) {
    db.run(`INSERT INTO ${TABLE} (dialog_id, fragment_id, weight, at) VALUES (?, ?, ?, ?)`, [
      dialogId,
      f.id,
      f.weight,
      now,
    ]);
  }
}

/** The points of the last 100 dialogs, oldest first. */
export function readFragmentHistory(db: Db): FragmentPoint[] {
  return db
    .all<{ dialog_id: number; fragment_id: number; weight: number }>(
      `SELECT dialog_id, fragment_id, weight FROM ${TABLE}
       WHERE dialog_id IN (SELECT DISTINCT dialog_id FROM ${TABLE} ORDER BY dialog_id DESC LIMIT 100)
       ORDER BY dialog_id, fragment_id`,
    )
    .map((r) => ({ dialogId: r.dialog_id, fragmentId: r.fragment_id, weight: r.weight }));
}

export function resetFragmentHistory(db: Db): void {
  db.run(`DELETE FROM ${TABLE}`);
}
