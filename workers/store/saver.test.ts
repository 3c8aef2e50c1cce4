import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SaveState } from '../contract/base';
import { ManualClock } from '../core/clock';
import { Saver } from './saver';
import { BlockSnapshotStore } from './blockSnapshotStore';
import type { Snapshot, SnapshotStore } from './snapshotStore';

/** A real IndexedDB store that fails its next `failures` saves the way a full disk does. */
class FlakyStore implements SnapshotStore {
  constructor(
    private readonly inner: SnapshotStore,
    public failures: number,
  ) {}
  load() {
    return this.inner.load();
  }
  save(s: Snapshot, expected: number) {
    if (this.failures > 0) {
      this.failures--;
      const err = new Error('The quota has been exceeded.');
      err.name = 'QuotaExceededError';
      return Promise.reject(err);
    }
    return this.inner.save(s, expected);
  }
}

let n = 0;
const fresh = () => new BlockSnapshotStore(`saver-test-${++n}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Saver', () => {
  it('writes the current bytes with the next generation after a quiet period', async () => {
    const store = fresh();
    const states: SaveState[] = [];
    let version = 1;
    const saver = new Saver({
      store,
      clock: new ManualClock(),
      generation: 0,
      snapshot: async () => new Uint8Array([version]),
      onState: (s) => states.push(s),
      debounceMs: 5,
    });
    saver.markDirty();
    version = 2; // the snapshot is taken when the save runs, not when the write happened
    await sleep(40);
    expect((await store.load())?.bytes).toEqual(new Uint8Array([2]));
    expect(saver.state).toMatchObject({ status: 'saved', generation: 1 });
    expect(states.map((s) => s.status)).toEqual(['pending', 'saving', 'saved']);
  });

  it('reports a quota failure, keeps the data dirty and retries until it succeeds', async () => {
    const store = new FlakyStore(fresh(), 2);
    const states: SaveState[] = [];
    const dirtyWhenFailing: boolean[] = [];
    const saver: Saver = new Saver({
      store,
      clock: new ManualClock(),
      generation: 0,
      snapshot: async () => new Uint8Array([7]),
      onState: (s) => {
        states.push(s);
        if (s.status === 'error') dirtyWhenFailing.push(saver.hasUnsavedChanges);
      },
      debounceMs: 1,
      retryBaseMs: 5,
    });
    saver.markDirty();
    await sleep(100);
    const failed = states.find((s) => s.status === 'error');
    expect(failed?.error?.code).toBe('STORAGE_QUOTA');
    expect(failed?.error?.message).toMatch(/quota/);
    expect(failed?.retryInMs).toBe(5);
    expect(states.filter((s) => s.status === 'error').map((s) => s.retryInMs)).toEqual([5, 10]);
    expect(dirtyWhenFailing).toEqual([true, true]);
    expect(saver.state.status).toBe('saved');
    expect((await store.load())?.bytes).toEqual(new Uint8Array([7]));
  });

  it('flush() saves immediately and waits for it', async () => {
    const store = fresh();
    const saver = new Saver({
      store,
      clock: new ManualClock(),
      generation: 0,
      snapshot: async () => new Uint8Array([3]),
      onState: () => undefined,
      debounceMs: 60_000,
    });
    saver.markDirty();
    expect((await saver.flush()).status).toBe('saved');
    expect((await store.load())?.generation).toBe(1);
    saver.stop();
  });

  it('stops for good when the store says another tab owns newer data', async () => {
    const store = fresh();
    await store.save({ bytes: new Uint8Array([9]), generation: 5, savedAt: 0 }, 0);
    let lost = false;
    const saver = new Saver({
      store,
      clock: new ManualClock(),
      generation: 2,
      snapshot: async () => new Uint8Array([1]),
      onState: () => undefined,
      onLostOwnership: () => (lost = true),
    });
    saver.markDirty();
    await expect(saver.flush()).rejects.toMatchObject({ code: 'NOT_WRITER' });
    expect(lost).toBe(true);
    expect((await store.load())?.bytes).toEqual(new Uint8Array([9]));
  });
});
