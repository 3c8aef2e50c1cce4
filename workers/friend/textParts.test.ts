import { describe, expect, it } from 'vitest';
import { EngineError } from '../core/errors';
import { FRIEND_TEXT_LIMITS } from './textLimits';
import { TEXT_PART_CHARS, TextParts } from './textParts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof EngineError ? err.code : 'OTHER';
  }
  return 'NONE';
};

describe('TextParts', () => {
  it('joins the parts of a text in order, once', () => {
    const t = new TextParts();
    t.add('op-1', 0, 'The river ');
    t.add('op-1', 1, 'runs 😀');
    expect(t.take('op-1', { parts: 2, chars: 17 })).toBe('The river runs 😀');
    expect(t.holding).toBe(false);
    // Taken once: the same call again finds nothing.
    expect(code(() => t.take('op-1', { parts: 2, chars: 17 }))).toBe('BAD_INPUT');
  });

  it('refuses parts out of order, of another text, too long or not text, and lets the text go', () => {
    const t = new TextParts();
    expect(code(() => t.add('op-1', 1, 'late'))).toBe('BAD_INPUT');
    t.add('op-1', 0, 'a');
    expect(code(() => t.add('op-2', 1, 'b'))).toBe('BAD_INPUT');
    expect(t.holding).toBe(false);
    t.add('op-1', 0, 'a');
    expect(code(() => t.add('op-1', 1, 'x'.repeat(TEXT_PART_CHARS + 1)))).toBe('BAD_INPUT');
    expect(code(() => t.add('op-1', 0, ''))).toBe('BAD_INPUT');
    expect(code(() => t.add('op-1', 0, 42))).toBe('BAD_INPUT');
    expect(code(() => t.add('op-1', 0.5, 'a'))).toBe('BAD_INPUT');
    expect(code(() => t.add('', 0, 'a'))).toBe('BAD_INPUT');
  });

  it('refuses a text past the limit as it arrives, and one named with other counts', () => {
    const t = new TextParts();
    const part = 'x'.repeat(TEXT_PART_CHARS);
    const whole = Math.floor(FRIEND_TEXT_LIMITS.teachChars / TEXT_PART_CHARS);
    for (let i = 0; i < whole; i++) t.add('op', i, part);
    const room = FRIEND_TEXT_LIMITS.teachChars - whole * TEXT_PART_CHARS;
    expect(code(() => t.add('op', whole, 'x'.repeat(room + 1)))).toBe('BAD_INPUT');
    expect(t.holding).toBe(false);
    t.add('op', 0, 'abc');
    expect(code(() => t.take('op', { parts: 1, chars: 4 }))).toBe('BAD_INPUT');
    t.add('op', 0, 'abc');
    expect(code(() => t.take('other', { parts: 1, chars: 3 }))).toBe('BAD_INPUT');
    t.add('op', 0, 'abc');
    expect(code(() => t.take('op', 'abc'))).toBe('BAD_INPUT');
  });

  it('starts over at a first part: an abandoned text is dropped, not joined to the next', () => {
    const t = new TextParts();
    t.add('op-1', 0, 'old ');
    t.add('op-1', 1, 'text');
    t.add('op-2', 0, 'new text');
    expect(t.take('op-2', { parts: 1, chars: 8 })).toBe('new text');
  });
});
