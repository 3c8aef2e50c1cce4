import { openDB, type IDBPDatabase } from 'idb';
import { EngineError } from '../core/errors';
import { blockCount, BLOCK_SIZE } from './blocks';
import {
  isBlockChanges,
  storageError,
  type BlockChanges,
  type Snapshot,
  type SnapshotStore,
} from './snapshotStore';

/**
 * Saves the database image to IndexedDB as a base image plus the blocks written since it: a save
 * writes only the blocks SQLite wrote since this tab last saved (or loaded), plus a small manifest.
 * When the blocks kept add up to more than an eighth of the image (at least 8 MB), the save writes a
 * fresh base instead and drops them all (compaction), composed from the stored base and the blocks.
 *
 * Why a base: reading a lab back is one large record and a few small ones, as fast as the old
 * whole-file record; a thousand 64 KiB records would take seconds to read back in Chromium.
 *
 * Crash safety comes from IndexedDB itself: the compare-and-set of the generation, the new blocks,
 * the manifest that lists them and the deletion of what they replace are one readwrite
 * transaction, which commits whole or not at all. New records are written under new keys
 * (`<generation>:<index>`, `base:<generation>`), never over a record the previous manifest lists,
 * so a save that dies half-way leaves the previous generation complete and readable; what a save
 * replaces is deleted in the same transaction, so nothing old accumulates.
 *
 * What a save hands over is chosen in the write queue, between transactions (`EngineRuntime`): the
 * blocks of the database file that SQLite wrote since the last save (`FileChanges`), copied from the
 * file itself, so a save neither exports nor compares the whole file. Only a lab with nothing stored
 * yet (new or imported) is handed over whole.
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
  format: 'base+blocks-v1';
  generation: number;
  savedAt: number;
  length: number;
  blockSize: number;
  /** Key of the base image in the `blocks` store. */
  base: string;
  /** Blocks that differ from the base: block index -> key in the `blocks` store. */
  blocks: Record<number, string>;
}

/** What the last save wrote, for the benchmark and the tests. */
export interface BlockSaveStats {
  blocksWritten: number;
  bytesWritten: number;
  recordsDeleted: number;
  compacted: boolean;
}

/** Changed blocks beyond this share of the image (and at least `MIN_COMPACT_BYTES`) are folded in. */
const COMPACT_SHARE = 1 / 8;
const MIN_COMPACT_BYTES = 8 * 1024 * 1024;

/** Every block record: their keys are `<generation>:<index>`, digits first, and `:` sorts after `9`. */
const blockKeys = () => IDBKeyRange.bound('0', ':', false, true);

/**
 * The image the manifest describes, built in the base's own buffer when it is long enough (it is
 * ours: IndexedDB hands out a fresh copy), so a reload does not allocate and copy the image again.
 */
function assemble(
  base: Uint8Array,
  length: number,
  entries: Array<[string, string]>,
  stored: Map<string, Uint8Array | undefined>,
  blockSize: number,
): Uint8Array {
  let image: Uint8Array;
  if (base.length >= length) {
    image = base.subarray(0, length);
  } else {
    image = new Uint8Array(length);
    image.set(base);
  }
  for (const [index, key] of entries) image.set(stored.get(key)!, Number(index) * blockSize);
  return image;
}

/** What this tab last saved or loaded: what the next save builds on. */
interface Saved {
  manifest: Manifest;
  /** The stored base, to compose the next base from; null when an older version stored it as bytes. */
  base: Blob | null;
  /** The blocks the manifest lists beside the base, by index. */
  overlay: Map<number, Uint8Array>;
}

export class BlockSnapshotStore implements SnapshotStore {
  private dbp: Promise<IDBPDatabase> | null = null;
  private last: Saved | null = null;
  lastSave: BlockSaveStats | null = null;
  private readonly interrupt: ((recordsPut: number) => boolean) | undefined;
  readonly blockSize: number;
  private readonly minCompactBytes: number;

  /**
   * @param opts.interrupt Fault injection for crash tests: asked before each record is put; when
   *   it answers true the save's transaction is aborted there, as if the tab died mid-save.
   * @param opts.blockSize, opts.minCompactBytes Smaller sizes keep Node tests quick.
   */
  constructor(
    private readonly name = DB_NAME,
    opts: { interrupt?: (recordsPut: number) => boolean; blockSize?: number; minCompactBytes?: number } = {},
  ) {
    this.interrupt = opts.interrupt;
    this.blockSize = opts.blockSize ?? BLOCK_SIZE;
    this.minCompactBytes = opts.minCompactBytes ?? MIN_COMPACT_BYTES;
  }

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
      this.last = null;
      return legacy ?? null;
    }
    const store = tx.objectStore(BLOCKS);
    // The base in one request and every block in another (two getAll over the same range, read in
    // key order), rather than one request per block: a lab near the compaction threshold lists a
    // hundred blocks.
    const [stored0, keys, values] = (await Promise.all([
      store.get(manifest.base),
      store.getAllKeys(blockKeys()),
      store.getAll(blockKeys()),
    ])) as [Blob | Uint8Array | undefined, string[], Uint8Array[]];
    await tx.done;
    const base = stored0 instanceof Blob ? new Uint8Array(await stored0.arrayBuffer()) : stored0;
    const stored = new Map(keys.map((k, j) => [k, values[j]]));
    const entries = Object.entries(manifest.blocks);
    const missing =
      base instanceof Uint8Array ? entries.find(([, key]) => !(stored.get(key) instanceof Uint8Array)) : null;
    if (!(base instanceof Uint8Array) || missing || manifest.blockSize !== this.blockSize) {
      throw new EngineError(
        'STORAGE_FAILED',
        !(base instanceof Uint8Array) || missing
          ? `The saved lab is incomplete: ${missing ? `block ${missing[0]}` : 'its base image'} is missing.`
          : `The saved lab uses blocks of ${manifest.blockSize} bytes; this version reads ${this.blockSize}.`,
      );
    }
    const overlay = new Map(entries.map(([i, key]) => [Number(i), stored.get(key)!] as const));
    // Assembled before anyone else sees `base`: the runtime adopts the image as the database file.
    const image = assemble(base, manifest.length, entries, stored, this.blockSize);
    this.last = { manifest, base: stored0 instanceof Blob ? stored0 : null, overlay };
    return { bytes: image, generation: manifest.generation, savedAt: manifest.savedAt };
  }

  /**
   * Every save after the first is a block save: when the blocks kept beside the base pass the
   * threshold, the store composes the next base itself from the stored base and the blocks (see
   * `compose`), without the file. Only a lab with nothing stored yet, one saved by another tab since,
   * or a base an older version stored as bytes needs the whole file.
   */
  canSaveBlocks(expectedGeneration: number, length: number, changed: readonly number[]): boolean {
    const last = this.last;
    if (!last || last.manifest.generation !== expectedGeneration) return false;
    const n = blockCount(length, this.blockSize);
    const overlay = new Set([
      ...[...last.overlay.keys()].filter((i) => i < n),
      ...changed.filter((i) => i < n),
    ]);
    return !this.compactionDue(overlay.size, length) || this.composable(last, length, overlay);
  }

  /** Past this many changed blocks kept beside the base, a fresh base reads back faster. */
  private compactionDue(overlayBlocks: number, length: number): boolean {
    return overlayBlocks * this.blockSize > Math.max(this.minCompactBytes, length * COMPACT_SHARE);
  }

  /** Whether every block of a `length`-byte file that `overlay` lacks lies within the stored base. */
  private composable(last: Saved, length: number, overlay: { has(i: number): boolean }): boolean {
    if (!last.base) return false;
    const size = this.blockSize;
    for (let i = 0; i < blockCount(length, size); i++) {
      if (!overlay.has(i) && Math.min(length, (i + 1) * size) > last.base.size) return false;
    }
    return true;
  }

  /**
   * The next base as a Blob made of the stored base's unchanged ranges and the changed blocks. Slices
   * of a Blob share its data, so nothing of the base is read or copied here: the browser copies it
   * into the new record while the worker goes on.
   */
  private compose(base: Blob, length: number, overlay: Map<number, Uint8Array>): Blob {
    const size = this.blockSize;
    const parts: BlobPart[] = [];
    let run = -1; // first block of the current run of unchanged blocks
    const n = blockCount(length, size);
    for (let i = 0; i <= n; i++) {
      const changed = i < n ? overlay.get(i) : undefined;
      if (i < n && !changed) {
        if (run < 0) run = i;
        continue;
      }
      if (run >= 0) parts.push(base.slice(run * size, Math.min(length, i * size)));
      run = -1;
      if (changed) parts.push(changed as Uint8Array<ArrayBuffer>);
    }
    return new Blob(parts);
  }

  /** The records a save puts and deletes, the manifest it leaves, and what the next save builds on. */
  private plan(snapshot: Snapshot | BlockChanges, last: Saved | null) {
    const size = this.blockSize;
    const { generation, savedAt } = snapshot;
    const puts: Array<[string, Uint8Array | Blob]> = [];
    const deletes: string[] = [];
    const blocks: Record<number, string> = {};
    const manifest = (length: number, base: string): Manifest => ({
      format: 'base+blocks-v1',
      generation,
      savedAt,
      length,
      blockSize: size,
      base,
      blocks,
    });
    if (!isBlockChanges(snapshot)) {
      // A base is stored as a Blob: Chromium reads a 60 MB Blob back in well under half the time
      // it takes to deserialise the same bytes stored as a typed array.
      const base = new Blob([snapshot.bytes as Uint8Array<ArrayBuffer>]);
      puts.push([`base:${generation}`, base]);
      const next: Saved = { manifest: manifest(base.size, `base:${generation}`), base, overlay: new Map() };
      return { puts, deletes, next, compacted: true };
    }
    if (!last || snapshot.blockSize !== size) {
      throw new EngineError('STORAGE_FAILED', 'A block save needs the saved generation it builds on.');
    }
    const { length } = snapshot;
    const n = blockCount(length, size);
    const overlay = new Map<number, Uint8Array>();
    for (const [i, bytes] of last.overlay) if (i < n) overlay.set(i, bytes);
    for (const [i, bytes] of snapshot.blocks) if (i < n) overlay.set(i, bytes);
    if (this.compactionDue(overlay.size, length) && this.composable(last, length, overlay)) {
      const base = this.compose(last.base!, length, overlay);
      puts.push([`base:${generation}`, base]);
      const next: Saved = { manifest: manifest(length, `base:${generation}`), base, overlay: new Map() };
      return { puts, deletes, next, compacted: true };
    }
    for (const [i, key] of Object.entries(last.manifest.blocks)) {
      if (Number(i) < n) blocks[Number(i)] = key;
      else deletes.push(key);
    }
    for (const [i, bytes] of snapshot.blocks) {
      if (i >= n) continue;
      if (blocks[i] !== undefined) deletes.push(blocks[i]);
      blocks[i] = `${generation}:${i}`;
      puts.push([blocks[i], bytes]);
    }
    const next: Saved = { manifest: manifest(length, last.manifest.base), base: last.base, overlay };
    return { puts, deletes, next, compacted: false };
  }

  async save(snapshot: Snapshot | BlockChanges, expectedGeneration: number): Promise<void> {
    const db = await this.open();
    const last = this.last?.manifest.generation === expectedGeneration ? this.last : null;
    const { puts, deletes, next, compacted } = this.plan(snapshot, last);
    const { manifest } = next;
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
      // A new base replaces everything the stored manifest lists, whoever wrote it.
      const stale = compacted && current ? [current.base, ...Object.values(current.blocks)] : deletes;
      const requests: Promise<unknown>[] = [];
      const issue = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        requests.push(request);
      };
      let interrupted = false;
      for (const [key, bytes] of puts) {
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
        blocksWritten: compacted ? 0 : puts.length,
        bytesWritten: puts.reduce((sum, [, b]) => sum + (b instanceof Blob ? b.size : b.length), 0),
        recordsDeleted: stale.length,
        compacted,
      };
    } catch (err) {
      throw storageError(err);
    }
    this.last = next;
  }
}
