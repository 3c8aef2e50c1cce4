/**
 * Making the Blobs a save stores, on another thread.
 *
 * Creating a Blob in Chromium waits on the browser: the renderer registers each new Blob with a
 * synchronous call, which takes about 2 ms for 256 KiB while IndexedDB is busy, and now and then
 * 20–30 ms. A large save makes dozens of them; teaching a 1M-token text, whose saves rewrite most of
 * a growing file, made some 2,600, holding the engine's thread for seconds in all (traced). Made in
 * a helper worker from the staged bytes, they cost that thread a transfer there and back.
 */

/** Bytes `length` from `offset` of the `buffer`-th buffer lent to `make`. */
export interface BlobRegion {
  buffer: number;
  offset: number;
  length: number;
}

export interface BlobMaker {
  /**
   * One Blob per region. The buffers are lent: they may be transferred and are given back in
   * `buffers` (the same memory, possibly as new objects); the caller uses those from then on. A
   * failure is a `BlobMakerError`, which gives them back when it can.
   */
  make(
    buffers: ArrayBuffer[],
    regions: readonly BlobRegion[],
  ): Promise<{ blobs: Blob[]; buffers: ArrayBuffer[] }>;
}

/** The Blobs of `regions`, made on this thread. */
export function blobsOf(buffers: readonly ArrayBuffer[], regions: readonly BlobRegion[]): Blob[] {
  return regions.map((r) => new Blob([new Uint8Array(buffers[r.buffer]!, r.offset, r.length)]));
}

/** A request to the helper worker, and its answer. */
export interface BlobRequest {
  id: number;
  buffers: ArrayBuffer[];
  regions: BlobRegion[];
}
export type BlobAnswer =
  | { id: number; blobs: Blob[]; buffers: ArrayBuffer[] }
  | { id: number; failed: string; buffers: ArrayBuffer[] };

/** A failed `make`, with the lent buffers when they came back (null when the helper died with them). */
export class BlobMakerError extends Error {
  override name = 'BlobMakerError';
  constructor(
    message: string,
    readonly buffers: ArrayBuffer[] | null,
  ) {
    super(message);
  }
}

/**
 * A BlobMaker backed by a helper worker, started on first use. If the worker cannot start or fails,
 * the call fails and the buffers it took are gone with it, so the caller forgets them
 * (`CaptureStaging.forget`); the save is tried again later, as any failed save is.
 */
export class WorkerBlobMaker implements BlobMaker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (a: BlobAnswer) => void; reject: (e: BlobMakerError) => void }
  >();

  constructor(private readonly start: () => Worker) {}

  private helper(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.onmessage = (e: MessageEvent<BlobAnswer>) => {
      const w = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      w?.resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(
        new BlobMakerError(
          `The helper that makes a save's Blobs failed: ${e.message || 'it did not start'}`,
          null,
        ),
      );
    };
    this.worker = worker;
    return worker;
  }

  private failAll(err: BlobMakerError): void {
    this.worker?.terminate();
    this.worker = null;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  async make(buffers: ArrayBuffer[], regions: readonly BlobRegion[]) {
    const worker = this.helper();
    const id = this.next++;
    const answer = await new Promise<BlobAnswer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, buffers, regions: [...regions] } satisfies BlobRequest, buffers);
    });
    if ('failed' in answer) throw new BlobMakerError(answer.failed, answer.buffers);
    return { blobs: answer.blobs, buffers: answer.buffers };
  }
}
