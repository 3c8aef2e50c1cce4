import { describe, expect, it } from 'vitest';
import { decodeSeed, encodeSeed, readSharedQuery, shareUrl } from './shareLink';
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

describe('share URLs', () => {
  it('carry the seed, its samples per branch and the engine version, and read back', () => {
    const loc = { origin: 'https://example.org', pathname: '/tools/dreamlane/' } as Location;
    const url = shareUrl({ seed: { ...seed, samples: 2000 }, samples: 2000, engine_version: '7' }, loc);
    expect(url).toMatch(
      /^https:\/\/example\.org\/tools\/dreamlane\/#\/lab\?seed=[A-Za-z0-9_-]+&samples=2000&engine=7$/,
    );
    const shared = readSharedQuery(new URLSearchParams(url.split('?')[1]));
    expect(shared).toMatchObject({ samples: '2000', engine: '7' });
    expect(decodeSeed(shared!.seed)).toEqual({ ...seed, samples: 2000 });
    expect(readSharedQuery(new URLSearchParams('x=1'))).toBeNull();
  });
});
