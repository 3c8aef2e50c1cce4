import { openDB, type IDBPDatabase } from 'idb';
import { EngineError } from '../core/errors';
import { blobPieces, blockCount, BLOCK_SIZE } from './blocks';
import {
  isBlockChanges,
  storageError,
  type BlockChanges,
  type Snapshot,
  type SnapshotStore,
} from './snapshotStore';

/**
 * Saves the database file to IndexedDB as segments of 4 MiB plus the 64 KiB blocks written since
 * each segment was stored, and a small manifest that lists them. A save writes the blocks SQLite
 * wrote since this tab last saved (or loaded); once a quarter of a segment's blocks are kept beside
 * it, the save carries that segment whole instead (a 4 MiB copy of the file) and drops its blocks.
 * So no save ever copies more than a few segments, whatever the size of the lab: an earlier design
 * with one base image had to rebuild all of it now and then, which held the worker for a long time.
 *
 * Why segments and not only blocks: reading a lab back is a few dozen records, not a thousand (a
 * thousand 64 KiB records take seconds to read back in Chromium). Segments are stored as Blobs and
 * read back joined into one Blob, whose bytes arrive in one buffer (each segment is stored as pieces
 * of 512 KiB: see SEGMENT_PIECE_BYTES): Chromium reads Blobs back in
 * well under half the time of the same bytes stored as typed arrays.
 *
 * Crash safety comes from IndexedDB itself: the compare-and-set of the generation, the new records,
 * the manifest that lists them and the deletion of what they replace are one readwrite transaction,
 * which commits whole or not at all. New records are written under new keys (`<generation>:<index>`,
 * `seg:<generation>:<index>`), never over a record the previous manifest lists, so a save that dies
 * half-way leaves the previous generation complete and readable; what a save replaces is deleted in
 * the same transaction, so nothing old accumulates.
 *
 * What a save hands over is chosen in the write queue, between transactions (`EngineRuntime`): the
 * blocks of the database file that SQLite wrote since the last save (`FileChanges`) and the segments
 * `segmentsToSave` asks for, copied from the file itself. Only a lab with nothing stored yet (new or
 * imported) is handed over whole.
 */

const DB_NAME = 'dreamlane';
/** Version 1 held one whole-file record in `snapshots`; version 2 adds the blocks. */
const DB_VERSION = 2;
const SNAPSHOTS = 'snapshots';
const BLOCKS = 'blocks';
/** The whole-file record of version 1, read once and deleted by the first save. */
const LEGACY_KEY = 'main';
const MANIFEST_KEY = 'manifest';

/** Blocks per segment (4 MiB of 64 KiB blocks). */
export const SEGMENT_BLOCKS = 64;
/** A segment with this many of its blocks kept beside it is saved whole by the next save. */
const REWRITE_AT = SEGMENT_BLOCKS / 4;

export interface Manifest {
  format: 'segments+blocks-v1';
  generation: number;
  savedAt: number;
  length: number;
  blockSize: number;
  segmentBlocks: number;
  /** Segment index -> key in the `blocks` store; segment k starts at byte k × segmentBlocks × blockSize. */
  segments: Record<number, string>;
  /** Blocks written since their segment was stored: block index -> key in the `blocks` store. */
  blocks: Record<number, string>;
}

/** The manifest of the previous format: one base image instead of segments. */
interface BaseManifest {
  format: 'base+blocks-v1';
  generation: number;
  savedAt: number;
  length: number;
  blockSize: number;
  base: string;
  blocks: Record<number, string>;
}

/** What the last save wrote, for the benchmark and the tests. */
export interface BlockSaveStats {
  blocksWritten: number;
  segmentsWritten: number;
  bytesWritten: number;
  recordsDeleted: number;
  /** The save wrote the whole file (a new or imported lab). */
  whole: boolean;
}

/**
 * A stored segment is its Blob cut into pieces of at most this size (an array of Blobs; a segment
 * saved as one Blob is read too). Chromium lists a Blob of 1 MiB or more in a read about 17 ms more
 * slowly than one of 512 KiB or less: a 60 MB lab's fifteen 4 MiB segments took 250–300 ms to be
 * listed before a byte of them was read, against 12–20 ms as 512 KiB pieces, for the same bytes
 * read back in the same time. Storing the pieces costs IndexedDB a few milliseconds more per segment.
 */
export const SEGMENT_PIECE_BYTES = 512 * 1024;

type Stored = Uint8Array | Blob | Blob[];

const sizeOf = (value: Stored): number =>
  Array.isArray(value)
    ? value.reduce((n, b) => n + b.size, 0)
    : value instanceof Blob
      ? value.size
      : value.length;

/** A stored segment's pieces (one for a segment saved as a single Blob), or null if it is not one. */
function piecesOf(value: unknown): Blob[] | null {
  if (value instanceof Blob) return [value];
  if (Array.isArray(value) && value.every((b) => b instanceof Blob)) return value as Blob[];
  return null;
}

/**
 * A save waits for its last request after this many requests, or bytes, since it last waited (see
 * `save`): about a segment's worth, a few milliseconds of this thread.
 */
const PACE_REQUESTS = 8;
const PACE_BYTES = 4 << 20;

/** Every block record: their keys are `<generation>:<index>`, digits first, and `:` sorts after `9`. */
const blockKeys = () => IDBKeyRange.bound('0', ':', false, true);
/** Every segment record: `seg:<generation>:<index>`. */
const segmentKeys = () => IDBKeyRange.bound('seg:', 'seg;', false, true);

/** Every record a stored manifest lists, of either format. */
function listed(m: Manifest | BaseManifest): string[] {
  const own = m.format === 'base+blocks-v1' ? [m.base] : Object.values(m.segments);
  return [...own, ...Object.values(m.blocks)];
}

export class BlockSnapshotStore implements SnapshotStore {
  private dbp: Promise<IDBPDatabase> | null = null;
  /** What this tab last saved or loaded (null when it must save the whole file next). */
  private last: Manifest | null = null;
  /** A read started before the lock was held (`prefetch`), until `load` takes or drops it. */
  private early: Promise<{ snapshot: Snapshot | null; last: Manifest | null; stamp: string | null }> | null =
    null;
  lastSave: BlockSaveStats | null = null;
  private readonly interrupt: ((recordsPut: number) => boolean) | undefined;
  readonly blockSize: number;
  readonly segmentBlocks: number;
  readonly pieceBytes: number;

  /**
   * @param opts.interrupt Fault injection for crash tests: asked before each record is put; when
   *   it answers true the save's transaction is aborted there, as if the tab died mid-save.
   * @param opts.blockSize Smaller blocks keep Node tests quick.
   * @param opts.pieceBytes The most a stored piece of a segment holds (smaller with small blocks).
   */
  constructor(
    private readonly name = DB_NAME,
    opts: { interrupt?: (recordsPut: number) => boolean; blockSize?: number; pieceBytes?: number } = {},
  ) {
    this.interrupt = opts.interrupt;
    this.blockSize = opts.blockSize ?? BLOCK_SIZE;
    this.pieceBytes = opts.pieceBytes ?? SEGMENT_PIECE_BYTES;
    this.segmentBlocks = SEGMENT_BLOCKS;
  }

  get segmentSize(): number {
    return this.blockSize * this.segmentBlocks;
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

  /**
   * Starts reading the saved lab before this tab holds the writer lock: a worker starts it first
   * thing, so that reading a large lab back overlaps with evaluating the rest of its code and
   * taking the lock. `load()` takes what was read only if the stored manifest is still the same
   * generation once it is asked (the lock is held then, so no other tab saves any more); otherwise it
   * reads again. Reading is safe without the lock: one readonly transaction sees one generation whole.
   * Resolves once the records are listed and only their bytes are left to arrive (or the read ended).
   * The bytes are taken in on the calling thread: other work there meanwhile holds the read back.
   */
  prefetch(): Promise<void> {
    if (this.early) return Promise.resolve();
    let listed!: () => void;
    const reading = new Promise<void>((resolve) => (listed = resolve));
    this.early = this.read(listed);
    // Settled either way: the read ended before reaching its bytes (nothing stored, or it failed).
    this.early.then(
      () => listed(),
      () => listed(),
    );
    return reading;
  }

  /** Forgets a read started by `prefetch` (a tab on standby does not keep a copy of the lab). */
  dropPrefetch(): void {
    this.early = null;
  }

  async load(): Promise<Snapshot | null> {
    const early = this.early;
    this.early = null;
    if (early) {
      // Which generation is stored now that the lock is held, asked while the early read finishes.
      const [got, stamp] = await Promise.all([early.catch(() => null), this.storedStamp().catch(() => null)]);
      if (got?.stamp && stamp === got.stamp) {
        this.last = got.last;
        return got.snapshot;
      }
    }
    const got = await this.read();
    this.last = got.last;
    return got.snapshot;
  }

  /** The generation and time of the stored manifest, or null when there is none. */
  private async storedStamp(): Promise<string | null> {
    const db = await this.open();
    const manifest = (await db.get(SNAPSHOTS, MANIFEST_KEY)) as Manifest | BaseManifest | undefined;
    return manifest ? stampOf(manifest) : null;
  }

  /**
   * The stored lab, and the manifest saves build on. `stamp` identifies the manifest read (null when
   * there was none: an empty or a version-1 lab is simply read again).
   */
  private async read(
    listed?: () => void,
  ): Promise<{ snapshot: Snapshot | null; last: Manifest | null; stamp: string | null }> {
    const db = await this.open();
    const tx = db.transaction([SNAPSHOTS, BLOCKS], 'readonly');
    // The bytes are read from Blobs once listed, after the transaction: its end is not waited for.
    tx.done.catch(() => undefined);
    const snaps = tx.objectStore(SNAPSHOTS);
    const store = tx.objectStore(BLOCKS);
    // The manifest and every record's key and value in one go (getAll over key ranges, read in key
    // order), not a request per record nor the manifest first: a lab can list a hundred blocks, and
    // each round trip to IndexedDB costs most while a reloaded page's old worker winds down.
    const [manifest, blockKeyList, blockValues, segKeyList, segValues] = (await Promise.all([
      snaps.get(MANIFEST_KEY),
      store.getAllKeys(blockKeys()),
      store.getAll(blockKeys()),
      store.getAllKeys(segmentKeys()),
      store.getAll(segmentKeys()),
    ])) as [Manifest | BaseManifest | undefined, string[], Uint8Array[], string[], unknown[]];
    if (!manifest) {
      const legacy = (await snaps.get(LEGACY_KEY)) as Snapshot | undefined;
      return { snapshot: legacy ?? null, last: null, stamp: null };
    }
    const base = (manifest.format === 'base+blocks-v1' ? await store.get(manifest.base) : undefined) as
      Blob | Uint8Array | undefined;
    if (manifest.blockSize !== this.blockSize) {
      throw new EngineError(
        'STORAGE_FAILED',
        `The saved lab uses blocks of ${manifest.blockSize} bytes; this version reads ${this.blockSize}.`,
      );
    }
    const blocks = new Map(blockKeyList.map((k, j) => [k, blockValues[j]]));
    const overlay = new Map<number, Uint8Array>();
    for (const [i, key] of Object.entries(manifest.blocks)) {
      const bytes = blocks.get(key);
      if (!(bytes instanceof Uint8Array)) throw incomplete(`block ${i}`);
      overlay.set(Number(i), bytes);
    }
    let image: Uint8Array;
    let last: Manifest | null;
    // The records are listed; what is left is reading their bytes, outside this thread.
    listed?.();
    if (manifest.format === 'base+blocks-v1') {
      // Saved by the previous version; the next save writes the lab whole in segments.
      const bytes = base instanceof Blob ? new Uint8Array(await base.arrayBuffer()) : base;
      if (!(bytes instanceof Uint8Array)) throw incomplete('its base image');
      image =
        bytes.length >= manifest.length ? bytes.subarray(0, manifest.length) : grow(bytes, manifest.length);
      last = null;
    } else {
      const segments = new Map(segKeyList.map((k, j) => [k, segValues[j]]));
      image = await this.joinSegments(manifest, segments, overlay);
      last = manifest.segmentBlocks !== this.segmentBlocks ? null : manifest;
    }
    // The blocks written since their segment was stored are the newest bytes: laid over last.
    for (const [i, bytes] of overlay) image.set(bytes, i * this.blockSize);
    return {
      snapshot: { bytes: image, generation: manifest.generation, savedAt: manifest.savedAt },
      last,
      stamp: stampOf(manifest),
    };
  }

  /**
   * The file's bytes in one buffer of its own (the runtime adopts it as the database file): the
   * segments joined into one Blob, with blocks standing in where a segment does not reach (the file
   * grew since it was stored), read back in one piece.
   */
  private async joinSegments(
    manifest: Manifest,
    segments: Map<string, unknown>,
    overlay: Map<number, Uint8Array>,
  ): Promise<Uint8Array> {
    const { length } = manifest;
    const size = this.blockSize;
    const segSize = size * manifest.segmentBlocks;
    const parts: BlobPart[] = [];
    for (let k = 0; k * segSize < length; k++) {
      const start = k * segSize;
      const end = Math.min(length, start + segSize);
      let pos = start;
      const key = manifest.segments[k];
      if (key !== undefined) {
        const pieces = piecesOf(segments.get(key));
        if (!pieces) throw incomplete(`segment ${k}`);
        for (const piece of pieces) {
          const take = Math.min(piece.size, end - pos);
          if (take <= 0) break;
          parts.push(take === piece.size ? piece : piece.slice(0, take));
          pos += take;
        }
      }
      while (pos < end) {
        const i = Math.floor(pos / size);
        const bytes = overlay.get(i);
        if (!bytes) throw incomplete(`block ${i}`);
        const piece = bytes.subarray(pos - i * size, Math.min(bytes.length, end - i * size));
        if (piece.length === 0) throw incomplete(`block ${i}`);
        parts.push(piece as Uint8Array<ArrayBuffer>);
        pos += piece.length;
      }
    }
    const image = new Uint8Array(await new Blob(parts).arrayBuffer());
    if (image.length !== length) throw incomplete('the end of the file');
    return image;
  }

  /**
   * Which segments a save on top of `expectedGeneration` must carry whole, beside the blocks
   * `changed` since (null: the whole file). Asked synchronously while the save's bytes are taken.
   */
  segmentsToSave(expectedGeneration: number, length: number, changed: readonly number[]): number[] | null {
    const last = this.last;
    if (!last || last.generation !== expectedGeneration) return null;
    const n = blockCount(length, this.blockSize);
    const kept = new Set([...Object.keys(last.blocks).map(Number), ...changed].filter((i) => i < n));
    const perSegment = new Map<number, number>();
    for (const i of kept) {
      const k = Math.floor(i / this.segmentBlocks);
      perSegment.set(k, (perSegment.get(k) ?? 0) + 1);
    }
    return [...perSegment]
      .filter(([, count]) => count >= REWRITE_AT)
      .map(([k]) => k)
      .sort((a, b) => a - b);
  }

  /** The records a save puts and deletes, and the manifest it leaves. */
  private plan(snapshot: Snapshot | BlockChanges, last: Manifest | null) {
    const size = this.blockSize;
    const segSize = this.segmentSize;
    const puts: Array<[string, Stored]> = [];
    const deletes: string[] = [];
    const segments: Record<number, string> = {};
    const blocks: Record<number, string> = {};
    const { generation, savedAt } = snapshot;
    const whole = !isBlockChanges(snapshot) || snapshot.whole === true;
    const length = isBlockChanges(snapshot) ? snapshot.length : snapshot.bytes.length;
    const newSegments: Map<number, Blob[]> = isBlockChanges(snapshot) ? snapshot.segments : new Map();
    if (!isBlockChanges(snapshot)) {
      for (let k = 0; k * segSize < length; k++) {
        const end = Math.min(length, (k + 1) * segSize);
        newSegments.set(k, blobPieces(snapshot.bytes, k * segSize, end, this.pieceBytes));
      }
    } else if (snapshot.blockSize !== size || (!whole && !last)) {
      throw new EngineError('STORAGE_FAILED', 'A block save needs the saved generation it builds on.');
    }
    const n = blockCount(length, size);
    const segCount = Math.ceil(length / segSize);
    if (!whole && last) {
      for (const [k, key] of Object.entries(last.segments)) {
        if (Number(k) < segCount && !newSegments.has(Number(k))) segments[Number(k)] = key;
        else deletes.push(key);
      }
      for (const [i, key] of Object.entries(last.blocks)) {
        const index = Number(i);
        if (index < n && !newSegments.has(Math.floor(index / this.segmentBlocks))) blocks[index] = key;
        else deletes.push(key);
      }
    }
    for (const [k, pieces] of newSegments) {
      if (k >= segCount) continue;
      segments[k] = `seg:${generation}:${k}`;
      puts.push([segments[k], pieces]);
    }
    if (isBlockChanges(snapshot)) {
      for (const [i, bytes] of snapshot.blocks) {
        if (i >= n || newSegments.has(Math.floor(i / this.segmentBlocks))) continue;
        if (blocks[i] !== undefined) deletes.push(blocks[i]);
        blocks[i] = `${generation}:${i}`;
        puts.push([blocks[i], bytes]);
      }
    }
    const manifest: Manifest = {
      format: 'segments+blocks-v1',
      generation,
      savedAt,
      length,
      blockSize: size,
      segmentBlocks: this.segmentBlocks,
      segments,
      blocks,
    };
    return { puts, deletes, manifest, whole };
  }

  async save(snapshot: Snapshot | BlockChanges, expectedGeneration: number): Promise<void> {
    const db = await this.open();
    const last = this.last?.generation === expectedGeneration ? this.last : null;
    const { puts, deletes, manifest, whole } = this.plan(snapshot, last);
    try {
      const tx = db.transaction([SNAPSHOTS, BLOCKS], 'readwrite');
      // An aborted transaction (quota, a crash of the tab) rejects `done` and every pending request;
      // the first failure is the one reported, the rest must not surface as uncaught errors.
      const done = tx.done;
      done.catch(() => undefined);
      const snaps = tx.objectStore(SNAPSHOTS);
      const store = tx.objectStore(BLOCKS);
      const current = (await snaps.get(MANIFEST_KEY)) as Manifest | BaseManifest | undefined;
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
      // The whole file replaces everything the stored manifest lists, whoever wrote it.
      const stale = whole && current ? listed(current) : deletes;
      const requests: Promise<unknown>[] = [];
      const issue = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        requests.push(request);
      };
      // The requests are issued a few at a time, each group once the one before has been stored:
      // issuing a whole save's puts at once held this thread for up to 90 ms while a text was taught
      // (a put of a large value costs the thread a few milliseconds), and a chat turn sent meanwhile
      // waited for all of it. The transaction stays active across the waits (each resumes in a
      // request's success event), so the save still commits whole or not at all.
      let interrupted = false;
      let sincePause = 0;
      let bytesSincePause = 0;
      const paced = async (request: Promise<unknown>, bytes: number) => {
        issue(request);
        bytesSincePause += bytes;
        if (++sincePause >= PACE_REQUESTS || bytesSincePause >= PACE_BYTES) {
          sincePause = 0;
          bytesSincePause = 0;
          await request;
        }
      };
      for (const [key, value] of puts) {
        if (this.interrupt?.(requests.length)) {
          interrupted = true;
          tx.abort();
          break;
        }
        await paced(store.put(value, key), sizeOf(value));
      }
      if (!interrupted) {
        for (const key of stale) await paced(store.delete(key), 0);
        if (legacy) issue(snaps.delete(LEGACY_KEY));
        issue(snaps.put(manifest, MANIFEST_KEY));
      }
      await Promise.all([...requests, done]);
      this.lastSave = {
        blocksWritten: puts.filter(([k]) => !k.startsWith('seg:')).length,
        segmentsWritten: puts.filter(([k]) => k.startsWith('seg:')).length,
        bytesWritten: puts.reduce((sum, [, v]) => sum + sizeOf(v), 0),
        recordsDeleted: stale.length,
        whole,
      };
    } catch (err) {
      throw storageError(err);
    }
    this.last = manifest;
  }
}

/**
 * Identifies a stored manifest: every save writes generation + 1 under a compare-and-set, so one
 * generation is one manifest (the time guards against a profile wiped and saved again meanwhile).
 */
function stampOf(m: Manifest | BaseManifest): string {
  return `${m.generation}@${m.savedAt}`;
}

function incomplete(what: string): EngineError {
  return new EngineError('STORAGE_FAILED', `The saved lab is incomplete: ${what} is missing.`);
}

function grow(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(bytes);
  return out;
}
