import 'fake-indexeddb/auto';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createEngineApi } from './engineApi';
import { openWithSavedNote } from './testLab';
import { ManualClock } from '../core/clock';
import { MemoryLockManager } from '../store/memoryLock';
import { knownMigrations } from '../store/migrations';
import type { Timers } from '../store/saver';
import { BlockSnapshotStore } from '../store/blockSnapshotStore';
import { EngineRuntime } from '../runtime/runtime';
import { createProfile } from '../runtime/testRuntime';
import type { SnapshotStore } from '../store/snapshotStore';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Timers that never fire: the worker is busy with a long operation between its batches. */
class StarvedTimers implements Timers {
  armed = 0;
  setTimeout(): unknown {
    this.armed++;
    return this.armed;
  }
  clearTimeout(): void {}
}

let n = 0;

describe('the saver under a long operation', () => {
  it('saves by the first batch after the 1 s deadline even when its timer never gets to run', async () => {
    const name = `durability-deadline-${++n}`;
    const clock = new ManualClock();
    const rt = new EngineRuntime({
      sql: initSqlJs(),
      store: new BlockSnapshotStore(name),
      lock: new MemoryLockManager().lockFor(),
      clock,
      migrations: knownMigrations,
      debounceMs: 25,
      maxWaitMs: 1000,
      timers: new StarvedTimers(),
      acquireWaitMs: 0,
    });
    await rt.open();
    const store = new BlockSnapshotStore(name);
    // Batches of 200 ms (on the fake clock), each written through the queue, as an ingest does.
    const savedAfterBatch: number[] = [];
    let lastGeneration = (await store.load())?.generation ?? 0;
    for (let batch = 1; batch <= 16; batch++) {
      clock.advance(200);
      await rt.write((db) => db.run('INSERT INTO notes (body, created_at) VALUES (?, ?)', [`b${batch}`, 0]));
      await sleep(5); // the operation's checkpoint: the event loop runs, IndexedDB makes progress
      const g = (await store.load())?.generation ?? 0;
      if (g > lastGeneration) savedAfterBatch.push(batch);
      lastGeneration = g;
    }
    // Dirty from batch 1 (t = 200 ms): due at t = 1200 ms, the write of batch 6 lets the save go
    // first, and so on every 1 s; never a stretch of more than 1 s + one batch without a save.
    expect(savedAfterBatch.length).toBeGreaterThanOrEqual(3);
    const gaps = savedAfterBatch.slice(1).map((b, i) => b - savedAfterBatch[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(6);
    expect(savedAfterBatch[0]).toBeLessThanOrEqual(7);
  });
});

describe('"use here" while the old tab keeps writing', () => {
  it('every write the old tab acknowledged is in the lab the new tab opens; the rest are NOT_WRITER', async () => {
    const profile = createProfile();
    const tabs = [createEngineApi(profile.tab()), createEngineApi(profile.tab())];
    expect(await tabs[0]!.open()).toEqual({ role: 'writer' });
    expect(await tabs[1]!.open()).toMatchObject({ role: 'standby' });
    const acknowledged = new Set<string>();
    const refused: string[] = [];
    let other: string[] = [];
    let seq = 0;
    for (let round = 0; round < 6; round++) {
      const writer = tabs[round % 2]!;
      const taker = tabs[(round + 1) % 2]!;
      let stop = false;
      // Two streams of writes, racing the hand-over from its first message to its last save.
      const stream = async () => {
        while (!stop) {
          const body = `r${round}-${seq++}`;
          try {
            await writer.addNote(body);
            acknowledged.add(body);
            // Each call arrives as its own message in a browser: let the event loop turn.
            await new Promise((r) => setImmediate(r));
          } catch (err) {
            const code = (err as { code?: string }).code;
            if (code !== 'NOT_WRITER') other.push(`${body}: ${code}`);
            refused.push(body);
            await sleep(1);
          }
        }
      };
      const streams = [stream(), stream()];
      await sleep(15);
      expect(await taker.takeOver()).toEqual({ role: 'writer' });
      await sleep(5);
      stop = true;
      await Promise.all(streams);
    }
    expect(other).toEqual([]);
    const last = tabs[0]!;
    await last.flush();
    const stored = new Set(
      await (async () => {
        const all: string[] = [];
        // listNotes shows the newest 200; read the table itself for the full count.
        const bytes = await last.exportDatabase();
        const SQL = await initSqlJs();
        const db = new SQL.Database(bytes);
        const res = db.exec('SELECT body FROM notes');
        for (const row of res[0]?.values ?? []) all.push(String(row[0]));
        db.close();
        return all;
      })(),
    );
    const lost = [...acknowledged].filter((b) => !stored.has(b));
    expect(acknowledged.size).toBeGreaterThan(20);
    expect(refused.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    other = [];
  });
});

describe('opening after a reload', () => {
  it('waits for the old page to let go of the lock instead of landing on standby', async () => {
    const profile = createProfile();
    const old = createEngineApi(profile.tab());
    expect(await old.open()).toEqual({ role: 'writer' });
    await old.addNote('before the reload');
    await old.flush();
    // The old page's worker still holds the lock for a moment after the reload.
    const holder = profile.locks.holder!;
    setTimeout(() => holder.release(), 300);
    const reloaded = createEngineApi(profile.tab({ acquireWaitMs: 2000 }));
    expect(await reloaded.open()).toEqual({ role: 'writer' });
    expect((await reloaded.listNotes()).map((x) => x.body)).toEqual(['before the reload']);
  });

  it('still offers "use here" when another tab keeps the lab', async () => {
    const profile = createProfile();
    await createEngineApi(profile.tab()).open();
    const second = createEngineApi(profile.tab({ acquireWaitMs: 250 }));
    expect(await second.open()).toEqual({ role: 'standby', reason: 'elsewhere' });
  });

  it('opens with every write of the old page when it saved after the lab was read ahead', async () => {
    const profile = createProfile();
    const old = await openWithSavedNote(profile.tab(), 'saved before the reload');
    // The new worker reads the lab ahead while the old page still holds the lock and saves once more.
    const store = profile.store();
    store.prefetch();
    await new Promise((r) => setTimeout(r, 50));
    await old.addNote('saved by the old page on its way out');
    await old.flush();
    const holder = profile.locks.holder!;
    setTimeout(() => holder.release(), 50);
    const reloaded = createEngineApi(profile.tab({ acquireWaitMs: 2000, store }));
    expect(await reloaded.open()).toEqual({ role: 'writer' });
    expect((await reloaded.listNotes()).map((x) => x.body)).toEqual([
      'saved by the old page on its way out',
      'saved before the reload',
    ]);
    // And it builds on that generation: its next save goes through.
    await reloaded.addNote('after the reload');
    expect((await reloaded.flush()).status).toBe('saved');
  });

  it('on standby, does not keep a copy of the lab read ahead', async () => {
    const profile = createProfile();
    await createEngineApi(profile.tab()).open();
    const real = profile.store();
    let dropped = 0;
    const store: SnapshotStore = {
      load: () => real.load(),
      save: (snap, expected) => real.save(snap, expected),
      prefetch: () => real.prefetch(),
      dropPrefetch: () => {
        dropped++;
        real.dropPrefetch();
      },
    };
    store.prefetch!();
    const second = createEngineApi(profile.tab({ acquireWaitMs: 0, store }));
    expect(await second.open()).toEqual({ role: 'standby', reason: 'elsewhere' });
    expect(dropped).toBe(1);
  });
});

describe('"use here" while the old tab cannot save', () => {
  it('is declined with the save error; the old tab keeps the lab and every acknowledged write', async () => {
    const profile = createProfile();
    let failing = false;
    const real = profile.store();
    // The old tab's storage starts failing (quota, a broken profile) after its first save.
    const flaky: SnapshotStore = {
      load: () => real.load(),
      save: (snap, expected) => {
        if (failing) {
          const err = new Error('The quota has been exceeded.');
          err.name = 'QuotaExceededError';
          return Promise.reject(err);
        }
        return real.save(snap, expected);
      },
    };
    const old = createEngineApi(profile.tab({ store: flaky }));
    const taker = createEngineApi(profile.tab());
    expect(await old.open()).toEqual({ role: 'writer' });
    expect(await taker.open()).toMatchObject({ role: 'standby' });
    await old.addNote('saved');
    await old.flush();
    failing = true;
    await old.addNote('acknowledged, not yet saved');

    await expect(taker.takeOver()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await taker.lockState()).toMatchObject({ role: 'standby' });
    // The old tab still holds the lab and still writes.
    expect(await old.lockState()).toEqual({ role: 'writer' });
    await old.addNote('written after the declined request');

    // Once its saves work again, the hand-over goes through with everything acknowledged.
    failing = false;
    expect(await taker.takeOver()).toEqual({ role: 'writer' });
    expect((await taker.listNotes()).map((x) => x.body).sort()).toEqual([
      'acknowledged, not yet saved',
      'saved',
      'written after the declined request',
    ]);
    expect(await old.lockState()).toMatchObject({ role: 'standby' });
  });
});
