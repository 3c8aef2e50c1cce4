/**
 * Words are runs of letters (any script, accents as combining marks included) and digits, joined by
 * inner apostrophes or hyphens (don't, l'amour, term-end); the marks below are tokens of their own.
 * Quotes and brackets are dropped: the field cannot balance them, so generated text would not either.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|[.,!?;:…]/gu;

export interface Token {
  /** Lower-case comparison key (typographic apostrophes folded to '). */
  key: string;
  /** As written. */
  text: string;
  isPunct: boolean;
  /** True when the token starts a sentence (first of the text or after . ! ? …). */
  sentenceStart: boolean;
}

export const SENTENCE_END = new Set(['.', '!', '?', '…']);
const PUNCT = new Set(['.', ',', '!', '?', ';', ':', '…']);

export function isPunctKey(key: string): boolean {
  return PUNCT.has(key);
}

/**
 * `sentenceStart` says whether the first token starts a sentence: true for a text of its own, and
 * for a slice of a longer text whether the slice before it ended a sentence.
 */
export function tokenize(text: string, sentenceStart = true): Token[] {
  const out: Token[] = [];
  let start = sentenceStart;
  for (const m of text.normalize('NFC').matchAll(TOKEN)) {
    const raw = m[0];
    const isPunct = PUNCT.has(raw);
    const shown = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
    out.push({
      key: shown.toLowerCase(),
      text: shown,
      isPunct,
      sentenceStart: start,
    });
    start = isPunct ? SENTENCE_END.has(raw) : false;
  }
  return out;
}

/** Joins tokens as prose: no space before punctuation, no doubled marks, capitals after a full stop. */
export function joinTokens(words: readonly string[]): string {
  let out = '';
  let capitalise = true;
  let prevPunct = true;
  for (const w of words) {
    const punct = PUNCT.has(w);
    if (punct) {
      if (prevPunct) continue;
      out += w;
      capitalise = SENTENCE_END.has(w);
    } else {
      const shown = capitalise ? w.charAt(0).toLocaleUpperCase() + w.slice(1) : w;
      out += (out ? ' ' : '') + shown;
      capitalise = false;
    }
    prevPunct = punct;
  }
  out = out.replace(/[,;:]$/, '');
  if (out && !SENTENCE_END.has(out.charAt(out.length - 1))) out += '.';
  return out;
}
