import { describe, expect, it } from 'vitest';
import { decodeSeed, encodeSeed, jsonNesting, MAX_NESTING, readSharedQuery, shareUrl } from './shareLink';
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

describe('hostile share links', () => {
  const b64 = (json: string) => encodeSeed(JSON.parse(json) as DreamSeed);
  it('measure JSON nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonNesting('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonNesting('{"a":"[[[[{{{\\\\\\"[["}')).toBe(1);
    expect(jsonNesting('"x"')).toBe(0);
    expect(jsonNesting('['.repeat(5000), 16)).toBe(17);
  });
  it('refuse a seed nested 5,000 levels deep before parsing it', () => {
    const json = `{"goal":"x","labels":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const text = btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(() => decodeSeed(text)).toThrow(`nests more than ${MAX_NESTING} levels`);
  });
  it('pass shapes the engine must judge (it is the one validator) as they are', () => {
    const crafted = { goal: 'x', labels: 'ΛUSER', stakeholders: { a: 1 } };
    expect(decodeSeed(b64(JSON.stringify(crafted)))).toEqual(crafted);
  });
});
