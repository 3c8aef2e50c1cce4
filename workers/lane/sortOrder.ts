/**
 * The permutation that sorts a column of doubles ascending, ties in index order: a least-significant-
 * digit radix sort over the bits of each double, eight passes of one byte. The pilot ranks six columns
 * of every job; comparing and binary-searching them cost more than drawing the samples. Doubles are
 * mapped to unsigned 64-bit keys that sort as the numbers do (-0 just before +0, as a typed array's
 * own sort puts them). Returns null when the column holds a NaN, which has no place in that order.
 *
 * Only the high words (sign, exponent, top 20 bits of the fraction) are radix sorted, four passes of a
 * byte; then an insertion pass orders each run of equal high words by the low words (stable, so ties
 * stay in index order). Samples of a continuous factor rarely share a high word, and a yes/no factor's
 * all share their low word, so that pass costs a comparison per value; a column with long runs that
 * differ in the low word is sorted on all eight bytes instead.
 */

import { HI, LO } from './sortDoubles';

export function sortOrder(xs: Float64Array): Uint32Array | null {
  const n = xs.length;
  const words = new Uint32Array(xs.buffer, xs.byteOffset, 2 * n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const count = new Uint32Array(4 * 256);
  if (!orderedWords(words, hi, lo)) return null;
  countBytes(hi, count, 0);
  const from = radixPermutation(count, [hi, hi, hi, hi]);
  // Runs of equal high words into the order of their low words; strict comparison keeps ties in
  // index order, as sorting every byte does.
  let budget = 4 * n;
  for (let p = 1; p < n; p++) {
    const idx = from[p]!;
    const h = hi[idx]!;
    const l = lo[idx]!;
    let prev = from[p - 1]!;
    if (hi[prev] !== h || lo[prev]! <= l) continue;
    let q = p;
    do {
      from[q] = prev;
      q--;
      if (q === 0) break;
      prev = from[q - 1]!;
    } while (hi[prev] === h && lo[prev]! > l);
    from[q] = idx;
    budget -= p - q;
    if (budget < 0) return sortOrderAllBytes(xs);
  }
  return from;
}

/** All eight bytes sorted: for columns whose values share high words in long runs. */
function sortOrderAllBytes(xs: Float64Array): Uint32Array | null {
  const n = xs.length;
  const words = new Uint32Array(new Float64Array(xs).buffer);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  // One histogram per byte: the low word's four, then the high word's.
  const count = new Uint32Array(8 * 256);
  if (!orderedWords(words, hi, lo)) return null;
  countBytes(lo, count, 0);
  countBytes(hi, count, 1024);
  return radixPermutation(count, [lo, lo, lo, lo, hi, hi, hi, hi]);
}

/** Counts each byte of every word into four histograms of 256, from count[base]. */
function countBytes(words: Uint32Array, count: Uint32Array, base: number): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    count[base + (w & 255)]!++;
    count[base + 256 + ((w >>> 8) & 255)]!++;
    count[base + 512 + ((w >>> 16) & 255)]!++;
    count[base + 768 + (w >>> 24)]!++;
  }
}

/**
 * The indices in order after one stable pass per entry of `keys`, least significant first: pass p
 * sorts on byte p % 4 of keys[p], with the histogram at count[256 p]. Passes that would move nothing
 * are skipped.
 */
function radixPermutation(count: Uint32Array, keys: readonly Uint32Array[]): Uint32Array {
  const n = keys[0]!.length;
  let from = new Uint32Array(n);
  let to = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let pass = 0; pass < keys.length; pass++) {
    if (!permutationPass(count, pass * 256, keys[pass]!, (pass & 3) * 8, from, to)) continue;
    const t = from;
    from = to;
    to = t;
  }
  return from;
}

/**
 * Each double's two words as unsigned keys that sort as the numbers do, into `hi` and `lo`; false
 * when a NaN is met. Negative numbers: all bits flipped, so larger magnitudes sort first; positive:
 * the sign bit set.
 */
function orderedWords(words: Uint32Array, hi: Uint32Array, lo: Uint32Array): boolean {
  for (let i = 0; i < hi.length; i++) {
    let h = words[2 * i + HI]!;
    let l = words[2 * i + LO]!;
    if ((h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) | l) !== 0) return false;
    // By masks, not a branch on the sign, as in sortDoubles.ts: code optimised for the signs first met
    // was thrown away at the first of the other.
    const flip = h >> 31;
    h = (h ^ (flip | 0x80000000)) >>> 0;
    l = (l ^ flip) >>> 0;
    hi[i] = h;
    lo[i] = l;
  }
  return true;
}

/**
 * One stable pass on the byte at `shift` of `keys`, whose histogram is count[base, base + 256):
 * moves the indices in `from` into `to`. False, moving nothing, when every key shares that byte
 * (the pass would not reorder anything).
 */
function permutationPass(
  count: Uint32Array,
  base: number,
  keys: Uint32Array,
  shift: number,
  from: Uint32Array,
  to: Uint32Array,
): boolean {
  const n = from.length;
  for (let d = 0; d < 256; d++) {
    const c = count[base + d]!;
    if (c === n) return false;
    if (c !== 0) break;
  }
  let sum = 0;
  for (let d = 0; d < 256; d++) {
    const c = count[base + d]!;
    count[base + d] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const idx = from[i]!;
    to[count[base + ((keys[idx]! >>> shift) & 255)]!++] = idx;
  }
  return true;
}
