import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText, TEXT_PART_CHARS } from './textParts';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

describe('splitText', () => {
  it('cuts into parts of at most max characters that join back, never inside a surrogate pair', () => {
    // Strings of astral characters, lone halves and plain letters, so cuts land everywhere.
    const piece = fc.constantFrom('a', 'é', '😀', '\uD800', '\uDC00', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 2, max: 9 }), (pieces, max) => {
        const text = pieces.join('');
        const parts = splitText(text, max);
        expect(parts.join('')).toBe(text);
        for (const p of parts) {
          expect(p.length).toBeGreaterThan(0);
          expect(p.length).toBeLessThanOrEqual(max);
        }
        for (let i = 1; i < parts.length; i++) {
          const prev = parts[i - 1]!;
          const split = isHigh(prev.charCodeAt(prev.length - 1)) && isLow(parts[i]!.charCodeAt(0));
          expect(split).toBe(false);
        }
      }),
    );
  });

  it('keeps a pair whole at the default part size', () => {
    const text = 'x'.repeat(TEXT_PART_CHARS - 1) + '😀' + 'y';
    const parts = splitText(text);
    expect(parts.map((p) => p.length)).toEqual([TEXT_PART_CHARS - 1, 3]);
    expect(splitText('')).toEqual([]);
  });
});
