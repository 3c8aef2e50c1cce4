/**
 * Seeded pseudo-random streams.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state, period ≥ 2^32 and in
 * practice ~2^127) seeded through cyrb128, a 128-bit string hash. We write it ourselves rather than
 * use a library so that an upgrade can never change the streams under a shared link: every engine's
 * output is a function of these bits.
 *
 * Only 32-bit integer operations and exact IEEE division are used, so every JavaScript engine
 * produces the same numbers.
 */

export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

/** cyrb128: hashes a string into four 32-bit words. */
export function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Empty outputs for the fills' calls with no draw in the constructor. A fill's first call is a long
 * loop: V8 optimised it in the middle of that loop (on-stack replacement) with no feedback yet for
 * the state stores after it, and that code deoptimised at its exit on every later call: 161 times in
 * one page load's warm-up in Chromium (--trace-deopt, `fillOpen`). Run once before, the stores have
 * their feedback when the loop is optimised. The state is stored back unchanged.
 */
const NO_DRAWS = new Float64Array(0);
const NO_WORDS = new Uint32Array(0);
const NO_INTS = new Int32Array(0);

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = seed;
    // The first outputs of a freshly seeded sfc32 are poorly mixed; the reference discards 12.
    for (let i = 0; i < 12; i++) this.uint32();
    // No draw: each fill's state stores after its loop run once here (see NO_DRAWS).
    this.fillOpen(NO_DRAWS, 0);
    this.fillUint32(NO_WORDS, 0);
    this.fillInt(NO_INTS, 0, 1);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  /** See `fillOpenUniform`. */
  fillOpen(out: Float64Array, n: number): void {
    let { a, b, c, d } = this;
    for (let i = 0; i < n; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = ((t >>> 0) + 0.5) / 4294967296;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** See `fillUint32`. */
  fillUint32(out: Uint32Array, n: number): void {
    let { a, b, c, d } = this;
    for (let i = 0; i < n; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = t;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** See `fillInt`. */
  fillInt(out: Int32Array, n: number, maxExclusive: number): void {
    const limit = 4294967296 - (4294967296 % maxExclusive);
    let { a, b, c, d } = this;
    for (let i = 0; i < n; i++) {
      let x: number;
      do {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        x = t >>> 0;
      } while (x >= limit);
      // x % maxExclusive without a floating-point remainder: x < 2^32, so x / maxExclusive is
      // rounded by less than 1 / maxExclusive and its floor is the exact quotient.
      out[i] = x - Math.floor(x / maxExclusive) * maxExclusive;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) {
      throw new RangeError(`int() needs a positive integer bound, got ${maxExclusive}`);
    }
    // Rejection sampling keeps small bounds unbiased.
    if (maxExclusive > 4294967296) return Math.floor(this.next() * maxExclusive);
    const limit = 4294967296 - (4294967296 % maxExclusive);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % maxExclusive;
  }
}

/**
 * The next `n` draws of `rng` as open uniforms (uint32() + 0.5) / 2^32, never 0 or 1, into
 * `out[0..n)`: the same numbers as `n` calls, in one loop with the state in locals (the Monte Carlo's
 * hot path).
 */
export function fillOpenUniform(rng: Rng, out: Float64Array, n: number): void {
  if (rng instanceof Sfc32) rng.fillOpen(out, n);
  else for (let i = 0; i < n; i++) out[i] = (rng.uint32() + 0.5) / 4294967296;
}

/**
 * The next `n` draws of `rng.uint32()` into `out[0..n)`, in one loop with the state in locals: a
 * uint32 above 2^30 returned from a call is a boxed double, and the colony's perception draws
 * 800,000 of them per request.
 */
export function fillUint32(rng: Rng, out: Uint32Array, n: number): void {
  if (rng instanceof Sfc32) rng.fillUint32(out, n);
  else for (let i = 0; i < n; i++) out[i] = rng.uint32();
}

/**
 * The next `n` draws of `rng.int(maxExclusive)` into `out[0..n)`: the same numbers as `n` calls, in
 * one loop with the state in locals (the colony's bootstrap draws 200 × n of them per verdict).
 * `maxExclusive` must be a positive integer below 2^31, as `out` holds 32-bit integers.
 */
export function fillInt(rng: Rng, out: Int32Array, n: number, maxExclusive: number): void {
  if (!Number.isInteger(maxExclusive) || maxExclusive <= 0 || maxExclusive > 2147483647) {
    throw new RangeError(`fillInt() needs a positive integer bound below 2^31, got ${maxExclusive}`);
  }
  if (rng instanceof Sfc32) rng.fillInt(out, n, maxExclusive);
  else for (let i = 0; i < n; i++) out[i] = rng.int(maxExclusive);
}

/**
 * A stream derived from any list of seed parts: `createRng(runSeed, 'branch', branchId)`.
 * Streams for different parts are independent, so results never depend on the order in which
 * branches, agents or turns are evaluated.
 */
export function createRng(...parts: ReadonlyArray<string | number>): Rng {
  return new Sfc32(cyrb128(parts.map((p) => `${typeof p}:${String(p)}`).join('\u241f')));
}

/** Fisher–Yates shuffle of a copy, from the given stream. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
