/**
 * Sorts a column of doubles ascending in place, in exactly the order a typed array's own `sort()`
 * gives (-0 just before +0): a least-significant-digit radix sort over the bits of each double, keys
 * kept in pairs (one write per move), skipping a digit every value shares. Sorting each branch's
 * outcomes was a large share of a job (a 625k-sample branch took longer to sort than to draw); this
 * takes a fraction of the comparison sort's time. Numbers have one ascending order, so the result is
 * the same array of bits either way. A column holding a NaN (which the lane never produces: outcomes
 * are checked finite) falls back to the typed array's sort, which puts NaN last.
 *
 * Only the high words (sign, exponent, top 20 bits of the fraction) are radix sorted, in three passes
 * of 11 bits: two outcomes rarely share a high word, so an insertion pass over the low words then puts
 * each run of equal high words in order, at the cost of a comparison per value. Half the passes of
 * sorting all 64 bits; a column with many long runs of one high word and differing low words (which
 * outcomes are not) goes on to the three low-word passes instead.
 */

// Typed arrays use the platform's byte order, so find which 32-bit half holds the sign and exponent.
export const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
export const LO = 1 - HI;

/** Below this a comparison sort is as fast, and the histograms' set-up is not worth it. */
const RADIX_MIN = 256;

const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/**
 * The key buffers of one thread's sorts, kept from one call to the next: a job sorts its branches one
 * after another, and two fresh arrays of 16 bytes a value per branch (10 MB at 625k) cost a third
 * of the sort in zero-filling, first touches and collection. Held by a job's scratch, so they go
 * when the job does.
 */
export class SortScratch {
  private a = new Uint32Array(0);
  private b = new Uint32Array(0);
  /**
   * The six digits' histograms (48 KB), zeroed for each sort: allocated afresh for every sort they
   * cost about an eighth of a 10,000-value sort (502 against 438 µs in Node); V8 gives a typed array
   * that size memory of its own and takes it back only at a collection.
   */
  private histograms: Uint32Array | null = null;

  /** The histograms, all zero. */
  counts(): Uint32Array {
    if (!this.histograms) return (this.histograms = new Uint32Array(6 * BUCKETS));
    return this.histograms.fill(0);
  }

  /** Two buffers of `len` words (their contents are left from the last sort: every word is written before it is read). */
  take(len: number): [Uint32Array, Uint32Array] {
    if (this.a.length < len) {
      this.a = new Uint32Array(len);
      this.b = new Uint32Array(len);
    }
    return [this.a.subarray(0, len), this.b.subarray(0, len)];
  }

  /** Lets the buffers go if together they hold more than `maxBytes`. */
  trim(maxBytes: number): void {
    if (this.a.byteLength + this.b.byteLength > maxBytes) {
      this.a = new Uint32Array(0);
      this.b = new Uint32Array(0);
    }
  }
}

export function sortDoubles(xs: Float64Array, scratch?: SortScratch): Float64Array {
  const n = xs.length;
  if (n < RADIX_MIN) return xs.sort();
  const words = new Uint32Array(xs.buffer, xs.byteOffset, 2 * n);
  // The keys and the digits' histograms (see `toKeys`).
  let [keys, out] = scratch ? scratch.take(2 * n) : [new Uint32Array(2 * n), new Uint32Array(2 * n)];
  const count = scratch ? scratch.counts() : new Uint32Array(6 * BUCKETS);
  if (!toKeys(words, keys, count, n)) return xs.sort();
  // The high word's digits first: the keys in order of their high words.
  for (let pass = 3; pass < 6; pass++) {
    if (radixPass(keys, out, n, count, pass)) {
      const t = keys;
      keys = out;
      out = t;
    }
  }
  if (!orderLowWords(keys, n)) {
    // Too many values share a high word: sort by all six digits (the low word's, then the high
    // word's again). Any starting order gives the same sorted bits.
    countDigits(keys, n, count);
    for (let pass = 0; pass < 6; pass++) {
      if (radixPass(keys, out, n, count, pass)) {
        const t = keys;
        keys = out;
        out = t;
      }
    }
  }
  fromKeys(keys, words, n);
  return xs;
}

/*
 * The keys' sign mapping is done by masks, not by a branch on the sign (`h >> 31` is all ones for a
 * negative number, none for a positive one): with a branch, V8 optimised the passes for the signs the
 * first columns held (a warm-up's outcomes, all positive) and threw that code away at the first
 * negative outcome, then compiled them again inside a person's first job (--trace-deopt in Chromium:
 * "insufficient type feedback for unary operation" in `toKeys`, for binary operation in `fromKeys`).
 *
 * The two passes between doubles and keys are functions of their own, as the digit passes are: while
 * a first sort ran, V8 optimised the whole of `sortDoubles` in the middle of its first loop (on-stack
 * replacement) with no feedback yet for what follows, and threw that code away on reaching it (in a
 * job with nothing warmed, three TurboFan compiles of `sortDoubles`, 27 ms, --trace-opt in Node).
 */

/**
 * Doubles to keys: (low word, high word) pairs, mapped so that they sort as unsigned integers in the
 * numbers' order, with one histogram per digit of the high word, all counted in one pass. False, with
 * the keys unfinished, if a value is NaN (the typed array's own sort places those).
 */
function toKeys(words: Uint32Array, keys: Uint32Array, count: Uint32Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + HI]!;
    let l = words[2 * i + LO]!;
    if ((h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) | l) !== 0) return false;
    // Negative numbers: all bits flipped, so larger magnitudes sort first; positive: the sign bit set.
    // By masks, not a branch (see above the function).
    const flip = h >> 31;
    h = (h ^ (flip | 0x80000000)) >>> 0;
    l = (l ^ flip) >>> 0;
    keys[2 * i] = l;
    keys[2 * i + 1] = h;
    count[3 * BUCKETS + (h & MASK)]!++;
    count[4 * BUCKETS + ((h >>> BITS) & MASK)]!++;
    count[5 * BUCKETS + (h >>> (2 * BITS))]!++;
  }
  return true;
}

/** Keys back to doubles, into `words` (the array being sorted). */
function fromKeys(keys: Uint32Array, words: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const l = keys[2 * i]!;
    const h = keys[2 * i + 1]!;
    // The sign bit set: a positive number, whose key had only that bit changed; else every bit.
    const flip = ~(h >> 31);
    words[2 * i + HI] = (h ^ (flip | 0x80000000)) >>> 0;
    words[2 * i + LO] = (l ^ flip) >>> 0;
  }
}

/**
 * One stable pass on digit `pass` (0-2: the low word's, 3-5: the high word's) from `keys` into `out`;
 * false, with nothing moved, when every key shares that digit. Turns the digit's histogram into
 * offsets (used up by the pass).
 */
function radixPass(
  keys: Uint32Array,
  out: Uint32Array,
  n: number,
  count: Uint32Array,
  pass: number,
): boolean {
  const base = pass * BUCKETS;
  for (let d = 0; d < BUCKETS; d++) {
    const c = count[base + d]!;
    if (c === n) return false;
    if (c !== 0) break;
  }
  let sum = 0;
  for (let d = 0; d < BUCKETS; d++) {
    const c = count[base + d]!;
    count[base + d] = sum;
    sum += c;
  }
  const shift = (pass % 3) * BITS;
  const word = pass < 3 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const l = keys[2 * i]!;
    const h = keys[2 * i + 1]!;
    const at = 2 * count[base + (((word === 0 ? l : h) >>> shift) & MASK)]!++;
    out[at] = l;
    out[at + 1] = h;
  }
  return true;
}

function countDigits(keys: Uint32Array, n: number, count: Uint32Array): void {
  count.fill(0);
  for (let i = 0; i < n; i++) {
    const l = keys[2 * i]!;
    const h = keys[2 * i + 1]!;
    count[l & MASK]!++;
    count[BUCKETS + ((l >>> BITS) & MASK)]!++;
    count[2 * BUCKETS + (l >>> (2 * BITS))]!++;
    count[3 * BUCKETS + (h & MASK)]!++;
    count[4 * BUCKETS + ((h >>> BITS) & MASK)]!++;
    count[5 * BUCKETS + (h >>> (2 * BITS))]!++;
  }
}

/**
 * Keys already in order of their high words: puts each run of equal high words in order of the low
 * words by insertion. False (keys left in some order) when that would take more than a few moves
 * per key.
 */
function orderLowWords(keys: Uint32Array, n: number): boolean {
  let budget = 4 * n;
  for (let i = 1; i < n; i++) {
    const l = keys[2 * i]!;
    const h = keys[2 * i + 1]!;
    if (h !== keys[2 * i - 1]! || l >= keys[2 * i - 2]!) continue;
    let j = i;
    do {
      keys[2 * j] = keys[2 * j - 2]!;
      keys[2 * j + 1] = h;
      j--;
    } while (j > 0 && keys[2 * j - 1] === h && keys[2 * j - 2]! > l);
    keys[2 * j] = l;
    keys[2 * j + 1] = h;
    budget -= i - j;
    if (budget < 0) return false;
  }
  return true;
}
