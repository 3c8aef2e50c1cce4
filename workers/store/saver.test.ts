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

/** Timers on a manual clock: each armed timer is recorded with when it would fire. */
function fakeTimers(clock: ManualClock) {
  const armed: Array<{ at: number; fn: () => void; cleared: boolean }> = [];
  const timers = {
    setTimeout: (fn: () => void, ms: number) => {
      const t = { at: clock.now() + ms, fn, cleared: false };
      armed.push(t);
      return t;
    },
    clearTimeout: (h: unknown) => void ((h as { cleared: boolean }).cleared = true),
  };
  return { armed, timers };
}

/** A saver on a manual clock and fake timers (25 ms quiet time, 1 s deadline) whose snapshot is `[byte]`. */
function fakeClockSaver(byte: number) {
  const clock = new ManualClock();
  const { armed, timers } = fakeTimers(clock);
  const store = fresh();
  const saver = new Saver({
    store,
    clock,
    generation: 0,
    snapshot: async () => new Uint8Array([byte]),
    onState: () => undefined,
    debounceMs: 25,
    maxWaitMs: 1000,
    timers,
  });
  return { clock, armed, store, saver };
}

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

  it('keeps a timer armed for the 1 s deadline however many writes follow (fake clock)', async () => {
    const { clock, armed, store, saver } = fakeClockSaver(4);
    const t0 = clock.now();
    // A write every 10 ms: the quiet time never comes, and the timer must not move past t0 + 1 s.
    for (let i = 0; i < 200; i++) {
      saver.markDirty();
      const live = armed.filter((t) => !t.cleared);
      expect(live).toHaveLength(1);
      expect(live[0]!.at).toBeLessThanOrEqual(t0 + 1000);
      if (clock.now() >= t0 + 1000) break;
      clock.advance(10);
    }
    const deadline = armed.find((t) => !t.cleared)!;
    expect(deadline.at).toBe(t0 + 1000);
    // Writes after the deadline leave that very timer armed (it is not cleared and re-queued).
    clock.advance(5);
    saver.markDirty();
    expect(deadline.cleared).toBe(false);
    expect(saver.due).toBe(true);
    deadline.fn();
    await saver.flush();
    expect((await store.load())?.generation).toBe(1);
  });

  it('while held by a long operation, saves at the 1 s deadline only, and after the quiet time once released', async () => {
    const { clock, armed, store, saver } = fakeClockSaver(5);
    const live = () => armed.filter((t) => !t.cleared);
    const fire = () => {
      const [t] = live();
      t!.cleared = true;
      t!.fn();
    };
    const release = saver.holdQuietSaves();
    const t0 = clock.now();
    saver.markDirty();
    // Held: the only timer is the deadline's, however long the pauses between batches.
    expect(live().map((t) => t.at)).toEqual([t0 + 1000]);
    clock.advance(300);
    saver.markDirty();
    expect(live().map((t) => t.at)).toEqual([t0 + 1000]);
    clock.advance(700);
    fire();
    await saver.flush();
    expect((await store.load())?.generation).toBe(1);
    // After that save the next deadline counts from the next write, still without a quiet-time save.
    clock.advance(10);
    saver.markDirty();
    expect(live().map((t) => t.at)).toEqual([clock.now() + 1000]);
    // Released: a save after the usual quiet time, not at the deadline.
    release();
    expect(live().map((t) => t.at)).toEqual([clock.now() + 25]);
    release(); // a second call changes nothing
    expect(live()).toHaveLength(1);
    fire();
    await saver.flush();
    expect((await store.load())?.generation).toBe(2);
    // Not held any more: writes save after the quiet time again.
    saver.markDirty();
    expect(live().map((t) => t.at)).toEqual([clock.now() + 25]);
  });

  it("a held operation's batches start no save; another write's deadline saves them with it, and the release saves the rest", async () => {
    const { clock, armed, store, saver } = fakeClockSaver(6);
    const live = () => armed.filter((t) => !t.cleared);
    const fire = () => {
      const [t] = live();
      t!.cleared = true;
      t!.fn();
    };
    const release = saver.holdQuietSaves();
    saver.markDirty(true);
    clock.advance(5000);
    saver.markDirty(true);
    // Batches only: no timer, nothing due, however long the text takes, but the state says unsaved.
    expect(live()).toHaveLength(0);
    expect(saver.due).toBe(false);
    expect(saver.state.status).toBe('pending');
    expect(saver.hasUnsavedChanges).toBe(true);
    // A chat turn meanwhile: its deadline (1 s) holds, and its save carries the batches too.
    const t1 = clock.now();
    saver.markDirty();
    expect(live().map((t) => t.at)).toEqual([t1 + 1000]);
    clock.advance(400);
    saver.markDirty(true); // a batch does not move that deadline
    expect(live().map((t) => t.at)).toEqual([t1 + 1000]);
    clock.advance(600);
    expect(saver.due).toBe(true);
    fire();
    await saver.flush();
    expect((await store.load())?.generation).toBe(1);
    // Batches after that save wait again, even across a save that ends with them unsaved.
    saver.markDirty(true);
    expect(live()).toHaveLength(0);
    // Released: what the batches wrote is saved after the quiet time.
    release();
    expect(live().map((t) => t.at)).toEqual([clock.now() + 25]);
    fire();
    await saver.flush();
    expect((await store.load())?.generation).toBe(2);
    expect(saver.hasUnsavedChanges).toBe(false);
    // Not held, a batch is an ordinary write.
    saver.markDirty(true);
    expect(live().map((t) => t.at)).toEqual([clock.now() + 25]);
  });

  it('a save that ends while only batches are unsaved leaves them to the release', async () => {
    const clock = new ManualClock();
    const { armed, timers } = fakeTimers(clock);
    const store = fresh();
    let during: (() => void) | null = null;
    const saver = new Saver({
      store,
      clock,
      generation: 0,
      // A batch is written while the save's bytes are being taken.
      snapshot: async () => {
        during?.();
        return new Uint8Array([7]);
      },
      onState: () => undefined,
      debounceMs: 25,
      maxWaitMs: 1000,
      timers,
    });
    const live = () => armed.filter((t) => !t.cleared);
    const release = saver.holdQuietSaves();
    saver.markDirty(); // not a batch: saved by its deadline
    during = () => saver.markDirty(true);
    await saver.flush();
    during = null;
    expect((await store.load())?.generation).toBe(1);
    expect(saver.hasUnsavedChanges).toBe(true);
    expect(live()).toHaveLength(0);
    release();
    expect(live().map((t) => t.at)).toEqual([clock.now() + 25]);
    await saver.flush();
    expect((await store.load())?.generation).toBe(2);
  });

  it('after a long save, a stream of writes forces the next save no sooner than twice that save took', async () => {
    const clock = new ManualClock();
    const { armed, timers } = fakeTimers(clock);
    const store = fresh();
    let saveMs = 900;
    const saver = new Saver({
      store,
      clock,
      generation: 0,
      // The save's time passes while its bytes are taken.
      snapshot: async () => {
        clock.advance(saveMs);
        return new Uint8Array([1]);
      },
      onState: () => undefined,
      debounceMs: 25,
      maxWaitMs: 1000,
      timers,
    });
    const live = () => armed.filter((t) => !t.cleared).map((t) => t.at);
    const release = saver.holdQuietSaves(); // a text being taught: saves come at the deadline only
    saver.markDirty();
    expect(live()).toEqual([clock.now() + 1000]);
    await saver.flush(); // took 900 ms
    saver.markDirty();
    expect(live()).toEqual([clock.now() + 1800]);
    clock.advance(1000);
    expect(saver.due).toBe(false);
    clock.advance(800);
    expect(saver.due).toBe(true);
    // A short save brings the usual deadline back.
    saveMs = 100;
    await saver.flush();
    saver.markDirty();
    expect(live()).toEqual([clock.now() + 1000]);
    release();
    saver.stop();
  });
});
