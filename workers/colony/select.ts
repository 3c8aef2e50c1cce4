/**
 * Selection (Hoare's quickselect) for the kernels that need one order statistic or the k smallest
 * values of a row, not the whole row sorted. Deterministic: median-of-three pivots, no randomness.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Reorders `a[lo..hi)` in place so that `a[k]` holds the value a full ascending sort would put there,
 * every value before it is not above it and every value after it is not below it.
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length): void {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    if (r - l < 16) {
      // Insertion sort finishes small ranges.
      for (let i = l + 1; i <= r; i++) {
        const v = a[i]!;
        let j = i - 1;
        while (j >= l && a[j]! > v) {
          a[j + 1] = a[j]!;
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    const mid = (l + r) >>> 1;
    if (a[mid]! < a[l]!) swap(a, mid, l);
    if (a[r]! < a[l]!) swap(a, r, l);
    if (a[r]! < a[mid]!) swap(a, r, mid);
    const pivot = a[mid]!;
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

/**
 * The value at index k of `a` sorted ascending by the typed arrays' own sort (which puts -0 before 0),
 * without sorting. `a` is reordered. Comparisons cannot tell -0 from 0, so a zero result takes its sign
 * from the count of values that sort before +0.
 */
export function kth(a: Float64Array, k: number): number {
  selectInPlace(a, k);
  const v = a[k]!;
  if (v !== 0) return v;
  let below = 0;
  let negZero = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x < 0) below++;
    else if (x === 0 && Object.is(x, -0)) negZero++;
  }
  return k < below + negZero ? -0 : 0;
}
