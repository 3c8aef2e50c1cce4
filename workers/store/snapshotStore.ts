import { EngineError } from '../core/errors';

/**
 * Where the database is saved. The browser's implementation is `BlockSnapshotStore` (IndexedDB,
 * block by block); the interface speaks of whole images so the saver and runtime need not know.
 */

/** One saved copy of the whole database file. */
export interface Snapshot {
  bytes: Uint8Array;
  /** Increases by one with every save; the newest snapshot wins. */
  generation: number;
  savedAt: number;
}

/**
 * A save written as what changed since the generation it builds on: the file's new length, a copy of
 * each block written since (the last one may be short), and whole segments where the store asked for
 * them (`segmentsToSave`). With `whole`, the segments are the entire file and nothing else is kept.
 */
export interface BlockChanges {
  generation: number;
  savedAt: number;
  length: number;
  blockSize: number;
  blocks: Map<number, Uint8Array>;
  /** Each segment as the pieces it is stored as (`pieceBytes` each, the last shorter). */
  segments: Map<number, Blob[]>;
  whole?: boolean;
}

export function isBlockChanges(s: Snapshot | BlockChanges): s is BlockChanges {
  return 'blocks' in s;
}

export interface SnapshotStore {
  load(): Promise<Snapshot | null>;
  /**
   * Start reading before this tab holds the writer lock; the next `load` uses that read when the
   * stored lab has not changed since. Resolves once the rest of the read goes on outside this
   * thread. Optional: stores that read quickly have none.
   */
  prefetch?(): Promise<void>;
  /** Forget a read started by `prefetch` (this tab is on standby). */
  dropPrefetch?(): void;
  /**
   * Write `snapshot` if the stored generation is still `expectedGeneration` (compare-and-set in the
   * same IndexedDB transaction), so a tab that lost the lab can never overwrite newer data.
   */
  save(snapshot: Snapshot | BlockChanges, expectedGeneration: number): Promise<void>;
  /** The block and segment sizes of `BlockChanges` this store takes; absent when it only takes whole images. */
  readonly blockSize?: number;
  readonly segmentSize?: number;
  /** The most bytes a piece of a segment holds: `BlockChanges.segments` come cut so. */
  readonly pieceBytes?: number;
  /**
   * Which segments a save on top of `expectedGeneration` must carry whole beside the blocks
   * `changed` since, for a file of `length` bytes; null when it must carry the whole file. Asked
   * synchronously while the save's bytes are taken.
   */
  segmentsToSave?(expectedGeneration: number, length: number, changed: readonly number[]): number[] | null;
}

/** Maps IndexedDB failures to coded errors a person can act on. */
export function storageError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const name = err instanceof Error || (err instanceof Object && 'name' in err) ? (err as Error).name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError') {
    return new EngineError(
      'STORAGE_QUOTA',
      'The browser refused to store more data (storage quota reached). Your lab keeps working in memory; free some space or export your data.',
    );
  }
  return new EngineError('STORAGE_FAILED', `Saving to this browser's storage failed: ${message}`);
}
