/**
 * A buffer a large save copies its bytes into, kept from one save to the next.
 *
 * Why: a save must take the file's bytes between two transactions, at once. In Chromium, copying
 * 50 MB into memory allocated for the purpose (a Blob per segment, or a fresh array per block) kept
 * the engine's thread busy for 0.2–0.8 s, during which no chat turn was answered; copying the same
 * bytes into a buffer already in use takes a few milliseconds. So a large save copies into this
 * buffer first and makes its Blobs and blocks from it afterwards, a piece at a time, letting other
 * work run between the pieces.
 *
 * One save uses it at a time (the saver runs one save at a time); `take` returns null while it is in
 * use, and the caller copies the old way.
 */
export class CaptureStaging {
  private buf: Uint8Array<ArrayBuffer> | null = null;
  private busy = false;

  /** A region of at least `bytes` bytes, held until `release`; null while another save holds it. */
  take(bytes: number): Uint8Array<ArrayBuffer> | null {
    if (this.busy) return null;
    if (!this.buf || this.buf.length < bytes) {
      // Grown with headroom, so a file that keeps growing does not allocate at every save.
      this.buf = new Uint8Array(Math.ceil((bytes * 1.25) / 65536) * 65536);
    }
    this.busy = true;
    return this.buf;
  }

  release(): void {
    this.busy = false;
  }

  /** Bytes held between saves (reported, and tested, so the cost of the buffer stays visible). */
  get capacity(): number {
    return this.buf?.length ?? 0;
  }
}
