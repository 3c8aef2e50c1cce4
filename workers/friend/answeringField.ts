import { createRng, type Rng } from '../core/rng';
import type { Db } from '../store/db';
import {
  getDreamMeta,
  initDream,
  maybeRunDream,
  readFragments,
  seedFragments,
  setDreamMeta,
  type DreamContext,
  type DreamHooks,
  type DreamOutcome,
} from './dream';
import { FieldStore } from './field';
import { getMeta, getMetaNumber, setMeta } from './fieldMeta';
import { generate, type Generation } from './generate';
import { DEFAULT_ORIGIN } from './origin';
import { recordFragmentWeights } from './fragmentHistory';
import { meanOf, promptPulse, smoothTrauma, traumaRaw } from './presence';
import { ingestTokensNow } from './ingest';
import { resetFriendTables } from './tables';
import { rebuildThemes, THEME_EVERY } from './themes';
import { tokenize, type Token } from './tokenizer';
import type { Pulse } from '../contract/friend';

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
 * The language field that answers (the design's "leo"), on one database: bootstrap, observing,
 * measuring and generating, bulk ingest, and the dream it has with its imaginary friend. The chat turn
 * that ties these together is `chatTurn.ts`. Every method runs inside the caller's transaction; if
 * that transaction rolls back, call `invalidate()` so the in-memory vocabulary is read again.
 */
export class AnsweringField {
  /** The counts, with the vocabulary mirrored in memory. */
  readonly store = new FieldStore();
  private originWords: { text: string; words: Set<string> } | null = null;
  dreamLayer: DreamLayer | null = maybeRunDream;
  /** Reads the injected clock again when a dialog ends; without it a dialog takes no time. */
  clock: (() => number) | null = null;

  invalidate(): void {
    this.store.invalidate();
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
    this.store.load(db);
    if (getMeta(db, 'bootstrapped') === '1') return;
    const origin = this.origin(db);
    for (const para of origin.split(/\n\s*\n/)) this.observe(db, para);
    initDream(db, origin);
    setMeta(db, 'bootstrapped', '1');
    this.afterObservations(db, now, true);
  }

  /** Observes one text (or its tokens, when the caller has them) as one observation and writes its counts. */
  observe(db: Db, text: string | readonly Token[]): number {
    const tokens = typeof text === 'string' ? tokenize(text) : text;
    if (tokens.length === 0) return 0;
    this.store.observe(tokens, db);
    this.store.flush(db);
    return tokens.length;
  }

  /** Observes a long text as one stream of ~1000-token observations cut at sentence starts; writes once. */
  ingestTokens(db: Db, tokens: readonly Token[]): number {
    return ingestTokensNow(db, this.store, tokens);
  }

  /**
   * Throttled after-observation layers: a piece of a due prune, themes at most every THEME_EVERY
   * observations. While a text is taught its observations pass THEME_EVERY every few seconds, and
   * the words it brings make each rebuild read pairs anew (tens of ms inside a chat turn): chat
   * turns then leave the themes to the rebuild that ends the text.
   */
  afterObservations(db: Db, now: number, force = false): void {
    this.store.load(db);
    this.store.pruneStep(db);
    const at = getMetaNumber(db, 'themes_at', -Infinity);
    const obs = this.store.observationCount;
    if (force || (obs - at >= THEME_EVERY && !this.store.teaching)) {
      rebuildThemes(db, this.store, now);
      setMeta(db, 'themes_at', obs);
    }
  }

  /** Pulse and smoothed trauma of a text, before it is observed; the trauma level is persisted. */
  measure(
    db: Db,
    text: string,
    tokens: readonly Token[] = tokenize(text),
    entropy?: number,
  ): { pulse: Pulse; trauma: number } {
    const base = promptPulse(db, this.store, text, tokens);
    const pulse = entropy === undefined ? base : { ...base, entropy };
    const level = smoothTrauma(getMetaNumber(db, 'trauma', 0), traumaRaw(text, tokens, this.originSet(db)));
    setMeta(db, 'trauma', level);
    return { pulse, trauma: level };
  }

  generate(
    db: Db,
    seed: string | readonly Token[],
    temperature: number,
    semanticWeight: number,
    rng: Rng,
    maxTokens = REPLY_TOKENS,
  ): Generation {
    return generate(db, this.store, seed, temperature, semanticWeight, rng, { maxTokens });
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
      afterDialog: (dialogId) => recordFragmentWeights(db, dialogId, readFragments(db), now),
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
      this.store.invalidate();
      this.store.load(db);
      return err instanceof DreamFailed
        ? err.outcome
        : { ran: false, reason: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  /**
   * Starts over: every table is emptied by its owner, then the field bootstraps again from the origin
   * it had; the dreams switch is kept.
   */
  startOver(db: Db, now: number): void {
    const origin = getMeta(db, 'origin');
    const enabled = getDreamMeta(db, 'enabled');
    resetFriendTables(db);
    if (origin !== undefined) setMeta(db, 'origin', origin);
    if (enabled !== undefined) setDreamMeta(db, 'enabled', enabled);
    // A text being taught belongs to the field that was just emptied: it must stop, not refill it.
    this.store.markReplaced();
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
