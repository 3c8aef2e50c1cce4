import { describe, expect, it } from 'vitest';
import { cos, cosTwoPi, fillBoxMuller, log, logScaled32 } from './detMath';
import { createRng } from './rng';

/**
 * Box–Muller's two functions of a uniform, written for their arguments (logScaled32, cosTwoPi, and
 * both written out in fillBoxMuller), must give the bits of the general functions on the same values:
 * the colony's votes are made of them.
 */
const same = (a: number, b: number) => Object.is(a, b);

describe('logScaled32', () => {
  const check = (n: number) => {
    const got = logScaled32(n);
    const want = log(n / 4294967296);
    if (!same(got, want)) expect({ n, got }).toEqual({ n, got: want });
  };

  it('gives the bits of log(n / 2^32) for every n below 2^20 and around every power of two', () => {
    for (let n = 1; n < 1 << 20; n++) check(n);
    for (let e = 20; e <= 32; e++) {
      for (let d = -2000; d <= 2000; d++) {
        const n = 2 ** e + d;
        if (n <= 2 ** 32) check(n);
      }
    }
    expect(logScaled32(4294967296)).toBe(0);
  });

  it('gives the bits of log(1 - next()) for a million draws', () => {
    const rng = createRng('logScaled32');
    for (let r = 0; r < 1_000_000; r++) check(4294967296 - rng.uint32());
  });
});

describe('cosTwoPi', () => {
  const check = (v: number) => {
    const got = cosTwoPi(v);
    const want = cos(2 * Math.PI * v);
    if (!same(got, want)) expect({ v, got }).toEqual({ v, got: want });
  };

  it('gives the bits of cos(2π·v) for a million draws', () => {
    const rng = createRng('cosTwoPi');
    for (let r = 0; r < 1_000_000; r++) check(rng.next());
  });

  it('takes the general path near multiples of π/2 and outside [0, 1)', () => {
    // v within a few thousand ulps of k/4 puts 2πv on the high words where remPio2 adds rounds.
    const bits = new DataView(new ArrayBuffer(8));
    for (let k = 0; k <= 4; k++) {
      bits.setFloat64(0, k / 4);
      const base = bits.getBigInt64(0);
      for (let d = -3000n; d <= 3000n; d++) {
        bits.setBigInt64(0, base + d);
        check(bits.getFloat64(0));
      }
    }
    for (let q = 0; q < 4096; q++) check(q / 4096);
    for (const v of [0, -0, 1, 1.5, -0.25, 3, 1e9, Number.NaN, Infinity, -Infinity, 5e-324]) check(v);
  });
});

describe('fillBoxMuller', () => {
  /** The draws Box–Muller makes of (a, b), by the general functions. */
  const reference = (a: number, b: number) =>
    Math.sqrt(-2 * log(1 - a / 4294967296)) * cos(2 * Math.PI * (b / 4294967296));

  const check = (pairs: number[]) => {
    const draws = Uint32Array.from(pairs);
    const count = draws.length / 2;
    const out = new Float64Array(count + 1);
    out[count] = 7;
    fillBoxMuller(draws, out, count);
    for (let i = 0; i < count; i++) {
      const want = reference(draws[2 * i]!, draws[2 * i + 1]!);
      if (!same(out[i]!, want))
        expect({ pair: [draws[2 * i], draws[2 * i + 1]], got: out[i] }).toEqual({
          pair: [draws[2 * i], draws[2 * i + 1]],
          got: want,
        });
    }
    expect(out[count]).toBe(7);
  };

  it('gives the bits of sqrt(-2 log(1 - u)) cos(2πv) for a million pairs of draws', () => {
    const rng = createRng('fillBoxMuller');
    const pairs: number[] = [];
    for (let r = 0; r < 2_000_000; r++) pairs.push(rng.uint32());
    check(pairs);
  });

  it('on the edges: u = 0, u near 1 and powers of two, v near every quarter turn', () => {
    const rng = createRng('edges');
    const pairs: number[] = [];
    for (let k = 0; k <= 4; k++) {
      for (let d = -3000; d <= 3000; d++) {
        const b = k * 2 ** 30 + d;
        if (b >= 0 && b < 2 ** 32) pairs.push(rng.uint32(), b);
      }
    }
    for (let e = 0; e < 32; e++)
      for (let d = -50; d <= 50; d++) {
        const a = 2 ** 32 - 2 ** e + d;
        if (a >= 0 && a < 2 ** 32) pairs.push(a, rng.uint32());
      }
    pairs.push(0, 0, 0, 2 ** 32 - 1, 2 ** 32 - 1, 0, 2 ** 32 - 1, 2 ** 32 - 1, 1, 1);
    check(pairs);
  });
});
