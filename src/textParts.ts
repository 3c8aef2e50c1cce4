import type { FriendTextPartChars } from '../workers/contract';

/** The most characters of one part (the contract pins the number; the worker checks it). */
export const TEXT_PART_CHARS: FriendTextPartChars = 524_288;

/**
 * A text cut into parts of at most `max` characters, in order, that join back into it. A cut never
 * falls between the two halves of a surrogate pair, so every part holds whole characters.
 */
export function splitText(text: string, max: number = TEXT_PART_CHARS): string[] {
  if (max < 2) throw new RangeError('A part must hold at least two characters.');
  const parts: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + max);
    const before = text.charCodeAt(end - 1);
    const after = text.charCodeAt(end);
    if (end < text.length && before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff)
      end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}
