import { badInput } from '../core/errors';
import type { FriendTextLimits } from '../contract/friend';

/**
 * How much text the friend takes in one call. The UI states the same numbers (the contract's
 * `FriendTextLimits` type pins them on both sides). A taught text of the maximum size is about a
 * million tokens of English: it is read in slices with progress from the start, so the limit is
 * about the size the field (and the saved lab) grows by in one go, not about freezing the worker.
 */
export const FRIEND_TEXT_LIMITS: FriendTextLimits = {
  chatChars: 4000,
  originChars: 50_000,
  teachChars: 6_000_000,
};

// Without the u flag a regex sees UTF-16 code units, so this finds a surrogate that is not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** ES2024's `String.prototype.isWellFormed`, where the platform has it (the libs here are ES2022). */
type MaybeWellFormed = { isWellFormed?: () => boolean };

/**
 * Index of the first unpaired UTF-16 surrogate, or -1. The platform's own check runs first: the regex
 * took 18–47 ms on a 6M-character text in one go (a chat turn sent as a text was taught waited for
 * it), the native scan 2 ms, and none at all for a text with no character above U+00FF, which V8
 * stores one byte a character. Only a text that is not well formed is searched for the position.
 */
export function loneSurrogateAt(text: string): number {
  const native = (text as unknown as MaybeWellFormed).isWellFormed;
  if (typeof native === 'function' && native.call(text)) return -1;
  const m = LONE_SURROGATE.exec(text);
  return m ? m.index : -1;
}

const WORD_OR_MARK = /[\p{L}\p{M}\p{N}.,!?;:…]/u;

/**
 * Checks a text the friend is given before anything runs: text, not empty, within `max` characters,
 * and well-formed. A lone surrogate would be stored as U+FFFD (SQLite keeps UTF-8), so the text kept
 * would differ from the text confirmed: it is refused, never silently changed.
 */
export function requireFriendText(value: unknown, name: string, max: number, what: string): string {
  if (typeof value !== 'string') throw badInput(`${name} must be text.`, { field: name });
  if (value.length === 0) throw badInput(`${what} is empty.`, { field: name });
  if (value.length > max) {
    throw badInput(
      `${what} has ${value.length.toLocaleString('en-US')} characters; the limit is ${max.toLocaleString('en-US')}.`,
      { field: name, limit: max, length: value.length },
    );
  }
  const at = loneSurrogateAt(value);
  if (at >= 0) {
    throw badInput(
      `${what} has a broken character at position ${at + 1} (half of a UTF-16 surrogate pair); remove it and try again.`,
      { field: name, position: at },
    );
  }
  return value;
}

/** Whether the text holds anything the tokenizer keeps (a cheap check that needs no tokenizing). */
export function hasWordOrMark(text: string): boolean {
  return WORD_OR_MARK.test(text);
}
