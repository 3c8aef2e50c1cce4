import type { Db } from '../store/db';
import type { ExpertName, FriendMessage, Pulse } from '../contract/friend';

/** The chat's table: this module alone reads and writes `friend_messages`. */
const TABLE = 'friend_messages';

interface MessageRow {
  id: number;
  role: 'user' | 'leo';
  text: string;
  created_at: number;
  expert: string | null;
  temperature: number | null;
  semantic_weight: number | null;
  novelty: number | null;
  arousal: number | null;
  entropy: number | null;
  trauma: number | null;
  quality: number | null;
  dialog_id: number | null;
}

/** What a turn knows about one of its messages before it is stored. */
export interface MessageFacts {
  pulse: Pulse;
  trauma: number;
  quality?: number;
  expert?: ExpertName;
  temperature?: number;
  semanticWeight?: number;
}

/** Stores one message and returns it as stored, so the turn need not read it back. */
export function insertMessage(
  db: Db,
  role: 'user' | 'leo',
  text: string,
  now: number,
  m: MessageFacts,
): FriendMessage {
  const row: Omit<MessageRow, 'id'> = {
    role,
    text,
    created_at: now,
    expert: m.expert ?? null,
    temperature: m.temperature ?? null,
    semantic_weight: m.semanticWeight ?? null,
    novelty: m.pulse.novelty,
    arousal: m.pulse.arousal,
    entropy: m.pulse.entropy,
    trauma: m.trauma,
    quality: m.quality ?? null,
    dialog_id: null,
  };
  db.run(
    `INSERT INTO ${TABLE} (role, text, created_at, expert, temperature, semantic_weight, novelty, arousal, entropy, trauma, quality)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.role,
      row.text,
      row.created_at,
      row.expert,
      row.temperature,
      row.semantic_weight,
      row.novelty,
      row.arousal,
      row.entropy,
      row.trauma,
      row.quality,
    ],
  );
  return toMessage({ ...row, id: db.lastInsertRowid() });
}

/** Links a reply to the dream dialog that followed it. */
export function attachDialog(db: Db, messageId: number, dialogId: number): void {
  db.run(`UPDATE ${TABLE} SET dialog_id = ? WHERE id = ?`, [dialogId, messageId]);
}

function toMessage(r: MessageRow): FriendMessage {
  return {
    id: r.id,
    role: r.role,
    text: r.text,
    createdAt: r.created_at,
    expert: (r.expert as ExpertName | null) ?? null,
    temperature: r.temperature,
    semanticWeight: r.semantic_weight,
    pulse:
      r.novelty === null ? null : { novelty: r.novelty, arousal: r.arousal ?? 0, entropy: r.entropy ?? 0 },
    trauma: r.trauma,
    quality: r.quality,
    dialogId: r.dialog_id,
  };
}

/** The last `limit` messages, oldest first. */
export function readHistory(db: Db, limit: number): FriendMessage[] {
  return db
    .all<MessageRow>(`SELECT * FROM (SELECT * FROM ${TABLE} ORDER BY id DESC LIMIT ?) ORDER BY id`, [limit])
    .map(toMessage);
}

/** The latest prompt and reply (either may be missing), for "dream now". */
export function lastExchange(db: Db): { prompt?: FriendMessage; reply?: FriendMessage } {
  const last = db.all<MessageRow>(`SELECT * FROM ${TABLE} ORDER BY id DESC LIMIT 2`).map(toMessage);
  return { prompt: last.find((m) => m.role === 'user'), reply: last.find((m) => m.role === 'leo') };
}

export function countMessages(db: Db): number {
  return db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${TABLE}`)!.n;
}

export function resetMessages(db: Db): void {
  db.run(`DELETE FROM ${TABLE}`);
}
