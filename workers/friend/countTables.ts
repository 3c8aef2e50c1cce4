/**
 * Count tables for the field's pending writes: open-addressing hash tables over typed arrays, keyed
 * by two or three token ids (ids start at 1, so 0 marks an empty slot). They hold hundreds of
 * thousands of keys without a JavaScript object per key, and hand their rows over sorted by key, so
 * the upserts that write them walk the B-tree in order.
 */

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

type Table = Int32Array | Float64Array;

/**
 * Steps that each write about `bytes` of the arrays' memory in place (every element keeps its value):
 * a fresh array's pages are mapped at their first write, one fault per 4 KiB, which random writes
 * would otherwise take inside the counting. Safe on a table in use.
 */
function touchSteps(arrays: readonly Table[], bytes: number): Array<() => void> {
  const steps: Array<() => void> = [];
  for (const arr of arrays) {
    const stride = 4096 / arr.BYTES_PER_ELEMENT;
    const per = Math.max(stride, Math.floor(bytes / arr.BYTES_PER_ELEMENT));
    for (let from = 0; from < arr.length; from += per) {
      const to = Math.min(arr.length, from + per);
      steps.push(() => {
        for (let i = from; i < to; i += stride) arr[i] = arr[i]!;
      });
    }
  }
  return steps;
}

/**
 * Whether a table of `size` keys is close to the grow at half its slots (`mask` = slots - 1): four
 * fifths of the way, which leaves a text being taught tens of thousands of new keys (several slices)
 * to prepare the doubled arrays.
 */
function nearGrowth(size: number, mask: number): boolean {
  return size * 2 > 0.8 * mask && mask >= 0xffff;
}

/** Slots of a table made with room for `capacity` keys: a power of two, at least twice the keys. */
function slotsFor(capacity: number): number {
  let cap = 16;
  while (cap < capacity * 2) cap *= 2;
  return cap;
}

/** Rows in key order: parallel arrays of ids and values. */
export interface SortedRows {
  readonly length: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Only for triples. */
  readonly c?: Int32Array;
  readonly v: Float64Array;
}

/** For each second id b, `first[start[b]…start[b + 1])` holds its first ids in ascending order. */
export interface SecondLists {
  start: Int32Array;
  first: Int32Array;
}

/**
 * Groups of consecutive ids in [from, to) holding about `perGroup` rows each (`start[x]` is the
 * offset of id x's rows, `start[to]` their end), as calls of `fn(lo, hi)`, in id order: one group
 * per step, so a caller can yield between them. Groups are cut between ids, never inside one.
 */
function cutRuns<T>(
  start: Int32Array,
  from: number,
  to: number,
  perGroup: number,
  fn: (lo: number, hi: number) => T,
): Array<() => T> {
  const groups: Array<() => T> = [];
  let lo = from;
  for (let x = from; x < to; x++) {
    if (x === to - 1 || start[x + 1]! - start[lo]! >= perGroup) {
      const [l, h] = [lo, x + 1];
      groups.push(() => fn(l, h));
      lo = x + 1;
    }
  }
  return groups;
}

/**
 * A table's sort memory, kept from one batch's sort to the next (the tables themselves are reused
 * across batches): fresh memory costs a page fault per 4 KiB at its first touch, and at a million
 * taught tokens each batch's sorts wrote tens of MB, with the collections such allocation brings.
 * Rows handed over are views of it, valid until the table is sorted again.
 */
class SortMemory {
  private readonly i32 = new Map<string, Int32Array>();
  private readonly f64 = new Map<string, Float64Array>();

  /** `n` elements named `name` (contents left from before: the caller writes before it reads). */
  int32(name: string, n: number): Int32Array {
    let arr = this.i32.get(name);
    if (!arr || arr.length < n) this.i32.set(name, (arr = new Int32Array(Math.ceil(n * 1.25))));
    return arr.subarray(0, n);
  }

  float64(name: string, n: number): Float64Array {
    let arr = this.f64.get(name);
    if (!arr || arr.length < n) this.f64.set(name, (arr = new Float64Array(Math.ceil(n * 1.25))));
    return arr.subarray(0, n);
  }

  /** `n` zeros. */
  zeros(name: string, n: number): Int32Array {
    return this.int32(name, n).fill(0);
  }
}

/**
 * A step of in-memory work; it may hand back the steps that follow from it (a table grouped by its
 * first ids returns the sorts of its parts), which run next, in order.
 */
export type Step = () => void | Step[];

/** Runs `steps` here and now, each step's own steps right after it (what a caller pausing between them does). */
export function runAll(steps: readonly Step[]): void {
  const queue = [...steps];
  while (queue.length > 0) {
    const more = queue.shift()!();
    if (more) queue.unshift(...more);
  }
}

/** [from, to) ranges of at most `per` of `n` slots (one range when `per` is Infinity). */
function slotRanges(n: number, per: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 0; from < n; from += per) out.push([from, Math.min(n, from + per)]);
  return out;
}

/** A table's slots grouped by an id: `slots[start[x]…start[x + 1])` are id x's slots, in slot order. */
interface Grouping {
  start: Int32Array;
  slots: Int32Array;
  maxId: number;
}

/**
 * A counting sort of a table's slots by `by[slot]` (a slot whose `used` entry is 0 is empty), as
 * steps of at most `slotsPerStep` slots each: the largest id (unless `knownMaxId` gives it), the
 * counts, their running sums, the slots placed; then `then` gets the grouping and may hand back
 * steps of its own. At a million taught tokens the co-occurrence table has millions of slots, and
 * its two passes in one step held the worker for 40–60 ms in Chromium. Each part of a sort then
 * reads only its own slots (a pass over the whole table per part cost more than the part's sort
 * once parts were small). Kept in `mem` under `name`.
 */
function groupSlotsSteps(
  by: Int32Array,
  used: Int32Array,
  knownMaxId: number | null,
  mem: SortMemory,
  name: string,
  slotsPerStep: number,
  then: (g: Grouping) => void | Step[],
): Step[] {
  const ranges = slotRanges(by.length, slotsPerStep);
  let maxId = knownMaxId ?? 0;
  let start: Int32Array | null = null;
  let slots: Int32Array | null = null;
  let fill: Int32Array | null = null;
  const steps: Step[] = [];
  if (knownMaxId === null)
    for (const [from, to] of ranges)
      steps.push(() => {
        let m = maxId;
        for (let i = from; i < to; i++) if (by[i]! > m) m = by[i]!;
        maxId = m;
      });
  for (const [from, to] of ranges)
    steps.push(() => {
      const counts = (start ??= mem.zeros(`${name}Start`, maxId + 2));
      for (let i = from; i < to; i++) if (used[i] !== 0) counts[by[i]! + 1]!++;
    });
  steps.push(() => {
    const counts = (start ??= mem.zeros(`${name}Start`, maxId + 2));
    for (let x = 1; x <= maxId + 1; x++) counts[x]! += counts[x - 1]!;
    slots = mem.int32(`${name}Slots`, counts[maxId + 1]!);
    fill = mem.int32(`${name}Fill`, maxId + 1);
    fill.set(counts.subarray(0, maxId + 1));
  });
  for (const [from, to] of ranges)
    steps.push(() => {
      const out = slots!;
      const at = fill!;
      for (let i = from; i < to; i++) if (used[i] !== 0) out[at[by[i]!]!++] = i;
    });
  steps.push(() => then({ start: start!, slots: slots!, maxId }));
  return steps;
}

/** A table's grouping by first id as steps, `then` getting its parts (each sorted when called). */
type GroupRows = (
  rowsPerPart: number,
  slotsPerStep: number,
  then: (parts: Array<() => SortedRows>) => void | Step[],
) => Step[];

/** The parts with the grouping run here and now (`sortedInParts` of either table). */
function partsAtOnce(group: GroupRows, rowsPerPart: number): Array<() => SortedRows> {
  let parts!: Array<() => SortedRows>;
  runAll(group(rowsPerPart, Infinity, (p) => void (parts = p)));
  return parts;
}

/** The grouping and then each part as steps, the rows handed to `onPart` in key order (`sortedSteps`). */
function partsAsSteps(
  group: GroupRows,
  rowsPerPart: number,
  slotsPerStep: number,
  onPart: (rows: SortedRows) => void,
): Step[] {
  return group(rowsPerPart, slotsPerStep, (parts) => parts.map((part) => () => void onPart(part())));
}

/** Sorts `keys[first, last)` ascending: by insertion when short, where the typed-array sort's call costs more. */
function sortRun(keys: Float64Array, first: number, last: number): void {
  if (last - first > 16) {
    keys.subarray(first, last).sort();
    return;
  }
  for (let k = first + 1; k < last; k++) {
    const key = keys[k]!;
    let j = k - 1;
    for (; j >= first && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
}

/**
 * Tables of at most this many keys are sorted by comparing keys: the counting sort's passes go over
 * every id up to the largest (45,000 words at 1M tokens), several times per table, and a chat turn
 * sorts a few hundred keys in each of its two flushes (about 1 ms of a turn of 7–8 ms in Node).
 */
const SMALL_SORT = 2048;

/** The used slots of a small table in key order (`compare` on slots), copied out by `put`. */
function smallSort(
  firstIds: Int32Array,
  compare: (x: number, y: number) => number,
  size: number,
  put: (
    slot: number,
    rows: { a: Int32Array; b: Int32Array; c?: Int32Array; v: Float64Array },
    k: number,
  ) => void,
  triples = false,
): SortedRows {
  const order: number[] = [];
  for (let i = 0; i < firstIds.length; i++) if (firstIds[i] !== 0) order.push(i);
  order.sort(compare);
  const rows = {
    a: new Int32Array(size),
    b: new Int32Array(size),
    v: new Float64Array(size),
    ...(triples ? { c: new Int32Array(size) } : {}),
  };
  for (let k = 0; k < order.length; k++) put(order[k]!, rows, k);
  return { length: size, ...rows };
}

/** (a, b) → a number (a count, or a real co-occurrence sum). */
export class PairCounts {
  private a: Int32Array;
  private b: Int32Array;
  private v: Float64Array;
  private mask: number;
  /** The doubled arrays, prepared ahead of a grow by `growSteps`. */
  private next: { a: Int32Array; b: Int32Array; v: Float64Array } | null = null;
  private readonly mem = new SortMemory();
  size = 0;

  constructor(capacity = 64) {
    const cap = slotsFor(capacity);
    this.a = new Int32Array(cap);
    this.b = new Int32Array(cap);
    this.v = new Float64Array(cap);
    this.mask = cap - 1;
  }

  /** Slots in the table now (it grows at half full). */
  get slots(): number {
    return this.a.length;
  }

  private slot(a: number, b: number): number {
    let i = mix(Math.imul(a, 0x9e3779b1) ^ b) & this.mask;
    while (this.a[i] !== 0 && (this.a[i] !== a || this.b[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  add(a: number, b: number, by: number): void {
    const i = this.slot(a, b);
    if (this.a[i] === 0) {
      this.a[i] = a;
      this.b[i] = b;
      this.v[i] = by;
      if (++this.size * 2 > this.mask) this.grow();
    } else {
      this.v[i] = this.v[i]! + by;
    }
  }

  /** See `touchSteps`. */
  touchSteps(bytes: number): Array<() => void> {
    return touchSteps([this.a, this.b, this.v], bytes);
  }

  /** See `growSteps`. */
  growSteps(bytes: number): Array<() => void> {
    if (this.next !== null || !nearGrowth(this.size, this.mask)) return [];
    const cap = this.a.length * 2;
    this.next = { a: new Int32Array(cap), b: new Int32Array(cap), v: new Float64Array(cap) };
    return touchSteps([this.next.a, this.next.b, this.next.v], bytes);
  }

  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.a[i] === 0 ? 0 : this.v[i]!;
  }

  /** Empties the table, keeping its memory (an empty slot is one whose first id is 0). */
  clear(): void {
    this.a.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const { a, b, v } = this;
    const cap = a.length * 2;
    const next = this.next?.a.length === cap ? this.next : null;
    this.next = null;
    this.a = next?.a ?? new Int32Array(cap);
    this.b = next?.b ?? new Int32Array(cap);
    this.v = next?.v ?? new Float64Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 0) continue;
      const j = this.slot(a[i]!, b[i]!);
      this.a[j] = a[i]!;
      this.b[j] = b[i]!;
      this.v[j] = v[i]!;
    }
  }

  /**
   * The keys grouped by their second id: for each second id b, `first[start[b]…start[b + 1])` holds
   * its first ids in ascending order (a counting sort on b, then each run sorted).
   */
  bySecond(): SecondLists {
    let lists!: SecondLists;
    runAll(this.bySecondSteps(Infinity, Infinity, (l) => (lists = l)));
    return lists;
  }

  /**
   * For a small table (at most SMALL_SORT keys; null otherwise), the keys by second id without
   * going over every id: `bs` the second ids ascending, `first[start[j]…start[j + 1])` the first ids
   * of `bs[j]`, ascending (the lists `bySecond` gives, for the ids that have any).
   */
  bySecondFew(): { bs: Int32Array; start: Int32Array; first: Int32Array } | null {
    if (this.size > SMALL_SORT) return null;
    const { a: ka, b: kb } = this;
    const order: number[] = [];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== 0) order.push(i);
    order.sort((x, y) => kb[x]! - kb[y]! || ka[x]! - ka[y]!);
    const first = new Int32Array(order.length);
    const bs: number[] = [];
    const start: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      first[k] = ka[i]!;
      if (k === 0 || kb[i] !== kb[order[k - 1]!]) {
        bs.push(kb[i]!);
        start.push(k);
      }
    }
    start.push(order.length);
    return { bs: Int32Array.from(bs), start: Int32Array.from(start), first };
  }

  /**
   * `bySecond` as steps, so a caller can yield between them: the grouping in steps of at most
   * `slotsPerStep` slots, then `onLists` gets the lists (grouped, not yet sorted), then steps that
   * sort the runs of about `rowsPerStep` keys each. The lists are ready once every step has run.
   */
  bySecondSteps(rowsPerStep: number, slotsPerStep: number, onLists: (lists: SecondLists) => void): Step[] {
    const { a: ka, b: kb } = this;
    return groupSlotsSteps(kb, ka, null, this.mem, 'list', slotsPerStep, ({ start, slots: first, maxId }) => {
      onLists({ start, first });
      // Each slot replaced by its first id, in place.
      const replace = slotRanges(first.length, slotsPerStep).map(([from, to]) => () => {
        for (let k = from; k < to; k++) first[k] = ka[first[k]!]!;
      });
      const sortRuns = (lo: number, hi: number) => {
        for (let x = lo; x < hi; x++)
          if (start[x + 1]! - start[x]! > 1) first.subarray(start[x]!, start[x + 1]!).sort();
      };
      return [...replace, ...cutRuns(start, 0, maxId + 1, rowsPerStep, sortRuns)];
    });
  }

  /** The rows in key order. */
  sorted(): SortedRows {
    if (this.size <= SMALL_SORT) {
      const { a: ka, b: kb, v: kv } = this;
      return smallSort(
        ka,
        (x, y) => ka[x]! - ka[y]! || kb[x]! - kb[y]!,
        this.size,
        (i, rows, k) => {
          rows.a[k] = ka[i]!;
          rows.b[k] = kb[i]!;
          rows.v[k] = kv[i]!;
        },
      );
    }
    return this.sortedInParts(Infinity)[0]!();
  }

  /**
   * The rows in key order, as parts of about `rowsPerPart` rows
   * cut between first ids, each sorted when its function is called: in key order one after the
   * other, so a caller can yield between them. A counting sort on the first id, then each id's run
   * sorted by (second id, slot) packed into one exact double: no hash probe per row and no sort of
   * the whole key set.
   */
  sortedInParts(rowsPerPart: number): Array<() => SortedRows> {
    return partsAtOnce((...a) => this.groupedRows(...a), rowsPerPart);
  }

  /**
   * `sortedInParts` as steps: the grouping in steps of at most `slotsPerStep` slots, then a step per
   * part, each handing its rows to `onPart`, in key order.
   */
  sortedSteps(rowsPerPart: number, slotsPerStep: number, onPart: (rows: SortedRows) => void): Step[] {
    return partsAsSteps((...a) => this.groupedRows(...a), rowsPerPart, slotsPerStep, onPart);
  }

  private groupedRows(
    rowsPerPart: number,
    slotsPerStep: number,
    then: (parts: Array<() => SortedRows>) => void | Step[],
  ): Step[] {
    const { a: ka } = this;
    // Rows are grouped by first id only: the largest first id bounds the groups.
    return groupSlotsSteps(ka, ka, null, this.mem, 'rows', slotsPerStep, ({ start, slots, maxId }) => {
      const total = slots.length;
      const rows = {
        a: this.mem.int32('a', total),
        b: this.mem.int32('b', total),
        v: this.mem.float64('v', total),
      };
      const parts = cutRuns(start, 1, maxId + 1, rowsPerPart, (lo, hi) =>
        this.part(start, slots, rows, lo, hi),
      );
      if (parts.length === 0)
        parts.push(() => ({ length: 0, a: new Int32Array(0), b: new Int32Array(0), v: new Float64Array(0) }));
      return then(parts);
    });
  }

  /**
   * The rows whose first id is in [lo, hi), in key order, in their place in `rows`; `start` holds
   * each first id's offset into `slots`, the slots grouped by first id.
   */
  private part(
    start: Int32Array,
    slots: Int32Array,
    rows: { a: Int32Array; b: Int32Array; v: Float64Array },
    lo: number,
    hi: number,
  ): SortedRows {
    const { b: kb, v: kv } = this;
    const cap = kb.length;
    const base = start[lo]!;
    const n = start[hi]! - base;
    const a = rows.a.subarray(base, base + n);
    const b = rows.b.subarray(base, base + n);
    const v = rows.v.subarray(base, base + n);
    // The keys are sorted where the values go: each is read before its place takes the value.
    const keys = v;
    for (let k = 0; k < n; k++) {
      const i = slots[base + k]!;
      keys[k] = kb[i]! * cap + i;
    }
    for (let x = lo; x < hi; x++) {
      const first = start[x]! - base;
      const last = start[x + 1]! - base;
      sortRun(keys, first, last);
      for (let k = first; k < last; k++) {
        const key = keys[k]!;
        const y = Math.floor(key / cap);
        a[k] = x;
        b[k] = y;
        v[k] = kv[key - y * cap]!;
      }
    }
    return { length: n, a, b, v };
  }
}

/** (a, b, c) → an integer count. */
export class TripleCounts {
  private a: Int32Array;
  private b: Int32Array;
  private c: Int32Array;
  private v: Int32Array;
  private mask: number;
  private maxId = 0;
  /** The doubled arrays, prepared ahead of a grow by `growSteps`. */
  private next: { a: Int32Array; b: Int32Array; c: Int32Array; v: Int32Array } | null = null;
  private readonly mem = new SortMemory();
  size = 0;

  constructor(capacity = 64) {
    const cap = slotsFor(capacity);
    this.a = new Int32Array(cap);
    this.b = new Int32Array(cap);
    this.c = new Int32Array(cap);
    this.v = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Slots in the table now (it grows at half full). */
  get slots(): number {
    return this.a.length;
  }

  private slot(a: number, b: number, c: number): number {
    let i = mix(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ c) & this.mask;
    while (this.a[i] !== 0 && (this.a[i] !== a || this.b[i] !== b || this.c[i] !== c))
      i = (i + 1) & this.mask;
    return i;
  }

  add(a: number, b: number, c: number, by: number): void {
    const i = this.slot(a, b, c);
    if (this.a[i] === 0) {
      this.a[i] = a;
      this.b[i] = b;
      this.c[i] = c;
      this.v[i] = by;
      if (a > this.maxId) this.maxId = a;
      if (b > this.maxId) this.maxId = b;
      if (c > this.maxId) this.maxId = c;
      if (++this.size * 2 > this.mask) this.grow();
    } else {
      this.v[i] = this.v[i]! + by;
    }
  }

  /** Empties the table, keeping its memory. */
  clear(): void {
    this.a.fill(0);
    this.size = 0;
    this.maxId = 0;
  }

  /** See `touchSteps`. */
  touchSteps(bytes: number): Array<() => void> {
    return touchSteps([this.a, this.b, this.c, this.v], bytes);
  }

  /** See `growSteps`. */
  growSteps(bytes: number): Array<() => void> {
    if (this.next !== null || !nearGrowth(this.size, this.mask)) return [];
    const cap = this.a.length * 2;
    const n = {
      a: new Int32Array(cap),
      b: new Int32Array(cap),
      c: new Int32Array(cap),
      v: new Int32Array(cap),
    };
    this.next = n;
    return touchSteps([n.a, n.b, n.c, n.v], bytes);
  }

  private grow(): void {
    const { a, b, c, v } = this;
    const cap = a.length * 2;
    const next = this.next?.a.length === cap ? this.next : null;
    this.next = null;
    this.a = next?.a ?? new Int32Array(cap);
    this.b = next?.b ?? new Int32Array(cap);
    this.c = next?.c ?? new Int32Array(cap);
    this.v = next?.v ?? new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 0) continue;
      const j = this.slot(a[i]!, b[i]!, c[i]!);
      this.a[j] = a[i]!;
      this.b[j] = b[i]!;
      this.c[j] = c[i]!;
      this.v[j] = v[i]!;
    }
  }

  /** The rows in key order. */
  sorted(): SortedRows {
    if (this.size <= SMALL_SORT) {
      const { a: ka, b: kb, c: kc, v: kv } = this;
      const compare = (x: number, y: number) => ka[x]! - ka[y]! || kb[x]! - kb[y]! || kc[x]! - kc[y]!;
      return smallSort(
        ka,
        compare,
        this.size,
        (i, rows, k) => {
          rows.a[k] = ka[i]!;
          rows.b[k] = kb[i]!;
          rows.c![k] = kc[i]!;
          rows.v[k] = kv[i]!;
        },
        true,
      );
    }
    return this.sortedInParts(Infinity)[0]!();
  }

  /**
   * The rows in key order, as parts of about `rowsPerPart` rows cut between first ids, each sorted
   * when its function is called (see `PairCounts.sortedInParts`): a counting sort on the first id,
   * then each id's run sorted by (second id, third id) packed into one exact double, and each key's
   * slot found again by its hash.
   */
  sortedInParts(rowsPerPart: number): Array<() => SortedRows> {
    return partsAtOnce((...a) => this.groupedRows(...a), rowsPerPart);
  }

  /** `sortedInParts` as steps (see `PairCounts.sortedSteps`). */
  sortedSteps(rowsPerPart: number, slotsPerStep: number, onPart: (rows: SortedRows) => void): Step[] {
    return partsAsSteps((...a) => this.groupedRows(...a), rowsPerPart, slotsPerStep, onPart);
  }

  private groupedRows(
    rowsPerPart: number,
    slotsPerStep: number,
    then: (parts: Array<() => SortedRows>) => void | Step[],
  ): Step[] {
    const { a: ka } = this;
    return groupSlotsSteps(ka, ka, this.maxId, this.mem, 'rows', slotsPerStep, ({ start, slots, maxId }) => {
      const total = slots.length;
      const rows = {
        a: this.mem.int32('a', total),
        b: this.mem.int32('b', total),
        c: this.mem.int32('c', total),
        v: this.mem.float64('v', total),
      };
      const parts = cutRuns(start, 1, maxId + 1, rowsPerPart, (lo, hi) =>
        this.part(start, slots, rows, lo, hi),
      );
      if (parts.length === 0)
        parts.push(() => ({
          length: 0,
          a: new Int32Array(0),
          b: new Int32Array(0),
          c: new Int32Array(0),
          v: new Float64Array(0),
        }));
      return then(parts);
    });
  }

  /** The rows whose first id is in [lo, hi), in key order, in their place in `rows` (see `PairCounts.part`). */
  private part(
    start: Int32Array,
    slots: Int32Array,
    rows: { a: Int32Array; b: Int32Array; c: Int32Array; v: Float64Array },
    lo: number,
    hi: number,
  ): SortedRows {
    // Ids are below 2^21 (the co-occurrence lists store them in three bytes), so two fit one double.
    const span = 1 << (32 - Math.clz32(this.maxId));
    const base = start[lo]!;
    const n = start[hi]! - base;
    const a = rows.a.subarray(base, base + n);
    const b = rows.b.subarray(base, base + n);
    const c = rows.c.subarray(base, base + n);
    const v = rows.v.subarray(base, base + n);
    // The keys are sorted where the values go: each is read before its place takes the value.
    const keys = v;
    for (let k = 0; k < n; k++) {
      const i = slots[base + k]!;
      keys[k] = this.b[i]! * span + this.c[i]!;
    }
    for (let x = lo; x < hi; x++) {
      const first = start[x]! - base;
      const last = start[x + 1]! - base;
      sortRun(keys, first, last);
      for (let k = first; k < last; k++) {
        const key = keys[k]!;
        const y = Math.floor(key / span);
        const z = key - y * span;
        a[k] = x;
        b[k] = y;
        c[k] = z;
        v[k] = this.v[this.slot(x, y, z)]!;
      }
    }
    return { length: n, a, b, c, v };
  }
}

/** How many keys each table of a batch is expected to hold (its tables start with room for them). */
export interface CountsSize {
  bigrams: number;
  trigrams: number;
  cooc: number;
}

/** The pair and triple counts of one batch of observations. */
export class Counts {
  readonly bigrams: PairCounts;
  readonly trigrams: TripleCounts;
  readonly cooc: PairCounts;

  /**
   * `expected` sizes the tables up front: a table that doubles its way from 64 slots to a batch's
   * hundreds of thousands of keys rehashes every key about twice. Rows come out the same either way
   * (they are handed over in key order).
   */
  constructor(expected?: CountsSize) {
    this.bigrams = new PairCounts(expected?.bigrams);
    this.trigrams = new TripleCounts(expected?.trigrams);
    this.cooc = new PairCounts(expected?.cooc);
  }

  get size(): CountsSize {
    return { bigrams: this.bigrams.size, trigrams: this.trigrams.size, cooc: this.cooc.size };
  }

  /**
   * Steps that prepare the doubled arrays of each table close to growing (allocated now, mapped a
   * piece per step), so its grow only rehashes: a grow that allocates maps its new memory inside one
   * step, 30–60 ms for the co-occurrence table of a batch in Chromium on the bench machine. Small
   * tables grow in a moment and are left alone.
   */
  growSteps(bytes: number): Array<() => void> {
    return [
      ...this.bigrams.growSteps(bytes),
      ...this.trigrams.growSteps(bytes),
      ...this.cooc.growSteps(bytes),
    ];
  }

  /** Steps that map the tables' memory a piece at a time, before counting writes to it at random. */
  touchSteps(bytes: number): Array<() => void> {
    return [
      ...this.bigrams.touchSteps(bytes),
      ...this.trigrams.touchSteps(bytes),
      ...this.cooc.touchSteps(bytes),
    ];
  }

  /**
   * Whether these tables suit a batch expected to hold `expected` keys: each has at least the room a
   * new table would get, and at most four times it (sorting and clearing pass over every slot).
   */
  suits(expected: CountsSize): boolean {
    const fits = (slots: number, keys: number) => slots >= slotsFor(keys) && slots <= 4 * slotsFor(keys);
    return (
      fits(this.bigrams.slots, expected.bigrams) &&
      fits(this.trigrams.slots, expected.trigrams) &&
      fits(this.cooc.slots, expected.cooc)
    );
  }

  /** Empties every table, keeping its memory for the next batch. */
  clear(): void {
    this.bigrams.clear();
    this.trigrams.clear();
    this.cooc.clear();
  }
}
