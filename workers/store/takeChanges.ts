import { blockOf } from './blocks';
import type { FileChanges } from './fileChanges';
import type { Capture } from './saver';
import type { SnapshotStore } from './snapshotStore';

/** What `takeChanges` needs of the store: its sizes and which segments it wants whole. */
export interface SegmentedStore {
  readonly blockSize: number;
  readonly segmentSize: number;
  segmentsToSave(expectedGeneration: number, length: number, changed: readonly number[]): number[] | null;
}

export function isSegmented(store: SnapshotStore): store is SnapshotStore & SegmentedStore {
  return (
    typeof store.blockSize === 'number' &&
    typeof store.segmentSize === 'number' &&
    typeof store.segmentsToSave === 'function'
  );
}

/**
 * What a save on top of `expectedGeneration` writes, copied from the live file right now (between
 * transactions): the blocks written since the last committed save, and the segments the store asks
 * for whole (every segment when nothing of the file is stored yet). Segments go straight into Blobs,
 * one copy each; blocks are copied out of the file, which changes with the next write.
 */
export function takeChanges(
  changes: FileChanges,
  store: SegmentedStore,
  expectedGeneration: number,
): Capture {
  const { blockSize, segmentSize } = store;
  const capture = changes.capture(blockSize);
  const file = changes.bytes();
  const { length } = capture;
  const asked = capture.hasBaseline
    ? store.segmentsToSave(expectedGeneration, length, capture.changed)
    : null;
  const whole = asked === null;
  const wanted = whole ? [...Array(Math.ceil(length / segmentSize)).keys()] : asked;
  const segments = new Map<number, Blob>();
  for (const k of wanted) {
    const part = file.subarray(k * segmentSize, Math.min(length, (k + 1) * segmentSize));
    segments.set(k, new Blob([part as Uint8Array<ArrayBuffer>]));
  }
  const perSegment = segmentSize / blockSize;
  const blocks = new Map<number, Uint8Array>();
  if (!whole) {
    for (const i of capture.changed) {
      if (!segments.has(Math.floor(i / perSegment))) blocks.set(i, blockOf(file, i, blockSize));
    }
  }
  return { image: { length, blockSize, blocks, segments, whole }, committed: capture.commit };
}
