/**
 * Folding text before policy matching, so that spelling tricks do not slip past the gate:
 * Unicode compatibility forms (NFKC: full-width letters, ligatures), accents, case, zero-width and
 * soft-hyphen characters, look-alike Cyrillic/Greek letters, simple leetspeak, and separators
 * ("e x f i l t r a t e", "ex-filtrate", "ex_filtrate").
 */

// Format characters (zero-width space/joiners, bidi controls, word joiner, BOM…); combining marks go later.
const INVISIBLE_RANGES: ReadonlyArray<[number, number]> = [
  [0xad, 0xad],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
const isInvisible = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return INVISIBLE_RANGES.some(([a, b]) => c >= a && c <= b);
};
const MARKS = /\p{M}+/gu;

// Letters from other scripts that look like Latin ones.
const CONFUSABLE: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ν: 'v',
};

const LEET_I: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '€': 'e',
};
const LEET_L: Record<string, string> = { ...LEET_I, '1': 'l', '!': 'l' };

function base(text: string): string {
  const nfkc = text.normalize('NFKC');
  const visible = Array.from(nfkc)
    .filter((ch) => !isInvisible(ch))
    .join('');
  const noMarks = visible.normalize('NFD').replace(MARKS, '').normalize('NFC');
  return Array.from(noMarks.toLowerCase(), (ch) => CONFUSABLE[ch] ?? ch).join('');
}

function leet(text: string, map: Record<string, string>): string {
  return Array.from(text, (ch) => map[ch] ?? ch).join('');
}

/** The folded forms of `text`: lower-case words (separators collapsed to one space). */
export function foldedWordForms(text: string): string[] {
  const b = base(text);
  const forms = [b, leet(b, LEET_I), leet(b, LEET_L)].map((s) => s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
  return [...new Set(forms)];
}

/** The folded forms with every separator removed: "e x-f_i.l" becomes "exfil". */
export function squashedForms(text: string): string[] {
  return [...new Set(foldedWordForms(text).map((s) => s.replace(/[^\p{L}]+/gu, '')))];
}
