import { SortScratch } from './sortDoubles';

/**
 * The memory of a thread's jobs, kept from one job to the next. Fresh memory costs a page fault at
 * the first touch of every 4 KiB (about 12 µs on the 2-core bench machine):
 * - a 5M-sample job's outcomes (40 MB) and sort keys (10 MB) took 12,700 faults, about 150 ms of its
 *   1,050 in Chromium, and every compute worker of the pool paid its share again for each job;
 * - a 10,000-sample job's batch columns (a column per factor and per formula node, 80 KB each) took
 *   about 390 faults whenever the allocator had handed the last job's pages back to the system, which
 *   in Node it did for stretches of ten jobs and more: 10.5 ms a job instead of 4.5.
 *
 * Outcome buffers come back once a job is scored (`keep`); the engine worker lends them to the
 * partitions of its next pooled job, which hand them back with their sorted outcomes. A job's batch
 * columns come back when its rollouts end (`RolloutScratch.release`). Buffers below 16 KiB are left to
 * the allocator, and at most a limit is kept, so a lab holds at most that much after its largest job.
 * A kept buffer's old contents are never read: a branch writes every outcome before it sorts them,
 * and a batch writes every column it reads (a constant's column is filled when it is taken).
 */

/** Buffers below this many bytes are left to the collector: the allocator serves them from pages in use. */
const MIN_KEPT_BYTES = 16 << 10;
/** The most outcome and column memory a thread keeps between jobs. */
const KEEP_OUTCOME_BYTES = 64 << 20;
/** The most sort-key memory a thread keeps between jobs (branches of up to 2M samples). */
const KEEP_SORT_BYTES = 32 << 20;

export class SampleMemory {
  /** The sort's key buffers, shared by the thread's jobs (a sort never yields, so none overlap). */
  readonly sort = new SortScratch();
  private free: ArrayBuffer[] = [];

  constructor(
    private readonly keepBytes = KEEP_OUTCOME_BYTES,
    private readonly keepSortBytes = KEEP_SORT_BYTES,
  ) {}

  /**
   * Room for `n` doubles (a branch's outcomes, a batch's column): the smallest kept buffer that holds
   * them, else new memory. Its old contents remain.
   */
  doubles(n: number): Float64Array {
    const buffer = this.take(8 * n);
    return buffer ? new Float64Array(buffer, 0, n) : new Float64Array(n);
  }

  /** A batch's `n` flags; as `doubles`, its old contents remain. */
  bytes(n: number): Uint8Array {
    const buffer = this.take(n);
    return buffer ? new Uint8Array(buffer, 0, n) : new Uint8Array(n);
  }

  /**
   * The smallest kept buffer of at least `bytes`, taken out of the memory. None for fewer bytes than
   * are kept: a small array would hold on to a large buffer that a batch column could have used.
   */
  private take(bytes: number): ArrayBuffer | null {
    if (bytes < MIN_KEPT_BYTES) return null;
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i]!.byteLength;
      if (len >= bytes && (best < 0 || len < this.free[best]!.byteLength)) best = i;
    }
    if (best < 0) return null;
    const [buffer] = this.free.splice(best, 1);
    return buffer!;
  }

  /**
   * Maps `count` buffers of `n` doubles now and keeps them (within the limit): idle time pays the page
   * faults a person's first job would otherwise take, as the jobs after it run on the memory it kept.
   */
  prepare(count: number, n: number): void {
    const made: Float64Array[] = [];
    // fill writes every page: a new array's pages are mapped only at their first write.
    for (let i = 0; i < count; i++) made.push(new Float64Array(n).fill(0));
    this.keep(made);
  }

  /** Up to `count` kept buffers that each hold `n` outcomes, taken out to lend to a partition. */
  lend(count: number, n: number): ArrayBuffer[] {
    const out: ArrayBuffer[] = [];
    for (let i = 0; i < this.free.length && out.length < count;) {
      if (this.free[i]!.byteLength >= 8 * n) out.push(...this.free.splice(i, 1));
      else i++;
    }
    return out;
  }

  /** Bytes of outcome memory kept now. */
  get keptBytes(): number {
    return this.free.reduce((s, b) => s + b.byteLength, 0);
  }

  /**
   * Keeps the buffers under these arrays for later jobs (of 16 KiB or more, up to the limit; a buffer moved
   * to another thread is empty and skipped), and lets the sort keys go if they grew past theirs.
   * The caller must not use the arrays afterwards.
   */
  keep(arrays: ReadonlyArray<Float64Array | Uint8Array | ArrayBuffer>): void {
    let kept = this.keptBytes;
    for (const a of arrays) {
      const buffer = a instanceof ArrayBuffer ? a : a.buffer;
      if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < MIN_KEPT_BYTES) continue;
      if (kept + buffer.byteLength > this.keepBytes || this.free.includes(buffer)) continue;
      this.free.push(buffer);
      kept += buffer.byteLength;
    }
    this.sort.trim(this.keepSortBytes);
  }

  /** Lets every kept buffer go. */
  clear(): void {
    this.free = [];
    this.sort.trim(0);
  }
}

/** This thread's memory for its jobs. */
export const threadMemory = new SampleMemory();
