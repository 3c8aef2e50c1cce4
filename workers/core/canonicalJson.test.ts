import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';
import { hashValue, sha256Hex } from './hash';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":"x","z":0}]},"b":1}',
    );
  });
  it('writes -0 as 0 and refuses non-finite numbers and cycles', () => {
    expect(canonicalJson([-0, 0.5])).toBe('[0,0.5]');
    expect(() => canonicalJson({ x: NaN })).toThrow(/non-finite/);
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/cycle/);
  });
  it('hashes equal values equally regardless of key order', () => {
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
