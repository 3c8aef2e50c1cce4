import { log } from '../core/detMath';
import type { Db } from '../store/db';
import type { FieldStore } from './field';
import type { ExpertName, Pulse } from '../contract/friend';
import { SENTENCE_END, type Token } from './tokenizer';
import { pairKeyOf, tripleKeyOf } from './fieldKeys';

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Share of the text's trigrams (bigrams for a two-token text, words for one) that the field has never
 * seen. Call before the text is observed.
 */
export function novelty(db: Db, field: FieldStore, tokens: readonly Token[]): number {
  const ids = tokens.map((t) => field.lookup(t.key)?.id);
  if (ids.length === 0) return 0;
  if (ids.length === 1) return ids[0] === undefined ? 1 : 0;
  const n = ids.length >= 3 ? 3 : 2;
  let unseen = 0;
  let total = 0;
  for (let i = n - 1; i < ids.length; i++) {
    total++;
    const gram = ids.slice(i - n + 1, i + 1);
    if (gram.some((id) => id === undefined)) {
      unseen++;
      continue;
    }
    const row =
      n === 3
        ? db.get(
            `SELECT 1 AS x FROM friend_trigrams WHERE k = ${tripleKeyOf('?1', '?2', '?3')}`,
            gram as number[],
          )
        : db.get(`SELECT 1 AS x FROM friend_bigrams WHERE k = ${pairKeyOf('?1', '?2')}`, gram as number[]);
    if (!row) unseen++;
  }
  return unseen / total;
}

/** Capitals, exclamation marks and repeated words. */
export function arousal(text: string, tokens: readonly Token[]): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  const bangs = text.match(/!/g)?.length ?? 0;
  const words = tokens.filter((t) => !t.isPunct);
  const repetition = words.length > 1 ? 1 - new Set(words.map((t) => t.key)).size / words.length : 0;
  const caps = letters > 0 ? capitals / letters : 0;
  return clamp01(0.45 * clamp01(caps * 2.5) + 0.35 * clamp01(bangs / 3) + 0.2 * clamp01(repetition * 2));
}

/** Normalised entropy of a text's own word distribution: how spread its words are. */
export function textEntropy(tokens: readonly Token[]): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const t of tokens) {
    if (t.isPunct) continue;
    counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
    n++;
  }
  if (counts.size < 2) return 0;
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * log(c / n);
  return clamp01(h / log(counts.size));
}

export function meanOf(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

export function promptPulse(db: Db, field: FieldStore, text: string, tokens: readonly Token[]): Pulse {
  return {
    novelty: novelty(db, field, tokens),
    arousal: arousal(text, tokens),
    entropy: textEntropy(tokens),
  };
}

const IDENTITY =
  /\b(who|what) are you\b|\bwho am i\b|\byour name\b|\bare you (real|alive|there)\b|\bwhere (do|did) you come from\b|кто ты|что ты такое/iu;

/**
 * How strongly a text pulls at the origin: the share of its content words (three letters or more)
 * that belong to the origin's vocabulary, plus a jolt for identity questions.
 */
export function traumaRaw(text: string, tokens: readonly Token[], originWords: ReadonlySet<string>): number {
  const content = tokens.filter((t) => !t.isPunct && t.key.length >= 3);
  const overlap = content.length ? content.filter((t) => originWords.has(t.key)).length / content.length : 0;
  return clamp01(0.8 * overlap + (IDENTITY.test(text) ? 0.5 : 0));
}

/** Exponential smoothing over recent events, so one line moves the level but does not own it. */
export function smoothTrauma(previous: number, raw: number): number {
  return clamp01(0.6 * raw + 0.4 * previous);
}

export const EXPERTS: Record<ExpertName, { temperature: number; semanticWeight: number }> = {
  structural: { temperature: 0.8, semanticWeight: 0.2 },
  semantic: { temperature: 1.0, semanticWeight: 0.5 },
  creative: { temperature: 1.3, semanticWeight: 0.4 },
  precise: { temperature: 0.6, semanticWeight: 0.3 },
  wounded: { temperature: 0.9, semanticWeight: 0.6 },
};

export interface ExpertBlend {
  expert: ExpertName;
  temperature: number;
  semanticWeight: number;
  weights: Record<ExpertName, number>;
}

/**
 * The five experts blended by the state of the turn: structure by default, meaning when themes are
 * active, play when the prompt is new, precision when it is calm and ordered, the wound when the origin
 * is touched. The dominant one names the turn.
 */
export function blendExperts(pulse: Pulse, trauma: number, themeShare: number): ExpertBlend {
  const raw: Record<ExpertName, number> = {
    structural: 0.5 + 0.3 * (1 - pulse.novelty),
    semantic: 0.15 + 1.2 * clamp01(themeShare),
    creative: 1.2 * pulse.novelty * (0.5 + 0.5 * pulse.arousal),
    precise: 0.6 * (1 - pulse.entropy) * (1 - pulse.arousal),
    wounded: 2.5 * Math.max(0, trauma - 0.3),
  };
  const names = Object.keys(EXPERTS) as ExpertName[];
  const total = names.reduce((s, n) => s + raw[n], 0);
  let temperature = 0;
  let semanticWeight = 0;
  let expert: ExpertName = 'structural';
  const weights = {} as Record<ExpertName, number>;
  for (const n of names) {
    const wgt = raw[n] / total;
    weights[n] = wgt;
    temperature += wgt * EXPERTS[n].temperature;
    semanticWeight += wgt * EXPERTS[n].semanticWeight;
    if (wgt > weights[expert]!) expert = n;
  }
  return { expert, temperature, semanticWeight, weights };
}

/**
 * A reply's quality: structure (ends a sentence, reasonable length, mostly trigram-led steps) and
 * entropy near the middle (neither a rut nor noise).
 */
export function replyQuality(
  text: string,
  wordCount: number,
  entropies: readonly number[],
  trigramShare: number,
): number {
  if (wordCount === 0) return 0;
  const ends = SENTENCE_END.has(text.charAt(text.length - 1)) ? 1 : 0;
  const length = clamp01(wordCount / 8);
  const structure = 0.3 * ends + 0.3 * length + 0.4 * trigramShare;
  const entropyScore = 1 - clamp01(Math.abs(meanOf(entropies) - 0.55) / 0.55);
  return clamp01(0.6 * structure + 0.4 * entropyScore);
}
