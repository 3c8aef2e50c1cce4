import { badInput } from '../core/errors';
import { requireNumber, requireString } from '../runtime/validate';
import type { FriendTextPartChars, FriendTextSentInParts } from '../contract/friend';
import { FRIEND_TEXT_LIMITS } from './textLimits';

/** The most characters of one part (the contract pins the number; the page cuts at it). */
export const TEXT_PART_CHARS: FriendTextPartChars = 524_288;

const MAX_PARTS = Math.ceil(FRIEND_TEXT_LIMITS.teachChars / (TEXT_PART_CHARS - 1));

/**
 * The parts of a long text to teach as they arrive, one message each, until the `friendIngest` that
 * names them (contract: `FriendTextSentInParts`, which says why). One text at a time: its first part
 * drops whatever an abandoned one left, so at most one text's worth is ever held. A part out of order
 * or past the limit drops the text and is refused; the field is not touched until the text is taught.
 */
export class TextParts {
  private pending: { opId: string; parts: string[]; chars: number } | null = null;

  add(opId: unknown, index: unknown, part: unknown): void {
    const id = requireString(opId, 'opId', { min: 1, max: 128 });
    const i = requireNumber(index, 'index', { min: 0, max: MAX_PARTS - 1, integer: true });
    const text = requireString(part, 'part', { min: 1, max: TEXT_PART_CHARS });
    if (i === 0) this.pending = { opId: id, parts: [], chars: 0 };
    const p = this.pending;
    if (p === null || p.opId !== id || p.parts.length !== i) {
      this.pending = null;
      throw badInput('The parts of the text to teach came out of order; send the text again.', {
        field: 'index',
      });
    }
    const max = FRIEND_TEXT_LIMITS.teachChars;
    if (p.chars + text.length > max) {
      this.pending = null;
      throw badInput(
        `The text to teach has more than ${max.toLocaleString('en-US')} characters, the limit.`,
        { field: 'text', limit: max },
      );
    }
    p.parts.push(text);
    p.chars += text.length;
  }

  /** The text whose parts `sent` names, joined; they are let go either way. */
  take(opId: unknown, sent: unknown): string {
    const p = this.pending;
    this.pending = null;
    const { parts, chars } = (sent ?? {}) as Partial<FriendTextSentInParts>;
    if (p === null || p.opId !== opId || p.parts.length !== parts || p.chars !== chars) {
      throw badInput('Not all of the text to teach arrived; send it again.', { field: 'text' });
    }
    return p.parts.join('');
  }

  /** Whether a text's parts are held (for tests). */
  get holding(): boolean {
    return this.pending !== null;
  }
}
