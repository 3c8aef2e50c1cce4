/**
 * Transcendental functions for engine code.
 *
 * ECMAScript leaves Math.exp/log/pow/sin/cos implementation-approximated, so two browsers may
 * disagree in the last bit and a shared link would then give a different result. Engine code
 * imports these instead of Math.*; they must give bit-identical results in every JavaScript engine.
 * (sqrt, +, -, *, / are exactly rounded by IEEE 754 and are safe to use directly.)
 *
 * They are ports of fdlibm 5.3 (e_exp.c, e_log.c, e_pow.c, k_sin.c, k_cos.c, s_sin.c, s_cos.c,
 * e_rem_pio2.c, k_rem_pio2.c), the code V8's Math functions and FreeBSD's libm grew from: errors
 * stay below 1 ulp, and Node 20's exp, log, sin and cos return the very same bits. Arguments of any
 * size are reduced exactly for sin and cos, huge ones through as many bits of 2/π as they need.
 * Only correctly rounded operations (+ - * /, sqrt, floor, comparisons, 32-bit integer ops) and the
 * bit patterns of doubles are used. JavaScript never contracts a*b+c into a fused multiply-add nor
 * keeps extended precision, so the same inputs take the same path and round the same way
 * everywhere.
 *
 * Special cases follow ECMAScript rather than C99 where they differ: pow(1, NaN) and
 * pow(±1, ±Infinity) are NaN.
 *
 * Derived from fdlibm:
 * ====================================================
 * Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

// One scratch double shared by every call: reading and writing its two 32-bit halves is how fdlibm
// inspects exponents and chops mantissas, and a shared buffer keeps the hot paths allocation-free.
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const u32 = new Uint32Array(f64.buffer);
// Typed arrays use the platform's byte order, so find which half holds the sign and exponent.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** Sign, exponent and top 20 mantissa bits, as a signed 32-bit integer. */
function highWord(x: number): number {
  f64[0] = x;
  return i32[HI]!;
}

/** Bottom 32 mantissa bits, unsigned. */
function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO]!;
}

function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  u32[LO] = lo;
  return f64[0]!;
}

function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  i32[HI] = hi;
  return f64[0]!;
}

/** x with its low 32 bits cleared: a head whose products with short numbers are exact. */
function withLowZero(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0]!;
}

/** 2^n for -1022 <= n <= 1023, exactly. */
function pow2(n: number): number {
  return fromWords((n + 0x3ff) << 20, 0);
}

/** x * 2^n with a single rounding, for normal x (fdlibm's s_scalbn.c). */
function scalbn(x: number, n: number): number {
  const hx = highWord(x);
  let k = ((hx & 0x7ff00000) >> 20) + n;
  if (k > 0x7fe) return x * Infinity;
  if (k > 0) return withHighWord(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) return x * 0;
  k += 54;
  // Scale into the normal range first so the one multiplication into the subnormals does the rounding.
  return withHighWord(x, (hx & 0x800fffff) | (k << 20)) * TWO_M54;
}

const TWO_M54 = 5.55111512312578270212e-17; // 0x3C900000, 0x00000000
const TWO24 = 1.6777216e7; // 0x41700000, 0x00000000
const TWO_M24 = 5.9604644775390625e-8; // 0x3E700000, 0x00000000
const TWO53 = 9007199254740992.0; // 0x43400000, 0x00000000
const TWO54 = 1.8014398509481984e16; // 0x43500000, 0x00000000

// ---------------------------------------------------------------------------------------------------
// exp

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
// fdlibm's range checks on the high word hx of |x|, as doubles: hx >= 0x40862e42, hx > 0x3fd62e42,
// hx < 0x3ff0a2b2 and hx < 0x3e300000 hold exactly when |x| is at least (below) these.
const EXP_BIG = fromWords(0x40862e42, 0);
const EXP_HALF_LN2 = fromWords(0x3fd62e43, 0);
const EXP_1_5_LN2 = fromWords(0x3ff0a2b2, 0);
const EXP_TINY = fromWords(0x3e300000, 0);
/** 2^k for -1021 <= k <= 1023 at index k + 1021: the scaling of exp's result without writing bits. */
const POW2 = new Float64Array(2045);
for (let k = -1021; k <= 1023; k++) POW2[k + 1021] = fromWords(0x3ff00000 + (k << 20), 0);

/**
 * e^x. Reduces x = k ln2 + r with |r| <= ln2/2 (r carried as hi - lo), approximates e^r by a
 * rational function of r² with error below 2^-59, then scales by 2^k. Error < 1 ulp.
 */
export function exp(x: number): number {
  // fdlibm reads the high word of x for its range checks; comparing |x| with the doubles whose high
  // words those are (low word zero) takes the same branches without storing x to memory, which the
  // Monte Carlo's lognormal draws pay for once per sample.
  const ax = x < 0 ? -x : x;
  let hi = 0;
  let lo = 0;
  let k = 0;

  // |x| >= 709.78: overflow, underflow or not finite (or, just inside the thresholds, computed below).
  if (!(ax < EXP_BIG) && expSaturates(x)) return +expSaturated(x);

  if (ax >= EXP_HALF_LN2) {
    if (ax < EXP_1_5_LN2) {
      // The reduction below lands exp(1) one ulp high; Math.E is the correctly rounded value and V8
      // special-cases it too, so keep exp(1) === Math.E.
      if (x === 1) return Math.E;
      if (x < 0) {
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
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // k * LN2_HI is exact: LN2_HI ends in 21 zero bits and |k| < 2^11
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < EXP_TINY) {
    // |x| < 2^-28: e^x rounds to 1 + x.
    return 1 + x;
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO1023;
    return y * POW2[k + 1021]!;
  }
  return +expDeepUnderflow(y, k);
}

// exp's rare cases live apart: they keep its bytecode under V8's inlining limit (460 bytes), so the
// samplers' loops take exp inline and a lognormal draw allocates no boxed double for its result.

/** Whether exp(x) is 0, Infinity or NaN outright (x not finite or beyond the thresholds). */
function expSaturates(x: number): boolean {
  return x !== x || x === Infinity || x === -Infinity || x > O_THRESHOLD || x < U_THRESHOLD;
}

function expSaturated(x: number): number {
  if (x !== x) return NaN;
  if (x === Infinity || x === -Infinity) return x < 0 ? 0 : x;
  return x > O_THRESHOLD ? Infinity : 0;
}

/** y · 2^k for k < -1021: scaled in two steps so the final multiplication rounds into the subnormals once. */
function expDeepUnderflow(y: number, k: number): number {
  return y * fromWords(0x3ff00000 + ((k + 1000) << 20), 0) * TWO_M1000;
}

// ---------------------------------------------------------------------------------------------------
// log

const LG1 = 6.66666666666673513e-1; // 0x3FE55555, 0x55555593
const LG2 = 3.999999999940941908e-1; // 0x3FD99999, 0x9997FA04
const LG3 = 2.857142874366239149e-1; // 0x3FD24924, 0x94229359
const LG4 = 2.222219843214978396e-1; // 0x3FCC71C5, 0x1D8E78AF
const LG5 = 1.818357216161805012e-1; // 0x3FC74664, 0x96CB03DE
const LG6 = 1.531383769920937332e-1; // 0x3FC39A09, 0xD078C69F
const LG7 = 1.479819860511658591e-1; // 0x3FC2F112, 0xDF3E5244

/**
 * Natural logarithm. Writes x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2), then
 * log(1 + f) = 2s + s R(s²) with s = f / (2 + f), R a minimax polynomial. Error < 1 ulp.
 */
export function log(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;

  if (hx < 0x00100000) {
    // Zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Pick the exponent that puts the mantissa in [sqrt(2)/2, sqrt(2)).
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  return logReduced(x - 1, k, hx);
}

/** log(2^k (1 + f)), given f and the top 20 fraction bits hx of the reduced mantissa. */
function logReduced(f: number, k: number, hx: number): number {
  const dk = k;

  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: a short series is accurate enough.
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }

  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  // Near 1 ± 0.4 the f²/2 term is split off to keep the error under 1 ulp.
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/**
 * log(n / 2^32) for a whole number 1 <= n <= 2^32, the same bits as log(n / 4294967296), in half
 * the time: the exponent and the top fraction bits come from n by integer operations (count leading
 * zeros, shifts) instead of through memory, and the mantissa is scaled into place by an exact power
 * of two. One minus a 32-bit uniform, whose log Box–Muller takes, is such a fraction.
 */
export function logScaled32(n: number): number {
  if (n >= 4294967296) return 0; // log(1)
  const lz = Math.clz32(n);
  // n = 1.f · 2^(31 - lz): shifting the leading one out leaves f's top 31 bits; keep 20, as fdlibm.
  const hx = ((n << lz) << 1) >>> 12;
  const i = (hx + 0x95f64) & 0x100000;
  // n / 2^32 = 1.f · 2^(-1 - lz); as in log(), the mantissa goes to [sqrt(2)/2, sqrt(2)), 2^k times
  // it being n / 2^32: that mantissa is n · 2^(-32 - k), exactly.
  const k = -1 - lz + (i >> 20);
  return logReduced(n * POW2[989 - k]! - 1, k, hx);
}

// ---------------------------------------------------------------------------------------------------
// pow

const DP_H = 5.84962487220764160156e-1; // 0x3FE2B803, 0x40000000: log2(1.5), high part
const DP_L = 1.35003920212974897128e-8; // 0x3E4CFDEB, 0x43CFD006: log2(1.5), low part
const L1 = 5.99999999999994648725e-1; // 0x3FE33333, 0x33333303
const L2 = 4.28571428578550184252e-1; // 0x3FDB6DB6, 0xDB6FABFF
const L3 = 3.33333329818377432918e-1; // 0x3FD55555, 0x518F264D
const L4 = 2.72728123808534006489e-1; // 0x3FD17460, 0xA91D4101
const L5 = 2.30660745775561754067e-1; // 0x3FCD864A, 0x93C9DB65
const L6 = 2.06975017800338417784e-1; // 0x3FCA7E28, 0x4A454EEF
const LG2_FULL = 6.93147180559945286227e-1; // 0x3FE62E42, 0xFEFA39EF
const LG2_H = 6.93147182464599609375e-1; // 0x3FE62E43, 0x00000000
const LG2_L = -1.90465429995776804525e-9; // 0xBE205C61, 0x0CA86C39
const OVT = 8.008566259537294e-17; // -(1024 - log2(overflow + 0.5 ulp))
const CP = 9.61796693925975554329e-1; // 0x3FEEC709, 0xDC3A03FD: 2 / (3 ln2)
const CP_H = 9.61796700954437255859e-1; // 0x3FEEC709, 0xE0000000
const CP_L = -7.02846165095275826516e-9; // 0xBE3E2FE0, 0x145B01F5
const IVLN2 = 1.442695040888963387; // 0x3FF71547, 0x652B82FE
const IVLN2_H = 1.44269502162933349609; // 0x3FF71547, 0x60000000
const IVLN2_L = 1.92596299112661746887e-8; // 0x3E54AE0B, 0xF85DDF44

/**
 * x^y. Computes log2(x) in extra precision as t1 + t2 (t1 with 29 trailing zero bits), forms
 * y·log2(x) = n + y' exactly enough to keep |y'| <= 1/2, and returns 2^n · e^(y' ln2). Integer
 * powers of integers are exact when representable. Error < 1 ulp.
 *
 * V8's copy moves the w terms into the divisor of the last step; this keeps fdlibm's form, whose
 * worst case is smaller, so V8's Math.pow differs from it by 1 ulp for a few percent of arguments.
 */
export function pow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1;
  // ECMAScript, unlike C99, makes 1^NaN and (±1)^±Infinity NaN.
  if (x !== x || y !== y) return NaN;
  if (hx === 0x3ff00000 && lx === 0) return iy === 0x7ff00000 ? NaN : 1;

  // For negative x: 0 if y is not an integer, 1 if it is odd, 2 if even.
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2; // |y| >= 2^53: every such double is even
    } else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if ((j << (52 - e)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if (j << (20 - e) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (-1)^±Infinity
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x;
    if (hy === 0x40000000) return x * x;
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x);
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x is ±0, ±Infinity or -1.
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN;
      else if (yisint === 1) z = -z;
    }
    return z;
  }

  if (hx < 0 && yisint === 0) return NaN;
  const s = hx < 0 && yisint === 1 ? -1 : 1;

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31: the result over- or underflows unless x is within 2^-20 of 1.
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // log(x) by x - x²/2 + x³/3 - x⁴/4 suffices; t has 20 trailing zeros.
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = withLowZero(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    // Centre the mantissa on 1 (below sqrt(3/2)) or 1.5 (below sqrt(3)); above, halve it.
    let big = false;
    if (j > 0x3988e) {
      if (j < 0xbb67a) {
        big = true;
      } else {
        n += 1;
        ix -= 0x00100000;
      }
    }
    ax = withHighWord(ax, ix);
    const bp = big ? 1.5 : 1;
    const dpH = big ? DP_H : 0;
    const dpL = big ? DP_L : 0;

    // ss = s_h + s_l = (x - bp) / (x + bp)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = withLowZero(ss);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (big ? 1 << 18 : 0), 0);
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = withLowZero(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    u = sH * tH;
    v = sL * tH + tL * ss;
    // log2(ax) = n + dp_h + z_h + z_l, with (u + v) · 2/(3 ln2)
    const pH = withLowZero(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + dpL;
    const t = n;
    t1 = withLowZero(zH + zL + dpH + t);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // (y1 + y2) · (t1 + t2) with y1 short enough that y1 · t1 is exact.
  const y1 = withLowZero(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  const j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    // z >= 1024
    if (((j - 0x40900000) | i) !== 0) return s * Infinity;
    if (pL + OVT > z - pH) return s * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z <= -1075
    if (j !== (0xc090cc00 | 0) || i !== 0) return s * 0;
    if (pL <= z - pH) return s * 0;
  }

  // 2^(pH + pL): split off the nearest integer n, then e^(r ln2) for |r| <= 1/2.
  const absJ = j & 0x7fffffff;
  let k = (absJ >> 20) - 0x3ff;
  let n = 0;
  if (absJ > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  let t = withLowZero(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_FULL + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  t = z * z;
  const c = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z);
  const hz = highWord(z) + (n << 20);
  if (hz >> 20 <= 0) return s * scalbn(z, n); // subnormal result
  return s * withHighWord(z, hz);
}

// ---------------------------------------------------------------------------------------------------
// sin, cos

const S1 = -1.66666666666666324348e-1; // 0xBFC55555, 0x55555549
const S2 = 8.33333333332248946124e-3; // 0x3F811111, 0x1110F8A6
const S3 = -1.98412698298579493134e-4; // 0xBF2A01A0, 0x19C161D5
const S4 = 2.75573137070700676789e-6; // 0x3EC71DE3, 0x57B1FE7D
const S5 = -2.50507602534068634195e-8; // 0xBE5AE5E6, 0x8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 0x3DE5D93A, 0x5ACFD57C
const C1 = 4.16666666666666019037e-2; // 0x3FA55555, 0x5555554C
const C2 = -1.38888888888741095749e-3; // 0xBF56C16C, 0x16C15177
const C3 = 2.48015872894767294178e-5; // 0x3EFA01A0, 0x19CB1590
const C4 = -2.75573143513906633035e-7; // 0xBE927E4F, 0x809C52AD
const C5 = 2.0875723212981748279e-9; // 0x3E21EE9E, 0xBDB4B1C4
const C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9, 0xBE8838D4

/** sin(x + y) on [-π/4, π/4], y being the tail of a reduced argument (or 0 when there is none). */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!hasTail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) on [-π/4, π/4]. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // Subtracting qx ≈ x²/8 from both halves first keeps 1 - x²/2 from losing bits for |x| >= 0.3.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INV_PIO2 = 6.36619772367581382433e-1; // 0x3FE45F30, 0x6DC9C883: 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417; // 0x3FF921FB, 0x54400000: first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3DD0B461, 0x1A626331: π/2 - PIO2_1
const PIO2_2 = 6.0771005063039659766e-11; // 0x3DD0B461, 0x1A600000: second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // 0x3BA3198A, 0x2E037073: π/2 - (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111664558e-21; // 0x3BA3198A, 0x2E000000: third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // 0x397B839A, 0x252049C1

/** High words of n·π/2 for n = 1..32: a reduction near these can cancel many leading bits. */
const NPIO2_HW = new Int32Array([
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
]);

// The reduced argument of the last remPio2 call as head and tail. A typed array rather than two
// module variables: V8 boxes every double stored into a module-level let, which showed up as GC.
const REM = new Float64Array(2);

/**
 * x - n·π/2 into REM[0] + REM[1] with |REM[0] + REM[1]| <= π/4 (about), returning n. Up to
 * 2^19·π/2 it subtracts π/2 split into 33-bit pieces, adding pieces while cancellation eats
 * leading bits; beyond that it multiplies by 2/π to as many bits as the exponent needs.
 */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  let y0: number;
  let y1: number;

  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        y0 = z - PIO2_1T;
        y1 = z - y0 - PIO2_1T;
      } else {
        // Near π/2 the first tail cancels too, so use 33 more bits of π/2.
        z -= PIO2_2;
        y0 = z - PIO2_2T;
        y1 = z - y0 - PIO2_2T;
      }
      REM[0] = y0;
      REM[1] = y1;
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      y0 = z + PIO2_1T;
      y1 = z - y0 + PIO2_1T;
    } else {
      z += PIO2_2;
      y0 = z + PIO2_2T;
      y1 = z - y0 + PIO2_2T;
    }
    REM[0] = y0;
    REM[1] = y1;
    return -1;
  }

  if (ix <= 0x413921fb) {
    // |x| <= 2^19·π/2
    const t0 = Math.abs(x);
    const n = (t0 * INV_PIO2 + 0.5) | 0;
    const fn = n;
    let r = t0 - fn * PIO2_1;
    let w = fn * PIO2_1T; // first round good to 85 bits
    y0 = r - w;
    if (n >= 32 || ix === NPIO2_HW[n - 1]) {
      const j = ix >> 20;
      let i = j - ((highWord(y0) >> 20) & 0x7ff);
      if (i > 16) {
        // Second round, good to 118 bits.
        let t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - (t - r - w);
        y0 = r - w;
        i = j - ((highWord(y0) >> 20) & 0x7ff);
        if (i > 49) {
          // Third round, 151 bits: enough for every double.
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - (t - r - w);
          y0 = r - w;
        }
      }
    }
    y1 = r - y0 - w;
    if (hx < 0) {
      REM[0] = -y0;
      REM[1] = -y1;
      return -n;
    }
    REM[0] = y0;
    REM[1] = y1;
    return n;
  }

  if (ix >= 0x7ff00000) {
    REM[0] = REM[1] = NaN;
    return 0;
  }
  return remPio2Large(x, hx, ix);
}

/** remPio2 beyond 2^19·π/2, kept apart so the common path stays small enough to inline. */
function remPio2Large(x: number, hx: number, ix: number): number {
  // Split |x| into three 24-bit pieces scaled by 2^e0.
  const e0 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  TX[0] = z | 0;
  z = (z - TX[0]!) * TWO24;
  TX[1] = z | 0;
  z = (z - TX[1]!) * TWO24;
  TX[2] = z;
  let nx = 3;
  while (TX[nx - 1] === 0) nx--;
  const n = kernelRemPio2(e0, nx);
  if (hx < 0) {
    REM[0] = -REM[0]!;
    REM[1] = -REM[1]!;
    return -n;
  }
  return n;
}

/** 2/π in 24-bit chunks: bits 24i .. 24i+23 after the binary point. 66 chunks cover any double. */
const IPIO2 = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb,
  0xc561b7, 0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5,
  0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8,
  0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d,
  0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b,
  0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880,
  0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
]);

/** π/2 in 24-bit pieces. */
const PIO2 = new Float64Array([
  1.57079625129699707031, // 0x3FF921FB, 0x40000000
  7.54978941586159635335e-8, // 0x3E74442D, 0x00000000
  5.39030252995776476554e-15, // 0x3CF84698, 0x80000000
  3.28200341580791294123e-22, // 0x3B78CC51, 0x60000000
  1.27065575308067607349e-29, // 0x39F01B83, 0x80000000
  1.22933308981111328932e-36, // 0x387A2520, 0x40000000
  2.73370053816464559624e-44, // 0x36E38222, 0x80000000
  2.16741683877804819444e-51, // 0x3569F31D, 0x00000000
]);

// Scratch for kernelRemPio2, sized as in fdlibm.
const TX = new Float64Array(3);
const F = new Float64Array(20);
const Q = new Float64Array(20);
const FQ = new Float64Array(20);
const IQ = new Int32Array(20);

/**
 * fdlibm's __kernel_rem_pio2 at double precision: the integer (mod 8) and fraction parts of
 * (2/π)·x from only the chunks of 2/π that matter, so its cost does not grow with the exponent.
 * Reads TX[0..nx-1] (x = Σ TX[i]·2^(e0-24i)), writes REM[0] + REM[1] and returns n mod 8.
 */
function kernelRemPio2(e0: number, nx: number): number {
  const jk = 4; // initial chunks of 2/π, two more than strictly needed so the recompute test works
  const jp = jk;
  const jx = nx - 1;
  let jv = ((e0 - 3) / 24) | 0;
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);

  let j = jv - jx;
  const m = jx + jk;
  for (let i = 0; i <= m; i++, j++) F[i] = j < 0 ? 0 : IPIO2[j]!;

  for (let i = 0; i <= jk; i++) {
    let fw = 0;
    for (let jj = 0; jj <= jx; jj++) fw += TX[jj]! * F[jx + i - jj]!;
    Q[i] = fw;
  }

  let jz = jk;
  let n = 0;
  let ih = 0;
  let z = 0;
  for (;;) {
    // Distill q[] into 24-bit integers iq[], most significant last.
    z = Q[jz]!;
    for (let i = 0, jj = jz; jj > 0; i++, jj--) {
      const fw = (TWO_M24 * z) | 0;
      IQ[i] = (z - TWO24 * fw) | 0;
      z = Q[jj - 1]! + fw;
    }

    z *= pow2(q0);
    z -= 8 * Math.floor(z * 0.125); // integer part mod 8
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const i = IQ[jz - 1]! >> (24 - q0);
      n += i;
      IQ[jz - 1]! -= i << (24 - q0);
      ih = IQ[jz - 1]! >> (23 - q0);
    } else if (q0 === 0) {
      ih = IQ[jz - 1]! >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }

    if (ih > 0) {
      // Fraction >= 1/2: round n up and take 1 - fraction.
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const v = IQ[i]!;
        if (carry === 0) {
          if (v !== 0) {
            carry = 1;
            IQ[i] = 0x1000000 - v;
          }
        } else {
          IQ[i] = 0xffffff - v;
        }
      }
      if (q0 === 1) IQ[jz - 1]! &= 0x7fffff;
      else if (q0 === 2) IQ[jz - 1]! &= 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= pow2(q0);
      }
    }

    if (z !== 0) break;
    let any = 0;
    for (let i = jz - 1; i >= jk; i--) any |= IQ[i]!;
    if (any !== 0) break;
    // Everything cancelled: pull in more chunks of 2/π and start over.
    let k = 1;
    while (IQ[jk - k] === 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) {
      F[jx + i] = IPIO2[jv + i]!;
      let fw = 0;
      for (let jj = 0; jj <= jx; jj++) fw += TX[jj]! * F[jx + i - jj]!;
      Q[i] = fw;
    }
    jz += k;
  }

  // Drop trailing zero chunks, or split the fraction's top into one more chunk.
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z *= pow2(-q0);
    if (z >= TWO24) {
      const fw = (TWO_M24 * z) | 0;
      IQ[jz] = (z - TWO24 * fw) | 0;
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else {
      IQ[jz] = z | 0;
    }
  }

  let fw = pow2(q0);
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * IQ[i]!;
    fw *= TWO_M24;
  }

  for (let i = jz; i >= 0; i--) {
    let acc = 0;
    for (let k = 0; k <= jp && k <= jz - i; k++) acc += PIO2[k]! * Q[i + k]!;
    FQ[jz - i] = acc;
  }

  let sum = 0;
  for (let i = jz; i >= 0; i--) sum += FQ[i]!;
  REM[0] = ih === 0 ? sum : -sum;
  sum = FQ[0]! - sum;
  for (let i = 1; i <= jz; i++) sum += FQ[i]!;
  REM[1] = ih === 0 ? sum : -sum;
  return n & 7;
}

/** Sine, error < 1 ulp for every finite argument. */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| <= π/4
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelSin(REM[0]!, REM[1]!, true);
    case 1:
      return kernelCos(REM[0]!, REM[1]!);
    case 2:
      return -kernelSin(REM[0]!, REM[1]!, true);
    default:
      return -kernelCos(REM[0]!, REM[1]!);
  }
}

/** Cosine, error < 1 ulp for every finite argument. */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| <= π/4
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelCos(REM[0]!, REM[1]!);
    case 1:
      return -kernelSin(REM[0]!, REM[1]!, true);
    case 2:
      return -kernelCos(REM[0]!, REM[1]!);
    default:
      return kernelSin(REM[0]!, REM[1]!, true);
  }
}

const TWO_PI = 2 * Math.PI;

/**
 * cos(2π·v) for a uniform 0 <= v < 1, the same bits as cos(2 * Math.PI * v) (other v go there).
 * The argument lies in [0, 2π), where remPio2 takes its two short paths, so they are written out
 * here with the reduced argument in locals: Box–Muller's cosine costs half as much.
 */
export function cosTwoPi(v: number): number {
  const x = TWO_PI * v;
  if (!(v >= 0 && v < 1)) return cos(x);
  const hx = highWord(x);
  if (hx <= 0x3fe921fb) return kernelCos(x, 0); // x <= π/4
  let n: number;
  let y0: number;
  let y1: number;
  if (hx < 0x4002d97c) {
    // x < 3π/4: n = 1
    n = 1;
    let z = x - PIO2_1;
    if (hx !== 0x3ff921fb) {
      y0 = z - PIO2_1T;
      y1 = z - y0 - PIO2_1T;
    } else {
      z -= PIO2_2;
      y0 = z - PIO2_2T;
      y1 = z - y0 - PIO2_2T;
    }
  } else {
    n = (x * INV_PIO2 + 0.5) | 0;
    // Near a multiple of π/2 the first round may cancel too many bits: remPio2 adds rounds there.
    if (hx === NPIO2_HW[n - 1]) return cos(x);
    const r = x - n * PIO2_1;
    const w = n * PIO2_1T;
    y0 = r - w;
    y1 = r - y0 - w;
  }
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, true);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, true);
  }
}

/**
 * Standard normal draws by Box–Muller from 32-bit uniforms in pairs: out[i] is
 * sqrt(-2 · log(1 − a / 2^32)) · cos(2π · b / 2^32) for (a, b) = (draws[2i], draws[2i + 1]), the
 * same bits as `Math.sqrt(-2 * logScaled32(2^32 - a)) * cosTwoPi(b / 2^32)`. Those two are written
 * out in the loop and every draw goes straight to memory: a call that V8 does not inline takes and
 * returns its doubles boxed on the heap, and at 400,000 draws per colony request (six boxes each)
 * collecting them cost about as much as the arithmetic.
 */
export function fillBoxMuller(draws: Uint32Array, out: Float64Array, count: number): void {
  for (let i = 0; i < count; i++) {
    // logScaled32(2^32 - a)
    const a = draws[2 * i]!;
    let lg = 0;
    if (a !== 0) {
      const n = 4294967296 - a;
      const lz = Math.clz32(n);
      const hx = ((n << lz) << 1) >>> 12;
      const k = -1 - lz + (((hx + 0x95f64) & 0x100000) >> 20);
      // logReduced(f, k, hx), written out: not inlined, its arguments and result would be boxed.
      const f = n * POW2[989 - k]! - 1;
      const dk = k;
      if ((0x000fffff & (2 + hx)) < 3) {
        if (f === 0) lg = k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
        else {
          const r = f * f * (0.5 - 0.3333333333333333 * f);
          lg = k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
        }
      } else {
        const s = f / (2 + f);
        const z = s * s;
        const w = z * z;
        const t1 = w * (LG2 + w * (LG4 + w * LG6));
        const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        const r = t2 + t1;
        if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
          const hfsq = 0.5 * f * f;
          lg =
            k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
        } else {
          lg = k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
        }
      }
    }
    // cosTwoPi(b / 2^32): b / 2^32 is in [0, 1), so x is in [0, 2π).
    const x = TWO_PI * (draws[2 * i + 1]! / 4294967296);
    const hx = highWord(x);
    // cos(x) is ±kernelCos or ±kernelSin of the reduced argument y0 + y1; one call site each keeps
    // both within V8's inlining budget.
    let y0 = x;
    let y1 = 0;
    let n = 0;
    if (hx > 0x3fe921fb) {
      if (hx < 0x4002d97c) {
        n = 1;
        let z = x - PIO2_1;
        if (hx !== 0x3ff921fb) {
          y0 = z - PIO2_1T;
          y1 = z - y0 - PIO2_1T;
        } else {
          z -= PIO2_2;
          y0 = z - PIO2_2T;
          y1 = z - y0 - PIO2_2T;
        }
      } else {
        n = (x * INV_PIO2 + 0.5) | 0;
        const r = x - n * PIO2_1;
        const w = n * PIO2_1T;
        y0 = r - w;
        y1 = r - y0 - w;
        // Near a multiple of π/2 remPio2 would add rounds: take the general path there.
        if (hx === NPIO2_HW[n - 1]) n = -1;
      }
    }
    let c: number;
    if (n < 0) c = cos(x);
    else {
      c = (n & 1) === 0 ? kernelCos(y0, y1) : kernelSin(y0, y1, true);
      // n = 1, 2 give -sin, -cos; n = 0, 3, 4 give cos, sin, cos.
      if (n === 1 || n === 2) c = -c;
    }
    out[i] = Math.sqrt(-2 * lg) * c;
  }
}
