import { openDB, type IDBPDatabase } from 'idb';
import { EngineError } from '../core/errors';
import { assemble, blockCount, blockOf, BLOCK_SIZE, changedBlocks } from './blocks';
import { storageError, type Snapshot, type SnapshotStore } from './snapshotStore';

/**
 * Saves the database image to IndexedDB block by block: each save writes only the blocks that
 * changed since the last save (or load) of this tab, plus a small manifest.
 *
 * Crash safety comes from IndexedDB itself: the compare-and-set of the generation, the new blocks,
 * the manifest that lists them and the deletion of the blocks they replace are one readwrite
 * transaction, which commits whole or not at all. New blocks are written under new keys
 * (`<generation>:<index>`), never over a block the previous manifest lists, so a save that dies
 * half-way leaves the previous generation complete and readable; the blocks it replaced are
 * deleted in the same transaction, so nothing old accumulates.
 *
 * sql.js keeps its file in wasm memory and does not expose it, so the image still comes from
 * `db.export()`; what this saves is the IndexedDB write, which grew with the whole file.
 */

const DB_NAME = 'dreamlane';
/** Version 1 held one whole-file record in `snapshots`; version 2 adds the blocks. */
const DB_VERSION = 2;
const SNAPSHOTS = 'snapshots';
const BLOCKS = 'blocks';
/** The whole-file record of version 1, read once and deleted by the first block save. */
const LEGACY_KEY = 'main';
const MANIFEST_KEY = 'manifest';

export interface Manifest {
  format: 'blocks-v1';
  generation: number;
  savedAt: number;
  length: number;
  blockSize: number;
  /** Key of each block in the `blocks` store, in order. */
  keys: string[];
}

/** What the last save wrote, for the benchmark and the tests. */
export interface BlockSaveStats {
  blocksWritten: number;
  bytesWritten: number;
  blocksDeleted: number;
  totalBlocks: number;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class BlockSnapshotStore implements SnapshotStore {
  private dbp: Promise<IDBPDatabase> | null = null;
  /** The image as this tab last saved or loaded it, and its generation: what a save diffs against. */
  private base: { image: Uint8Array; generation: number; keys: string[] } | null = null;
  lastSave: BlockSaveStats | null = null;

  /**
   * @param opts.interrupt Fault injection for crash tests: asked before each block is put; when it
   *   answers true the save's transaction is aborted there, as if the tab died mid-save.
   * @param opts.blockSize Smaller blocks keep Node tests quick; the browser uses `BLOCK_SIZE`.
   */
  constructor(
    private readonly name = DB_NAME,
    opts: { interrupt?: (blocksPut: number) => boolean; blockSize?: number } = {},
  ) {
    this.interrupt = opts.interrupt;
    this.blockSize = opts.blockSize ?? BLOCK_SIZE;
  }
  private readonly interrupt: ((blocksPut: number) => boolean) | undefined;
  private readonly blockSize: number;

  private open(): Promise<IDBPDatabase> {
    // A failed open is forgotten so that the next save retries it (e.g. after the user frees space).
    this.dbp ??= openDB(this.name, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) db.createObjectStore(SNAPSHOTS);
        if (oldVersion < 2) db.createObjectStore(BLOCKS);
      },
    }).catch((err: unknown) => {
      this.dbp = null;
      throw storageError(err);
    });
    return this.dbp;
  }

  async load(): Promise<Snapshot | null> {
    const db = await this.open();
    const tx = db.transaction([SNAPSHOTS, BLOCKS], 'readonly');
    const manifest = (await tx.objectStore(SNAPSHOTS).get(MANIFEST_KEY)) as Manifest | undefined;
    if (!manifest) {
      const legacy = (await tx.objectStore(SNAPSHOTS).get(LEGACY_KEY)) as Snapshot | undefined;
      await tx.done;
      this.base = null;
      return legacy ?? null;
    }
    // Two requests for every block (keys, then values in the same key order) instead of one
    // request per block: a 60 MB lab has about a thousand blocks, and each request costs a round
    // trip to the browser's storage process.
    const [allKeys, allValues] = await Promise.all([
      tx.objectStore(BLOCKS).getAllKeys() as Promise<string[]>,
      tx.objectStore(BLOCKS).getAll() as Promise<Uint8Array[]>,
    ]);
    const byKey = new Map<string, Uint8Array>();
    allKeys.forEach((k, i) => byKey.set(k, allValues[i]!));
    const blocks = manifest.keys.map((k) => byKey.get(k));
    await tx.done;
    const missing = blocks.findIndex((b) => !(b instanceof Uint8Array));
    if (missing >= 0 || manifest.blockSize !== this.blockSize) {
      throw new EngineError(
        'STORAGE_FAILED',
        missing >= 0
          ? `The saved lab is incomplete: block ${missing} of ${manifest.keys.length} is missing.`
          : `The saved lab uses blocks of ${manifest.blockSize} bytes; this version reads ${this.blockSize}.`,
      );
    }
    const image = assemble(manifest.length, blocks as Uint8Array[]);
    this.base = { image, generation: manifest.generation, keys: manifest.keys };
    return { bytes: image, generation: manifest.generation, savedAt: manifest.savedAt };
  }

  async save(snapshot: Snapshot, expectedGeneration: number): Promise<void> {
    const db = await this.open();
    const image = snapshot.bytes;
    // Diff before the transaction opens: an IndexedDB transaction commits on its own as soon as it
    // waits for anything else, and the diff pauses between slices to let chat turns through.
    const base = this.base?.generation === expectedGeneration ? this.base : null;
    const changed = await changedBlocks(base?.image ?? null, image, yieldToEvents, this.blockSize);
    const n = blockCount(image.length, this.blockSize);
    const keys = base ? base.keys.slice(0, n) : [];
    const replaced: string[] = base ? base.keys.slice(n) : [];
    const writes: Array<[string, Uint8Array]> = [];
    for (const i of changed) {
      const key = `${snapshot.generation}:${i}`;
      if (keys[i] !== undefined) replaced.push(keys[i]);
      keys[i] = key;
      writes.push([key, blockOf(image, i, this.blockSize)]);
    }
    const manifest: Manifest = {
      format: 'blocks-v1',
      generation: snapshot.generation,
      savedAt: snapshot.savedAt,
      length: image.length,
      blockSize: this.blockSize,
      keys,
    };
    try {
      const tx = db.transaction([SNAPSHOTS, BLOCKS], 'readwrite');
      // An aborted transaction (quota, a crash of the tab) rejects `done` and every pending request;
      // the first failure is the one reported, the rest must not surface as uncaught errors.
      const done = tx.done;
      done.catch(() => undefined);
      const snaps = tx.objectStore(SNAPSHOTS);
      const blocks = tx.objectStore(BLOCKS);
      const current = (await snaps.get(MANIFEST_KEY)) as Manifest | undefined;
      const legacy = current ? undefined : ((await snaps.get(LEGACY_KEY)) as Snapshot | undefined);
      const stored = current?.generation ?? legacy?.generation ?? 0;
      if (stored !== expectedGeneration) {
        tx.abort();
        throw new EngineError(
          'NOT_WRITER',
          'Another tab saved newer data; this tab stopped writing so nothing is overwritten.',
          { stored, expected: expectedGeneration },
        );
      }
      // Without a base from this tab every block was rewritten: every old block goes.
      const stale = base ? replaced : (current?.keys ?? []);
      const requests: Promise<unknown>[] = [];
      const issue = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        requests.push(request);
      };
      let interrupted = false;
      for (const [key, bytes] of writes) {
        if (this.interrupt?.(requests.length)) {
          interrupted = true;
          tx.abort();
          break;
        }
        issue(blocks.put(bytes, key));
      }
      if (!interrupted) {
        for (const key of stale) issue(blocks.delete(key));
        if (legacy) issue(snaps.delete(LEGACY_KEY));
        issue(snaps.put(manifest, MANIFEST_KEY));
      }
      await Promise.all([...requests, done]);
      this.lastSave = {
        blocksWritten: writes.length,
        bytesWritten: writes.reduce((s, [, b]) => s + b.length, 0),
        blocksDeleted: stale.length,
        totalBlocks: n,
      };
    } catch (err) {
      throw storageError(err);
    }
    this.base = { image, generation: snapshot.generation, keys };
  }
}
