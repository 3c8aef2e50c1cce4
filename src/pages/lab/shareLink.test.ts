import { describe, expect, it } from 'vitest';
import { decodeSeed, encodeSeed } from './shareLink';
import type { DreamSeed } from '../../../workers/contract';

const seed: DreamSeed = {
  goal: 'Évaluer ΛID onboarding 🚀',
  context: { b: '[redacted]', a: '[redacted]' },
  constraints: { consent: { scopes: ['simulation.read_context'] } },
  clock_ms: 1767225600000,
};

describe('share links', () => {
  it('round-trip a seed with any Unicode, URL-safe', () => {
    const text = encodeSeed(seed);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSeed(text)).toEqual(seed);
  });
  it('encode the same seed to the same text whatever the key order', () => {
    expect(encodeSeed({ ...seed, context: { a: '[redacted]', b: '[redacted]' } })).toBe(encodeSeed(seed));
  });
  it('refuse garbage with a readable message', () => {
    expect(() => decodeSeed('%%%')).toThrow('readable seed');
    expect(() => decodeSeed(encodeSeed({ nope: 1 } as unknown as DreamSeed))).toThrow('no goal');
  });
});
