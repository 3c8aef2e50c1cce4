import { badInput } from '../core/errors';
import type { EngineContext } from '../runtime/context';
import { requireNumber, requireString } from '../runtime/validate';
import type { Db } from '../store/db';
import { getDreamMeta, setDreamMeta, splitFragments, type DreamOutcome } from './dream';
import { getMeta, getMetaNumber } from './fieldMeta';
import { Friend, readHistory } from './friend';
import { ingestText } from './ingest';
import { DEFAULT_ORIGIN } from './origin';
import { readThemes } from './themes';
import { FRIEND_TEXT_LIMITS, hasWordOrMark, requireFriendText } from './textLimits';
import { tokenize } from './tokenizer';
import type { DreamDialog, FriendApi, FriendStats } from '../contract/friend';

/** What "dream now" tells the user; the chat and the field are untouched whenever no dialog ran. */
function dreamNowMessage(outcome: DreamOutcome): string {
  if (outcome.ran) return 'The friend and leo talked.';
  switch (outcome.reason) {
    case 'missing':
      return 'No dream: the dream layer is not available here. The chat goes on without it.';
    case 'no fragments':
      return 'No dream: the friend has no fragments to dream from. Save an origin text to give it some.';
    case 'failed':
      return `No dream: it failed and left nothing behind (${outcome.error ?? 'unknown error'}).`;
    default:
      return `No dream this time (${outcome.reason}).`;
  }
}

export function createFriendApi(ctx: EngineContext): FriendApi {
  const friend = new Friend();
  friend.clock = () => ctx.clock.now();
  ctx.onReset(() => friend.field.markReplaced());

  /** A write that re-reads the vocabulary mirror if it rolled back. */
  const write = <T>(fn: (db: Db) => T): Promise<T> =>
    ctx.write((db) => {
      try {
        return fn(db);
      } catch (err) {
        friend.invalidate();
        throw err;
      }
    });

  const ensureReady = async (): Promise<void> => {
    if (ctx.read((db) => getMeta(db, 'bootstrapped')) !== '1')
      await write((db) => friend.ready(db, ctx.clock.now()));
  };

  const stats = (db: Db): FriendStats => {
    friend.field.load(db);
    const count = (t: string, where = '', params: number[] = []) =>
      db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t} ${where}`, params)!.n;
    const origin = getMeta(db, 'origin');
    return {
      tokens: getMetaNumber(db, 'tokens', 0),
      observations: getMetaNumber(db, 'observations', 0),
      vocabulary: count('friend_vocab'),
      bigrams: count('friend_bigrams'),
      trigrams: count('friend_trigrams'),
      // Pairs that decayed to zero but wait for the next prune are not counted.
      cooccurrences: count('friend_cooc', 'WHERE scaled > ?', [friend.field.coocFloor]),
      themes: readThemes(db),
      messages: count('friend_messages'),
      dreams: count('dream_dialogs'),
      dreamsEnabled: getDreamMeta(db, 'enabled') !== '0',
      origin: origin ?? DEFAULT_ORIGIN,
      originIsDefault: origin === undefined,
    };
  };

  const dialogs = (db: Db, limit: number, id?: number): DreamDialog[] => {
    const rows = db.all<{
      id: number;
      started_at: number;
      finished_at: number;
      episodes_count: number;
      avg_trauma: number;
      avg_arousal: number;
      note: string | null;
    }>(
      id === undefined
        ? 'SELECT * FROM dream_dialogs ORDER BY id DESC LIMIT ?'
        : 'SELECT * FROM dream_dialogs WHERE id = ? LIMIT ?',
      id === undefined ? [limit] : [id, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      episodesCount: r.episodes_count,
      avgTrauma: r.avg_trauma,
      avgArousal: r.avg_arousal,
      note: r.note ?? '',
      turns: db
        .all<{
          id: number;
          speaker: 'leo' | 'friend';
          text: string;
          trauma_level: number;
          pulse_novelty: number;
          pulse_arousal: number;
          pulse_entropy: number;
        }>('SELECT * FROM dream_turns WHERE dialog_id = ? ORDER BY id', [r.id])
        .map((t) => ({
          id: t.id,
          speaker: t.speaker,
          text: t.text,
          trauma: t.trauma_level,
          pulse: { novelty: t.pulse_novelty, arousal: t.pulse_arousal, entropy: t.pulse_entropy },
        })),
    }));
  };

  const optionalLimit = (limit: unknown, fallback: number, max: number) =>
    limit === undefined ? fallback : requireNumber(limit, 'limit', { min: 1, max, integer: true });

  return {
    async friendChat(text) {
      requireFriendText(text, 'text', FRIEND_TEXT_LIMITS.chatChars, 'The message');
      if (tokenize(text).length === 0)
        throw badInput('Say something with at least one word or mark.', { field: 'text' });
      return write((db) => friend.chat(db, text, ctx.clock.now()).turn);
    },

    async friendHistory(limit) {
      const n = optionalLimit(limit, 200, 5000);
      return ctx.read((db) => readHistory(db, n));
    },

    async friendStats() {
      await ensureReady();
      return ctx.read(stats);
    },

    async friendDreams(limit) {
      const n = optionalLimit(limit, 50, 1000);
      return ctx.read((db) => dialogs(db, n));
    },

    async friendFragments() {
      await ensureReady();
      return ctx.read((db) => ({
        fragments: db.all<{ id: number; text: string; weight: number }>(
          'SELECT id, text, weight FROM dream_bootstrap_fragments ORDER BY weight DESC, id',
        ),
        history: db
          .all<{ dialog_id: number; fragment_id: number; weight: number }>(
            `SELECT dialog_id, fragment_id, weight FROM friend_fragment_history
             WHERE dialog_id IN (SELECT DISTINCT dialog_id FROM friend_fragment_history ORDER BY dialog_id DESC LIMIT 100)
             ORDER BY dialog_id, fragment_id`,
          )
          .map((r) => ({ dialogId: r.dialog_id, fragmentId: r.fragment_id, weight: r.weight })),
      }));
    },

    async friendDreamNow() {
      return write((db) => {
        const outcome = friend.dreamNow(db, ctx.clock.now());
        const dialog = outcome.dialogId !== undefined ? (dialogs(db, 1, outcome.dialogId)[0] ?? null) : null;
        return { dialog, reason: dreamNowMessage(outcome) };
      });
    },

    async friendSetDreamsEnabled(enabled) {
      if (typeof enabled !== 'boolean')
        throw badInput('enabled must be true or false.', { field: 'enabled' });
      return write((db) => {
        friend.ready(db, ctx.clock.now());
        setDreamMeta(db, 'enabled', enabled ? '1' : '0');
        return enabled;
      });
    },

    async friendSetOrigin(text) {
      requireFriendText(text, 'origin', FRIEND_TEXT_LIMITS.originChars, 'The origin text');
      if (splitFragments(text).length === 0) {
        throw badInput('The origin needs at least one sentence of three words or more.', { field: 'origin' });
      }
      return write((db) => {
        friend.setOrigin(db, text, ctx.clock.now());
        return stats(db);
      });
    },

    async friendReset() {
      return write((db) => {
        friend.reset(db, ctx.clock.now());
        return stats(db);
      });
    },

    async friendIngest(text, opId) {
      requireFriendText(text, 'text', FRIEND_TEXT_LIMITS.teachChars, 'The text to teach');
      requireString(opId, 'opId', { min: 1, max: 128 });
      if (!hasWordOrMark(text)) throw badInput('The text has no words to learn.', { field: 'text' });
      return ctx.operations.run(opId, 'friend.ingest', async (op) => {
        op.progress('ingest', 0, text.length);
        await ensureReady();
        const r = await ingestText({ field: friend.field, write }, text, op);
        op.progress('themes', r.tokens, r.tokens);
        await write((db) => friend.afterObservations(db, ctx.clock.now(), true));
        return r;
      });
    },
  };
}
