import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './hash';

const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('gives the SHA-256 of the UTF-8 bytes, whatever the texts hashed before it', () => {
    // Long, then short (the kept buffer holds the long one's bytes past the short one's end), then
    // letters of two, three and four bytes (a surrogate pair), then longer again (the buffer grows).
    const texts = [
      'x'.repeat(70_000),
      'abc',
      '',
      'café 600 € 😀 naïve',
      '😀'.repeat(10_000),
      '€'.repeat(80_000) + 'tail',
      'abc',
    ];
    for (const text of texts) expect(sha256Hex(text)).toBe(reference(text));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a text larger than what it keeps', () => {
    const text = 'é'.repeat(1_500_000);
    expect(sha256Hex(text)).toBe(reference(text));
    expect(sha256Hex('abc')).toBe(reference('abc'));
  });

  it('treats a lone surrogate as the encoder does (U+FFFD)', () => {
    expect(sha256Hex('a\uD800b')).toBe(reference('a\uFFFDb'));
  });
});
