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
 * A save written as the blocks that changed since the generation it builds on: the file's new length
 * and a copy of each changed block (the last one may be short).
 */
export interface BlockChanges {
  generation: number;
  savedAt: number;
  length: number;
  blockSize: number;
  blocks: Map<number, Uint8Array>;
}

export function isBlockChanges(s: Snapshot | BlockChanges): s is BlockChanges {
  return 'blocks' in s;
}

export interface SnapshotStore {
  load(): Promise<Snapshot | null>;
  /**
   * Write `snapshot` if the stored generation is still `expectedGeneration` (compare-and-set in the
   * same IndexedDB transaction), so a tab that lost the lab can never overwrite newer data.
   */
  save(snapshot: Snapshot | BlockChanges, expectedGeneration: number): Promise<void>;
  /** The block size of `BlockChanges` this store takes; absent when it only takes whole images. */
  readonly blockSize?: number;
  /**
   * Whether a save on top of `expectedGeneration` may be written as these changed blocks of a file of
   * `length` bytes (false: send the whole image). Asked synchronously while the save's bytes are taken.
   */
  canSaveBlocks?(expectedGeneration: number, length: number, changed: readonly number[]): boolean;
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
