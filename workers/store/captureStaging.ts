import type { BlobRegion } from './blobMaker';

/**
 * Memory a large save copies its bytes into, kept from one save to the next.
 *
 * Why: a save must take the file's bytes as they were between two transactions. In Chromium,
 * copying 50 MB into memory allocated for the purpose (a Blob per segment, or a fresh array per
 * block) kept the engine's thread busy for 0.2–0.8 s, during which no chat turn was answered; copying
 * the same bytes into memory already in use is a plain copy. So a large save copies into this
 * staging memory first (each part before a write would change it, the rest in pieces:
 * `FileChanges.deferCopy`) and makes its Blobs and blocks from it afterwards, a piece at a time,
 * letting other work run between the pieces.
 *
 * The memory is kept as chunks (4 MiB by default, a segment), added as saves grow: a lab that grows
 * while a text is taught adds a chunk now and then, instead of a buffer of the whole size being
 * allocated again (and its pages touched for the first time) each time it grows.
 *
 * One save uses it at a time (the saver runs one save at a time); `take` returns null while it is in
 * use, and the caller copies the old way.
 */
export class CaptureStaging {
  private readonly chunks: Array<Uint8Array<ArrayBuffer>> = [];
  private busy = false;

  constructor(private readonly chunkBytes = 4 << 20) {}

  /**
   * A region for each of `sizes` (in order, packed into the kept chunks, new chunks added as needed),
   * held until `release`; null while another save holds them.
   */
  take(sizes: readonly number[]): Array<Uint8Array<ArrayBuffer>> | null {
    if (this.busy) return null;
    this.busy = true;
    const out: Array<Uint8Array<ArrayBuffer>> = [];
    let c = 0;
    let at = 0;
    for (const size of sizes) {
      while (true) {
        let chunk = this.chunks[c];
        if (!chunk) {
          chunk = new Uint8Array(Math.max(this.chunkBytes, size));
          this.chunks.push(chunk);
        }
        if (at + size <= chunk.length) break;
        if (at === 0) {
          // A region larger than any chunk so far (never in the app: regions are at most a chunk).
          this.chunks[c] = new Uint8Array(size);
          break;
        }
        c++;
        at = 0;
      }
      out.push(this.chunks[c]!.subarray(at, at + size));
      at += size;
    }
    return out;
  }

  release(): void {
    this.busy = false;
  }

  /**
   * The chunks' memory, to be transferred for a while (to the helper that makes Blobs), and where in
   * it each of `views` (taken from `take`) lies. Until `giveBack` or `forget`, the views must not be
   * read: a transfer empties them.
   */
  lend(views: readonly Uint8Array[]): { buffers: ArrayBuffer[]; regions: BlobRegion[] } {
    const buffers = this.chunks.map((c) => c.buffer);
    const regions = views.map((v) => {
      const buffer = buffers.indexOf(v.buffer as ArrayBuffer);
      if (buffer < 0) throw new Error('a view that is not in the staging memory');
      return { buffer, offset: v.byteOffset, length: v.length };
    });
    return { buffers, regions };
  }

  /** The lent memory, back (as new objects, after a transfer there and back). */
  giveBack(buffers: readonly ArrayBuffer[]): void {
    if (buffers.length !== this.chunks.length) throw new Error('the staging memory came back incomplete');
    buffers.forEach((b, i) => (this.chunks[i] = new Uint8Array(b)));
  }

  /** Lent memory that will not come back: the next save that needs staging allocates afresh. */
  forget(): void {
    this.chunks.length = 0;
  }

  /** Bytes held between saves (reported, and tested, so the cost of the memory stays visible). */
  get capacity(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }
}
