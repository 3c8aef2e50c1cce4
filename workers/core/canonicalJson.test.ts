import fc from 'fast-check';
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
  it('writes what the map-and-join form wrote, value for value', () => {
    // The form canonicalJson had before it appended to strings: JSON.stringify for every number.
    const reference = (v: unknown): string => {
      if (v === null || typeof v !== 'object') return Object.is(v, -0) ? '0' : JSON.stringify(v);
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
      if (ArrayBuffer.isView(v))
        return `[${Array.from(v as unknown as ArrayLike<number>, reference).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
    };
    const shared = { q: 1 };
    expect(canonicalJson([shared, { s: shared }, Float64Array.of(1.5, -0)])).toBe(
      '[{"q":1},{"s":{"q":1}},[1.5,0]]',
    );
    fc.assert(
      fc.property(
        fc.jsonValue().chain((j) =>
          fc.constantFrom(j, [j, 1e21, 1e-7, 5e-324, -0, 2 ** 53, 'a"\\\n\u0001\ud800é'], {
            z: j,
            a: [undefined],
          }),
        ),
        (v) => {
          expect(canonicalJson(v)).toBe(reference(v));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('hashes equal values equally regardless of key order', () => {
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
