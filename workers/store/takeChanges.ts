import { blobPieces, blockOf } from './blocks';
import type { FileChanges } from './fileChanges';
import type { Capture } from './saver';
import type { SnapshotStore } from './snapshotStore';
import type { CaptureStaging } from './captureStaging';
import { yieldToLoop } from '../core/yieldToLoop';
import { BlobMakerError, type BlobMaker, type BlobRegion } from './blobMaker';

/** What `takeChanges` needs of the store: its sizes and which segments it wants whole. */
export interface SegmentedStore {
  readonly blockSize: number;
  readonly segmentSize: number;
  /** A segment is stored as Blobs of at most this size, made here (see `SEGMENT_PIECE_BYTES`). */
  readonly pieceBytes: number;
  segmentsToSave(expectedGeneration: number, length: number, changed: readonly number[]): number[] | null;
}

export function isSegmented(store: SnapshotStore): store is SnapshotStore & SegmentedStore {
  return (
    typeof store.blockSize === 'number' &&
    typeof store.segmentSize === 'number' &&
    typeof store.pieceBytes === 'number' &&
    typeof store.segmentsToSave === 'function'
  );
}

/** Below this many bytes a save copies straight into its Blobs and blocks, as a chat turn's does. */
export const STAGE_FROM_BYTES = 1 << 20;
/**
 * Bytes turned into Blobs or blocks between two pauses while a staged capture is prepared. A Blob's
 * bytes go to memory the browser allocates for it: 1 MiB took about 12 ms in Chromium on the bench
 * machine, a wait for a chat turn sent meanwhile; 256 KiB takes 3–5 ms.
 */
export const PIECE_BYTES = 1 << 18;

/**
 * Bytes of a capture copied into the staging memory between two pauses: 4 MiB took 17–23 ms in
 * Chromium on the bench machine while a text was taught (a wait for a chat turn), 1 MiB about a quarter.
 */
const COPY_PIECE_BYTES = 1 << 20;

export interface StagedOptions {
  staging: CaptureStaging;
  /** Between pieces; a MessageChannel turn by default, so queued requests run first. */
  pause?: () => Promise<void>;
  /** Smaller in tests, so small files take the staged path. */
  fromBytes?: number;
  pieceBytes?: number;
  /** Bytes copied into the staging memory per piece; smaller in tests. */
  copyPieceBytes?: number;
  /**
   * Makes the segments' Blobs elsewhere (blobMaker.ts), the pieces each is stored as, from the staging memory
   * lent to it; without one they are made here, a piece between pauses.
   */
  blobMaker?: BlobMaker;
}

/**
 * What a save on top of `expectedGeneration` writes, copied from the live file right now (between
 * transactions): the blocks written since the last committed save, and the segments the store asks
 * for whole (every segment when nothing of the file is stored yet).
 *
 * A small capture (a chat turn's few blocks) goes straight into its Blobs and blocks. A large one
 * (teaching a text, a new or imported lab) is copied into `staging`'s kept memory as it is now: each
 * 4 KiB just before a write would change it, the rest by the capture's `prepare` in pieces, which
 * then makes the Blobs and blocks from there in pieces of `pieceBytes`, pausing between pieces, so
 * the thread answers requests meanwhile (see CaptureStaging for the cost this avoids).
 */
export function takeChanges(
  changes: FileChanges,
  store: SegmentedStore,
  expectedGeneration: number,
  staged?: StagedOptions,
): Capture {
  const staging = staged?.staging;
  const pause = staged?.pause ?? yieldToLoop;
  const pieceBytes = staged?.pieceBytes ?? PIECE_BYTES;
  const copyPieceBytes = staged?.copyPieceBytes ?? COPY_PIECE_BYTES;
  const { blockSize, segmentSize } = store;
  const storedPiece = store.pieceBytes;
  const capture = changes.capture(blockSize);
  const file = changes.bytes();
  const { length } = capture;
  const asked = capture.hasBaseline
    ? store.segmentsToSave(expectedGeneration, length, capture.changed)
    : null;
  const whole = asked === null;
  const wanted = whole ? [...Array(Math.ceil(length / segmentSize)).keys()] : asked;
  const perSegment = segmentSize / blockSize;
  const wantedSet = new Set(wanted);
  const blockList = whole ? [] : capture.changed.filter((i) => !wantedSet.has(Math.floor(i / perSegment)));
  // [start, end) of each region in the file: segments first, then blocks.
  const regions: Array<[number, number]> = [
    ...wanted.map((k): [number, number] => [k * segmentSize, Math.min(length, (k + 1) * segmentSize)]),
    ...blockList.map((i): [number, number] => [i * blockSize, Math.min(length, (i + 1) * blockSize)]),
  ];
  const sizes = regions.map(([a, b]) => Math.max(0, b - a));
  const total = sizes.reduce((n, x) => n + x, 0);
  const segments = new Map<number, Blob[]>();
  const blocks = new Map<number, Uint8Array>();
  const image = { length, blockSize, blocks, segments, whole };
  const views = staging && total >= (staged?.fromBytes ?? STAGE_FROM_BYTES) ? staging.take(sizes) : null;
  if (!views) {
    for (const k of wanted) {
      segments.set(
        k,
        blobPieces(file, k * segmentSize, Math.min(length, (k + 1) * segmentSize), storedPiece),
      );
    }
    for (const i of blockList) blocks.set(i, blockOf(file, i, blockSize));
    return { image, committed: capture.commit };
  }
  // Everything is copied into the staging memory as it is now: each part just before a write would
  // change it, the rest in pieces below (`FileChanges.deferCopy`).
  const copy = changes.deferCopy(regions, views);
  const prepare = async () => {
    try {
      while (!copy.copySome(copyPieceBytes)) await pause();
      let sincePause = 0;
      const piece = async (bytes: number) => {
        sincePause += bytes;
        if (sincePause >= pieceBytes) {
          sincePause = 0;
          await pause();
        }
      };
      // The blocks first: with a maker, the staging memory then goes to it and back.
      for (let r = wanted.length; r < regions.length; r++) {
        blocks.set(blockList[r - wanted.length]!, views[r]!.slice());
        await piece(views[r]!.length);
      }
      const maker = staged?.blobMaker;
      if (maker) {
        if (wanted.length > 0)
          await makeSegments(maker, staging!, views.slice(0, wanted.length), wanted, segments, storedPiece);
        return;
      }
      for (let r = 0; r < wanted.length; r++) {
        const view = views[r]!;
        const n = view.length;
        // A segment as the Blobs it is stored as, with pauses between them.
        const parts: Blob[] = [];
        const step = Math.min(pieceBytes, storedPiece);
        for (let p = 0; p < n; p += step) {
          const m = Math.min(step, n - p);
          parts.push(new Blob([view.subarray(p, p + m)]));
          await piece(m);
        }
        segments.set(wanted[r]!, parts);
      }
    } finally {
      copy.cancel();
      staging!.release();
    }
  };
  return { image, committed: capture.commit, prepare };
}

/** The segments' Blobs from `maker`, with the staging memory lent to it and taken back. */
async function makeSegments(
  maker: BlobMaker,
  staging: CaptureStaging,
  views: readonly Uint8Array[],
  wanted: readonly number[],
  segments: Map<number, Blob[]>,
  pieceBytes: number,
): Promise<void> {
  const lent = staging.lend(views);
  const { buffers } = lent;
  // Each segment's region cut into the pieces it is stored as, made there too.
  const regions: BlobRegion[] = [];
  const owner: number[] = [];
  lent.regions.forEach((r, k) => {
    for (let at = 0; at < r.length; at += pieceBytes) {
      regions.push({ buffer: r.buffer, offset: r.offset + at, length: Math.min(pieceBytes, r.length - at) });
      owner.push(k);
    }
  });
  let made: { blobs: Blob[]; buffers: ArrayBuffer[] };
  try {
    made = await maker.make(buffers, regions);
  } catch (err) {
    if (err instanceof BlobMakerError && err.buffers) staging.giveBack(err.buffers);
    else staging.forget();
    throw err;
  }
  staging.giveBack(made.buffers);
  for (const k of wanted) segments.set(k, []);
  made.blobs.forEach((blob, j) => segments.get(wanted[owner[j]!]!)!.push(blob));
}
