import { badInput } from '../core/errors';
import type { Operation } from '../core/operation';
import { yieldToLoop } from '../core/yieldToLoop';
import type { EngineContext } from '../runtime/context';
import type { IdleScheduler } from '../runtime/idle';
import { requireNumber, requireString } from '../runtime/validate';
import type { Db } from '../store/db';
import { chatTurn } from './chatTurn';
import { readDialogs, readFragments, setDreamMeta, splitFragments } from './dream';
import { dreamNow, dreamNowMessage } from './dreamNow';
import { openFieldSession } from './fieldSession';
import { readFragmentHistory } from './fragmentHistory';
import { ingestText } from './ingest';
import { readHistory } from './messages';
import { readStats, readStatsInSteps } from './stats';
import { FRIEND_TEXT_LIMITS, hasWordOrMark, requireFriendText } from './textLimits';
import { themePoolSteps } from './themes';
import { tokenize } from './tokenizer';
import { readAhead } from './warmNeighbours';
import { knownWords, readWordView } from './wordView';
import type { FriendApi } from '../contract/friend';

const optionalLimit = (limit: unknown, fallback: number, max: number) =>
  limit === undefined ? fallback : requireNumber(limit, 'limit', { min: 1, max, integer: true });

/** Read-ahead waits for this long without a request: until a burst of turns and reads is over. */
const QUIET_MS = 250;

export interface FriendApiOptions {
  /**
   * Where idle work runs: once the field is read (the Friend page's first look) and after each taught
   * text, the most frequent words' neighbours are read ahead there, in short pieces
   * (warmNeighbours.ts). Left out: none.
   */
  idle?: IdleScheduler;
}

/** The Friend page's handlers: checks at the door, then one read or one write each. */
export function createFriendApi(ctx: EngineContext, opts: FriendApiOptions = {}): FriendApi {
  const { field, write, ensureReady } = openFieldSession(ctx);
  const stats = (db: Db) => readStats(db, field);

  /** Reads the commonest words' neighbours ahead in idle time, once more if asked during a round. */
  const warmSoon = (): void => {
    const { idle } = opts;
    if (!idle) return;
    // Quiet pieces: a chat turn sent just after the last one, or the page's reads after a turn, go
    // first; the read-ahead waits for a pause.
    const next = () => idle.quietFor(QUIET_MS);
    const read = <T>(fn: (db: Db) => T): T => ctx.read(fn);
    void idle.runAgain('friend-neighbours', async () => {
      do await next();
      while (!(await readAhead(field.store, read, next)));
    });
  };

  return {
    async friendChat(text) {
      requireFriendText(text, 'text', FRIEND_TEXT_LIMITS.chatChars, 'The message');
      return write((db) => chatTurn(field, db, text, ctx.clock.now()).turn);
    },

    async friendHistory(limit) {
      const n = optionalLimit(limit, 200, 5000);
      return ctx.read((db) => readHistory(db, n));
    },

    async friendStats() {
      await ensureReady();
      const out = await readStatsInSteps(ctx, field);
      warmSoon();
      return out;
    },

    async friendDreams(limit) {
      const n = optionalLimit(limit, 50, 1000);
      return ctx.read((db) => readDialogs(db, n));
    },

    async friendFragments() {
      await ensureReady();
      return ctx.read((db) => ({ fragments: readFragments(db), history: readFragmentHistory(db) }));
    },

    async friendDreamNow() {
      return write((db) => {
        const outcome = dreamNow(field, db, ctx.clock.now());
        const dialog =
          outcome.dialogId !== undefined ? (readDialogs(db, 1, outcome.dialogId)[0] ?? null) : null;
        return { dialog, reason: dreamNowMessage(outcome) };
      });
    },

    async friendSetDreamsEnabled(enabled) {
      if (typeof enabled !== 'boolean')
        throw badInput('enabled must be true or false.', { field: 'enabled' });
      return write((db) => {
        field.ready(db, ctx.clock.now());
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
        field.setOrigin(db, text, ctx.clock.now());
        return stats(db);
      });
    },

    async friendReset() {
      return write((db) => {
        field.startOver(db, ctx.clock.now());
        return stats(db);
      });
    },

    async friendWordView(text, limit) {
      requireString(text, 'word', { min: 1, max: 200 });
      const n = optionalLimit(limit, 10, 50);
      const words = tokenize(text).filter((t) => !t.isPunct);
      if (words.length === 0) throw badInput('Pick a word: letters or digits.', { field: 'word' });
      await ensureReady();
      return ctx.read((db) => {
        field.store.load(db);
        return readWordView(db, field.store, words, n);
      });
    },

    async friendKnownWords(prefix, limit) {
      requireString(prefix, 'prefix', { max: 200 });
      const n = optionalLimit(limit, 20, 200);
      await ensureReady();
      return ctx.read((db) => {
        field.store.load(db);
        return knownWords(field.store, prefix.trim(), n);
      });
    },

    async friendIngest(text, opId) {
      requireFriendText(text, 'text', FRIEND_TEXT_LIMITS.teachChars, 'The text to teach');
      requireString(opId, 'opId', { min: 1, max: 128 });
      if (!hasWordOrMark(text)) throw badInput('The text has no words to learn.', { field: 'text' });
      const teach = async (op: Operation) => {
        const r = await ingestText({ field: field.store, write }, text, op);
        op.progress('themes', r.tokens, r.tokens);
        // The closing rebuild's pair reads, a few words per step (no cancel here: the text is learned).
        for (const step of ctx.read((db) => (field.store.load(db), themePoolSteps(field.store)))) {
          await write(step, { batch: true });
          await yieldToLoop();
        }
        await write((db) => field.afterObservations(db, ctx.clock.now(), true), { batch: true });
        warmSoon();
        return r;
      };
      return ctx.operations.run(opId, 'friend.ingest', async (op) => {
        op.progress('ingest', 0, text.length);
        await ensureReady();
        // Chat turns leave the themes alone until the rebuild that ends the text (`teaching`).
        field.store.teachingText(true);
        const release = ctx.holdQuietSaves();
        try {
          return await teach(op);
        } finally {
          field.store.teachingText(false);
          release();
        }
      });
    },
  };
}
