/**
 * Folding a goal into words before policy matching, so that spelling tricks do not slip past the gate:
 * Unicode compatibility forms (NFKC: full-width and mathematical letters, ligatures), accents, case,
 * zero-width and soft-hyphen characters, look-alike Cyrillic/Greek/small-capital letters, simple
 * leetspeak ("st34l", "$ud0", "n|_|ke"), and separators inside a word ("e x f i l", "ex-filtrate",
 * "pass_words", "l.e.a.k"), which are joined back when the pieces spell a word the gate knows.
 *
 * Everything here is character loops and Map/Set look-ups: no regular expression, so the first call
 * of a page load costs what every later call costs.
 */

/** One folded word. `brk` is the strongest break before it: 0 none, 1 comma-like, 2 sentence. */
export interface Word {
  w: string;
  brk: 0 | 1 | 2;
}

// Format characters (zero-width space/joiners, bidi controls, word joiner, BOM, soft hyphen…), as
// flat [from, to] pairs: the check runs once per character, so it is a plain loop.
const INVISIBLE: readonly number[] = [
  0xad, 0xad, 0x34f, 0x34f, 0x61c, 0x61c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180e, 0x200b, 0x200f,
  0x202a, 0x202e, 0x2060, 0x206f, 0x3164, 0x3164, 0xfe00, 0xfe0f, 0xfeff, 0xfeff, 0xffa0, 0xffa0,
]; // prettier-ignore
// Combining marks of the Latin, Greek and Cyrillic accents (removed after NFD).
const MARKS: readonly number[] = [
  0x300, 0x36f, 0x483, 0x489, 0x1ab0, 0x1aff, 0x1dc0, 0x1dff, 0x20d0, 0x20ff, 0xfe20, 0xfe2f,
]; // prettier-ignore
function inRanges(c: number, ranges: readonly number[]): boolean {
  if (c < ranges[0]!) return false; // ASCII and Latin-1 letters: the common case
  for (let k = 0; k < ranges.length; k += 2) if (c >= ranges[k]! && c <= ranges[k + 1]!) return true;
  return false;
}

// Letters from other scripts (and small capitals) that look like Latin ones.
const CONFUSABLE = new Map<string, string>(
  Object.entries({
    а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
    х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g',
    α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ν: 'v', ν̇: 'v',
    ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l',
    ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  }),
); // prettier-ignore

// Leetspeak: `1`, `!` and `|` may stand for i or l; the word the gate knows wins.
const LEET = new Map<string, string>(
  Object.entries({ '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '€': 'e' }),
);
const I_OR_L = new Set(['1', '!', '|']);
const CLAUSE = new Set([',', ';', ':']);
const SENTENCE = new Set(['.', '!', '?', '\n']);

const isAsciiLetter = (c: string) => c >= 'a' && c <= 'z';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => isAsciiLetter(c) || (c > '\u007f' && c.toLowerCase() !== c.toUpperCase());
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0';

/** NFKC, invisible characters out, accents off, lower case, look-alikes mapped to Latin. */
export function foldChars(text: string): string {
  let visible = '';
  for (const ch of text.normalize('NFKC')) if (!inRanges(ch.codePointAt(0)!, INVISIBLE)) visible += ch;
  let out = '';
  for (const ch of visible.normalize('NFD')) {
    if (inRanges(ch.codePointAt(0)!, MARKS)) continue;
    const lower = ch.toLowerCase();
    out += CONFUSABLE.get(lower) ?? lower;
  }
  return out.split('|_|').join('u');
}

/** A leet character counts as part of a word when a letter or digit touches it. */
function wordish(s: string, i: number): boolean {
  const c = s[i]!;
  if (isLetter(c) || isDigit(c)) return true;
  if (!LEET.has(c) && !I_OR_L.has(c)) return false;
  const prev = s[i - 1] ?? ' ';
  const next = s[i + 1] ?? ' ';
  const touching = (x: string) => isLetter(x) || isDigit(x) || LEET.has(x) || I_OR_L.has(x);
  // "!" and "|" at the end of a word are punctuation ("steal it!"), inside a word they are letters.
  if (c === '!' || c === '|') return touching(next) && (touching(prev) || c === '|');
  return touching(prev) || touching(next);
}

/** Splits folded text into raw pieces with the break before each. */
export function rawPieces(folded: string): Word[] {
  const out: Word[] = [];
  let cur = '';
  let brk: 0 | 1 | 2 = 0;
  let sep = '';
  const flush = () => {
    if (cur) out.push({ w: cur, brk });
    cur = '';
  };
  let spaced = false;
  let strong = false;
  let weak = false;
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i]!;
    if (wordish(folded, i)) {
      if (sep) {
        flush();
        // Punctuation is a break only next to a space: "steal.the.pass" is one disguised phrase.
        spaced ||= out.length === 0;
        brk = spaced && strong ? 2 : spaced && weak ? 1 : 0;
        sep = '';
        spaced = strong = weak = false;
      }
      cur += c;
    } else {
      sep += c;
      spaced ||= isSpace(c);
      strong ||= SENTENCE.has(c);
      weak ||= CLAUSE.has(c);
    }
  }
  flush();
  return out;
}

/** Reads leet inside a piece: `known` decides between i and l for 1, ! and |, and v for u. */
export function readLeet(piece: string, known: (w: string) => boolean): string {
  if (known(piece)) return piece; // "s3", "2fa"
  let digitsOnly = true;
  for (const c of piece) if (!isDigit(c)) digitsOnly = false;
  if (digitsOnly) return piece; // a number stays a number
  let asI = '';
  let asL = '';
  for (const c of piece) {
    const m = I_OR_L.has(c) ? null : (LEET.get(c) ?? c);
    asI += m ?? 'i';
    asL += m ?? 'l';
  }
  for (const cand of [asI, asL, asI.split('v').join('u')]) if (known(cand)) return cand;
  return asI;
}

const MAX_JOIN = 16;

/**
 * Joins consecutive pieces when together they spell a known word ("e x f i l" → "exfil",
 * "tu rn of f" → "turnoff"), longest first. Pieces that spell nothing known stay as they are.
 */
export function joinPieces(pieces: Word[], known: (w: string) => boolean): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < pieces.length) {
    let taken = 1;
    let word = pieces[i]!.w;
    let acc = word;
    for (let j = i + 1; j < pieces.length && j - i < MAX_JOIN; j++) {
      if (pieces[j]!.brk === 2) break;
      acc += pieces[j]!.w;
      if (acc.length > 24) break;
      if (known(acc)) {
        word = acc;
        taken = j - i + 1;
      }
    }
    out.push({ w: word, brk: pieces[i]!.brk });
    i += taken;
  }
  return out;
}

/** The folded words of `text`; `known` is the gate's vocabulary (used for leet and joining). */
export function foldWords(text: string, known: (w: string) => boolean): Word[] {
  const pieces = rawPieces(foldChars(text)).map((p) => ({ w: readLeet(p.w, known), brk: p.brk }));
  return joinPieces(pieces, known);
}
