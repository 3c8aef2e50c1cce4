import { describe, expect, it } from 'vitest';
import { exp } from './detMath';
import { createRng } from './rng';

/**
 * exp() takes fdlibm's branches by comparing |x| with doubles instead of reading x's high word, and
 * scales by a table of powers of two. This is fdlibm's form as it was, to check the bits are the same.
 */
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;
function highWord(x: number): number {
  f64[0] = x;
  return i32[HI]!;
}
function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  u32[LO] = lo;
  return f64[0]!;
}
const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42, 0xFEFA39EF
const U_THRESHOLD = -7.4513321910194110842e2; // 0xC0874910, 0xD52D3051
const LN2_HI = 6.9314718036912381649e-1; // 0x3FE62E42, 0xFEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF, 0x35793C76
const INV_LN2 = 1.442695040888963387; // 0x3FF71547, 0x652B82FE
const P1 = 1.66666666666666019037e-1; // 0x3FC55555, 0x5555553E
const P2 = -2.77777777770155933842e-3; // 0xBF66C16C, 0x16BEBD93
const P3 = 6.61375632143793436117e-5; // 0x3F11566A, 0xAF25DE2C
const P4 = -1.6533902205465251539e-6; // 0xBEBBBD41, 0xC5D26BF1
const P5 = 4.13813679705723846039e-8; // 0x3E663769, 0x72BEA4D0
const TWO_M1000 = 9.3326361850321887899e-302; // 0x01700000, 0x00000000
const TWO1023 = 8.98846567431157953865e307; // 0x7FE00000, 0x00000000

function expByHighWord(x: number): number {
  const hxs = highWord(x);
  const negative = hxs < 0;
  const hx = hxs & 0x7fffffff;
  let hi = 0;
  let lo = 0;
  let k = 0;

  if (hx >= 0x40862e42) {
    // |x| >= 709.78: overflow, underflow or not finite.
    if (hx >= 0x7ff00000) {
      if (x !== x) return NaN;
      return negative ? 0 : x;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }

  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      // The reduction below lands exp(1) one ulp high; Math.E is the correctly rounded value and V8
      // special-cases it too, so keep exp(1) === Math.E.
      if (x === 1) return Math.E;
      if (negative) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      // Truncation toward zero, as C's (int) cast; |k| <= 1075 so | 0 is exact.
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // k * LN2_HI is exact: LN2_HI ends in 21 zero bits and |k| < 2^11
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28: e^x rounds to 1 + x.
    return 1 + x;
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO1023;
    return y * fromWords(0x3ff00000 + (k << 20), 0);
  }
  // Deep underflow: scale in two steps so the final multiplication rounds into the subnormals once.
  return y * fromWords(0x3ff00000 + ((k + 1000) << 20), 0) * TWO_M1000;
}

describe('exp', () => {
  it('gives the bits of the high-word form everywhere', () => {
    const rng = createRng('exp-bits');
    const xs: number[] = [0, -0, 1, -1, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE];
    // Both sides of every boundary fdlibm tests on the high word, and of its overflow thresholds.
    for (const hi of [0x40862e42, 0x3fd62e42, 0x3fd62e43, 0x3ff0a2b2, 0x3ff0a2b1, 0x3e300000, 0x3e2fffff]) {
      for (const lo of [0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]) {
        xs.push(fromWords(hi, lo), -fromWords(hi, lo));
      }
    }
    xs.push(709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.4, -720);
    for (let i = 0; i < 200_000; i++) {
      xs.push(-750 + rng.next() * 1470, (rng.next() - 0.5) * 4);
      // Any bit pattern at all.
      xs.push(fromWords(rng.uint32() | 0, rng.uint32()));
    }
    const bad = xs.filter((x) => !Object.is(exp(x), expByHighWord(x)));
    expect(bad).toEqual([]);
  });
});
