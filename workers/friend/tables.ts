import type { Db } from '../store/db';
import { resetDreamTables } from './dream';
import { resetFieldCounts } from './field';
import { resetFieldMeta } from './fieldMeta';
import { resetFragmentHistory } from './fragmentHistory';
import { resetMessages } from './messages';
import { resetThemes } from './themes';

/**
 * Empties every table of the Friend page by asking each owner: the field's counts (`field.ts`), its
 * small state (`fieldMeta.ts`), themes, the chat (`messages.ts`), the drift history and the
 * imaginary friend's tables (`dream.ts`). Call inside a transaction; an `AnsweringField` over this
 * database must be invalidated afterwards.
 */
export function resetFriendTables(db: Db): void {
  resetFieldCounts(db);
  resetFieldMeta(db);
  resetThemes(db);
  resetMessages(db);
  resetFragmentHistory(db);
  resetDreamTables(db);
}
