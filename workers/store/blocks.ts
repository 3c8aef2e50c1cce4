/**
 * The database image cut into fixed-size blocks, so a save writes only the blocks that changed.
 *
 * 64 KiB is sixteen SQLite pages. A chat turn or a note touches a handful of pages spread over the
 * file (the B-tree leaves it inserts into, their parents, the header page), so a save writes a few
 * hundred KB at most, while a 60 MB image has under a thousand blocks to list in the manifest and
 * to read back on reload (16 KiB blocks wrote less but made reload four times as many records).
 */
export const BLOCK_SIZE = 64 * 1024;

export function blockCount(length: number, size = BLOCK_SIZE): number {
  return Math.ceil(length / size);
}

/** Block `i` of `image`, as its own buffer (a view would drag the whole image into IndexedDB, and the file's bytes change with the next write). */
export function blockOf(image: Uint8Array, i: number, size = BLOCK_SIZE): Uint8Array {
  return image.slice(i * size, Math.min(image.length, (i + 1) * size));
}

/**
 * Bytes [from, to) of `image` as Blobs of at most `pieceBytes` each, the way a segment is stored
 * (each Blob holds its own copy of the bytes).
 */
export function blobPieces(image: Uint8Array, from: number, to: number, pieceBytes: number): Blob[] {
  const pieces: Blob[] = [];
  for (let at = from; at < to; at += pieceBytes) {
    pieces.push(new Blob([image.subarray(at, Math.min(to, at + pieceBytes)) as Uint8Array<ArrayBuffer>]));
  }
  return pieces;
}
