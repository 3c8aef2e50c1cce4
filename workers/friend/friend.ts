import { createRng, type Rng } from '../core/rng';
import type { Db } from '../store/db';
import {
  maybeRunDream,
  initDream,
  seedFragments,
  type DreamHooks,
  type DreamOutcome,
  type DreamContext,
} from './dream';
import { FieldStore } from './field';
import { ingestTokensNow } from './ingest';
import { getMeta, getMetaNumber, setMeta } from './fieldMeta';
import { generate, type Generation } from './generate';
import { DEFAULT_ORIGIN } from './origin';
import { blendExperts, meanOf, promptPulse, replyQuality, smoothTrauma, traumaRaw } from './presence';
import { rebuildThemes, readThemes, THEME_EVERY, themeShare } from './themes';
import { tokenize, type Token } from './tokenizer';
import type { ExpertName, FriendMessage, FriendTurn, Pulse } from '../contract/friend';

const REPLY_TOKENS = 24;
const DREAM_LINE_TOKENS = 16;

/** Replace the dream layer in tests: a fake, a failing one, or none at all. */
export type DreamLayer = (
  db: Db,
  ctx: DreamContext,
  hooks: DreamHooks,
  opts: { now: number; rng: Rng; force?: boolean; finishedAt?: () => number },
) => DreamOutcome;

/**
 * The dream-friend field on one database: bootstrap, the chat turn (observe → reply → after-reply
 * layers → dream), bulk ingest and the views. Every method runs inside the caller's transaction; if
 * that transaction rolls back, call `invalidate()` so the in-memory vocabulary is read again.
 */
export class Friend {
  readonly field = new FieldStore();
  private originWords: { text: string; words: Set<string> } | null = null;
  dreamLayer: DreamLayer | null = maybeRunDream;
  /** Reads the injected clock again when a dialog ends; without it a dialog takes no time. */
  clock: (() => number) | null = null;

  invalidate(): void {
    this.field.invalidate();
    this.originWords = null;
  }

  seed(db: Db): string {
    return getMeta(db, 'seed') ?? 'dreamlane-friend';
  }

  origin(db: Db): string {
    return getMeta(db, 'origin') ?? DEFAULT_ORIGIN;
  }

  private originSet(db: Db): Set<string> {
    const text = this.origin(db);
    if (this.originWords?.text !== text) {
      this.originWords = { text, words: new Set(tokenize(text).map((t) => t.key)) };
    }
    return this.originWords.words;
  }

  /** Loads the vocabulary; on first use ingests the origin once and seeds the friend. */
  ready(db: Db, now: number): void {
    this.field.load(db);
    if (getMeta(db, 'bootstrapped') === '1') return;
    const origin = this.origin(db);
    for (const para of origin.split(/\n\s*\n/)) this.observe(db, para);
    initDream(db, origin);
    setMeta(db, 'bootstrapped', '1');
    this.afterObservations(db, now, true);
  }

  /** Observes one text as one observation and writes its counts. */
  observe(db: Db, text: string): number {
    const tokens = tokenize(text);
    if (tokens.length === 0) return 0;
    this.field.observe(tokens, db);
    this.field.flush(db);
    return tokens.length;
  }

  /** Observes a long text as one stream of ~1000-token observations cut at sentence starts; writes once. */
  ingestTokens(db: Db, tokens: readonly Token[]): number {
    return ingestTokensNow(db, this.field, tokens);
  }

  /** Throttled after-observation layers: themes at most every THEME_EVERY observations. */
  afterObservations(db: Db, now: number, force = false): void {
    this.field.load(db);
    const at = getMetaNumber(db, 'themes_at', -Infinity);
    const obs = this.field.observationCount;
    if (force || obs - at >= THEME_EVERY) {
      rebuildThemes(db, this.field, now);
      setMeta(db, 'themes_at', obs);
    }
  }

  /** Pulse and smoothed trauma of a text, before it is observed; the trauma level is persisted. */
  measure(db: Db, text: string, tokens = tokenize(text), entropy?: number): { pulse: Pulse; trauma: number } {
    const base = promptPulse(db, this.field, text, tokens);
    const pulse = entropy === undefined ? base : { ...base, entropy };
    const level = smoothTrauma(getMetaNumber(db, 'trauma', 0), traumaRaw(text, tokens, this.originSet(db)));
    setMeta(db, 'trauma', level);
    return { pulse, trauma: level };
  }

  generate(
    db: Db,
    seed: string,
    temperature: number,
    semanticWeight: number,
    rng: Rng,
    maxTokens = REPLY_TOKENS,
  ): Generation {
    return generate(db, this.field, seed, temperature, semanticWeight, rng, { maxTokens });
  }

  /** The real hooks the dream layer gets: this field's generator, observer and measures. */
  dreamHooks(db: Db, streamParts: ReadonlyArray<string | number>, now: number): DreamHooks {
    let line = 0;
    let lastEntropy: number | undefined;
    const seed = this.seed(db);
    return {
      generate: (text, temperature, semanticWeight) => {
        const g = this.generate(
          db,
          text,
          temperature,
          semanticWeight,
          createRng(seed, ...streamParts, 'line', line++),
          DREAM_LINE_TOKENS,
        );
        lastEntropy = meanOf(g.entropies);
        return g.text;
      },
      observe: (text) => void this.observe(db, text),
      measure: (text) => this.measure(db, text, tokenize(text), lastEntropy),
      afterDialog: (dialogId) => {
        db.run(
          `INSERT INTO friend_fragment_history (dialog_id, fragment_id, weight, at)
           SELECT ?, id, weight, ? FROM dream_bootstrap_fragments`,
          [dialogId, now],
        );
      },
    };
  }

  /**
   * Runs the dream layer inside its own savepoint. Whatever it does, a failure (thrown or reported)
   * rolls back every row it wrote, and the vocabulary mirror is re-read; the chat never sees it.
   */
  dream(
    db: Db,
    ctx: DreamContext,
    streamParts: ReadonlyArray<string | number>,
    now: number,
    force: boolean,
  ): DreamOutcome {
    const layer = this.dreamLayer;
    if (!layer) return { ran: false, reason: 'missing' };
    try {
      return db.transaction(() => {
        const outcome = layer(db, ctx, this.dreamHooks(db, streamParts, now), {
          now,
          rng: createRng(this.seed(db), ...streamParts),
          force,
          ...(this.clock ? { finishedAt: this.clock } : {}),
        });
        if (outcome.reason === 'failed') throw new DreamFailed(outcome);
        return outcome;
      });
    } catch (err) {
      this.field.invalidate();
      this.field.load(db);
      return err instanceof DreamFailed
        ? err.outcome
        : { ran: false, reason: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** One chat turn: measure, observe, reply, after-reply layers, then maybe a dream. */
  chat(db: Db, text: string, now: number): { turn: FriendTurn; dream: DreamOutcome } {
    this.ready(db, now);
    const index = getMetaNumber(db, 'turns', 0);
    const tokens = tokenize(text);
    const { pulse, trauma } = this.measure(db, text, tokens);
    const themes = readThemes(db);
    const blend = blendExperts(
      pulse,
      trauma,
      themeShare(
        themes,
        tokens.filter((t) => !t.isPunct).map((t) => t.key),
      ),
    );
    this.observe(db, text);
    const gen = this.generate(
      db,
      text,
      blend.temperature,
      blend.semanticWeight,
      createRng(this.seed(db), 'reply', index),
    );
    const replyText = gen.text || '…';
    const replyTokens = tokenize(replyText);
    // The turn's pulse: what was new and stirring in the prompt, and how uncertain the reply's steps were.
    const turnPulse: Pulse = {
      novelty: pulse.novelty,
      arousal: pulse.arousal,
      entropy: meanOf(gen.entropies),
    };
    const quality = replyQuality(
      replyText,
      replyTokens.filter((t) => !t.isPunct).length,
      gen.entropies,
      gen.trigramShare,
    );
    const userId = insertMessage(db, 'user', text, now, { pulse, trauma });
    const replyId = insertMessage(db, 'leo', replyText, now, {
      pulse: turnPulse,
      trauma,
      quality,
      expert: blend.expert,
      temperature: blend.temperature,
      semanticWeight: blend.semanticWeight,
    });
    // leo hears itself: the reply is observed like any other line.
    this.observe(db, replyText);
    this.afterObservations(db, now);
    setMeta(db, 'turns', index + 1);
    const dream = this.dream(
      db,
      { prompt: text, reply: replyText, pulse: turnPulse, trauma, quality, expert: blend.expert },
      ['dream', index],
      now,
      false,
    );
    if (dream.ran && dream.dialogId !== undefined) {
      db.run('UPDATE friend_messages SET dialog_id = ? WHERE id = ?', [dream.dialogId, replyId]);
    }
    return { turn: { user: readMessage(db, userId), reply: readMessage(db, replyId) }, dream };
  }

  /** "Dream now": a dialog about the last turn (or the origin), bypassing the gates. */
  dreamNow(db: Db, now: number): DreamOutcome {
    this.ready(db, now);
    const last = db.all<MessageRow>('SELECT * FROM friend_messages ORDER BY id DESC LIMIT 2');
    const reply = last.find((m) => m.role === 'leo');
    const prompt = last.find((m) => m.role === 'user');
    const runs = getMetaNumber(db, 'forced_dreams', 0);
    setMeta(db, 'forced_dreams', runs + 1);
    const outcome = this.dream(
      db,
      {
        prompt: prompt?.text ?? '',
        reply: reply?.text ?? '',
        pulse: { novelty: reply?.novelty ?? 0, arousal: reply?.arousal ?? 0, entropy: reply?.entropy ?? 0.5 },
        trauma: getMetaNumber(db, 'trauma', 0),
        quality: reply?.quality ?? 0.5,
        expert: (reply?.expert as ExpertName | null) ?? 'structural',
      },
      ['dream-now', runs],
      now,
      true,
    );
    if (outcome.ran) this.afterObservations(db, now);
    return outcome;
  }

  /** Empties the field, the chat and the friend, keeping the origin text and the dreams switch. */
  reset(db: Db, now: number): void {
    const origin = getMeta(db, 'origin');
    const enabled = db.get<{ value: string }>("SELECT value FROM dream_meta WHERE key = 'enabled'")?.value;
    for (const t of [
      'friend_meta',
      'friend_vocab',
      'friend_bigrams',
      'friend_trigrams',
      'friend_cooc',
      'friend_themes',
      'friend_messages',
      'friend_fragment_history',
      'dream_meta',
      'dream_bootstrap_fragments',
      'dream_turns',
      'dream_dialogs',
    ]) {
      db.run(`DELETE FROM ${t}`);
    }
    if (origin !== undefined) setMeta(db, 'origin', origin);
    if (enabled !== undefined) db.run("INSERT INTO dream_meta (key, value) VALUES ('enabled', ?)", [enabled]);
    this.field.markReplaced();
    this.invalidate();
    this.ready(db, now);
  }

  /** A new origin: ingested once into the field, and the friend's fragments re-seeded from it. */
  setOrigin(db: Db, text: string, now: number): void {
    this.ready(db, now);
    setMeta(db, 'origin', text);
    for (const para of text.split(/\n\s*\n/)) this.observe(db, para);
    seedFragments(db, text);
    this.afterObservations(db, now, true);
  }
}

class DreamFailed extends Error {
  constructor(readonly outcome: DreamOutcome) {
    super(outcome.error ?? 'dream failed');
  }
}

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

function insertMessage(
  db: Db,
  role: 'user' | 'leo',
  text: string,
  now: number,
  m: {
    pulse: Pulse;
    trauma: number;
    quality?: number;
    expert?: ExpertName;
    temperature?: number;
    semanticWeight?: number;
  },
): number {
  db.run(
    `INSERT INTO friend_messages (role, text, created_at, expert, temperature, semantic_weight, novelty, arousal, entropy, trauma, quality)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      role,
      text,
      now,
      m.expert ?? null,
      m.temperature ?? null,
      m.semanticWeight ?? null,
      m.pulse.novelty,
      m.pulse.arousal,
      m.pulse.entropy,
      m.trauma,
      m.quality ?? null,
    ],
  );
  return db.lastInsertRowid();
}

export function toMessage(r: MessageRow): FriendMessage {
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

function readMessage(db: Db, id: number): FriendMessage {
  return toMessage(db.get<MessageRow>('SELECT * FROM friend_messages WHERE id = ?', [id])!);
}

export function readHistory(db: Db, limit: number): FriendMessage[] {
  return db
    .all<MessageRow>('SELECT * FROM (SELECT * FROM friend_messages ORDER BY id DESC LIMIT ?) ORDER BY id', [
      limit,
    ])
    .map(toMessage);
}
