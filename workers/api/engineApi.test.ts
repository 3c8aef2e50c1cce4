import { describe, expect, it } from 'vitest';
import type { EngineEvent, ErrorData } from '../contract';
import { createEngineApi } from './engineApi';
import { createProfile } from '../runtime/testRuntime';

async function caught(p: Promise<unknown>): Promise<ErrorData> {
  try {
    await p;
  } catch (err) {
    return err as ErrorData;
  }
  throw new Error('expected a failure');
}

describe('persistence', () => {
  it('round-trips: what one tab writes, a reloaded tab finds', async () => {
    const profile = createProfile();
    const api = createEngineApi(profile.tab());
    expect(await api.open()).toEqual({ role: 'writer' });
    await api.addNote('first');
    await api.addNote('second');
    const saved = await api.flush();
    expect(saved.status).toBe('saved');
    expect(saved.generation).toBeGreaterThan(0);

    // "Reload": the old tab is gone without releasing anything but its lock.
    profile.locks.holder?.release();
    const again = createEngineApi(profile.tab());
    await again.open();
    expect((await again.listNotes()).map((n) => n.body)).toEqual(['second', 'first']);
    expect((await again.dataStats()).save.generation).toBe(saved.generation);
  });

  it('tells the page on opening that the loaded data is saved, and when', async () => {
    const profile = createProfile();
    const first = createEngineApi(profile.tab());
    await first.open();
    await first.addNote('kept');
    const saved = await first.flush();
    profile.locks.holder?.release();

    const events: EngineEvent[] = [];
    const again = createEngineApi(profile.tab());
    await again.connect((e) => events.push(e));
    await again.open();
    const save = events.find((e) => e.type === 'save');
    expect(save).toEqual({
      type: 'save',
      state: { status: 'saved', generation: saved.generation, lastSavedAt: saved.lastSavedAt },
    });
  });

  it('debounces: a burst of writes becomes few snapshots, each with the next generation', async () => {
    const profile = createProfile();
    const rt = profile.tab();
    const api = createEngineApi(rt);
    await api.open();
    for (let i = 0; i < 20; i++) await api.addNote(`n${i}`);
    const state = await api.flush();
    expect(state.generation).toBeGreaterThanOrEqual(1);
    expect(state.generation).toBeLessThan(20);
    const snap = await profile.store().load();
    expect(snap?.generation).toBe(state.generation);
  });

  it('a tab that lost the lab cannot overwrite a newer snapshot', async () => {
    const profile = createProfile();
    const store = profile.store();
    await store.save({ bytes: new Uint8Array([1]), generation: 1, savedAt: 1 }, 0);
    await expect(
      store.save({ bytes: new Uint8Array([2]), generation: 1, savedAt: 2 }, 0),
    ).rejects.toMatchObject({
      code: 'NOT_WRITER',
    });
    expect((await store.load())?.bytes).toEqual(new Uint8Array([1]));
  });
});

describe('one writer across tabs', () => {
  it('a second tab waits on standby, and "use here" moves the lab without losing a write', async () => {
    const profile = createProfile();
    const a = createEngineApi(profile.tab({ debounceMs: 10_000 }));
    const b = createEngineApi(profile.tab({ debounceMs: 10_000 }));
    expect(await a.open()).toEqual({ role: 'writer' });
    expect(await b.open()).toEqual({ role: 'standby', reason: 'elsewhere' });
    await expect(b.addNote('from b too early')).rejects.toMatchObject({ code: 'NOT_WRITER' });

    // A has unsaved writes (long debounce): the hand-over must flush them first.
    await a.addNote('a1');
    await a.addNote('a2');
    expect(await b.takeOver()).toEqual({ role: 'writer' });
    expect(await a.lockState()).toEqual({ role: 'standby', reason: 'taken_over' });
    await expect(a.addNote('a3 after losing the lab')).rejects.toMatchObject({ code: 'NOT_WRITER' });
    expect((await b.listNotes()).map((n) => n.body)).toEqual(['a2', 'a1']);

    // And back again: B's writes reach A.
    await b.addNote('b1');
    expect(await a.takeOver()).toEqual({ role: 'writer' });
    expect((await a.listNotes()).map((n) => n.body)).toEqual(['b1', 'a2', 'a1']);
  });
});

describe('export and import', () => {
  async function openWithNotes() {
    const profile = createProfile();
    const api = createEngineApi(profile.tab());
    await api.open();
    await api.addNote('precious');
    return { profile, api };
  }

  it('exports a SQLite file and imports it back into another profile', async () => {
    const { api } = await openWithNotes();
    const bytes = await api.exportDatabase();
    expect(new TextDecoder().decode(bytes.slice(0, 16))).toBe('SQLite format 3\u0000');

    const other = createEngineApi(createProfile().tab());
    await other.open();
    await other.addNote('will be replaced');
    const stats = await other.importDatabase(bytes);
    expect(stats.tables.find((t) => t.name === 'notes')?.rows).toBe(1);
    expect((await other.listNotes()).map((n) => n.body)).toEqual(['precious']);
  });

  const cases: Array<[string, (good: Uint8Array) => Uint8Array, RegExp]> = [
    ['an empty file', () => new Uint8Array(0), /only 0 bytes/],
    [
      'a text file',
      () => new TextEncoder().encode('hello, this is not a database at all'.repeat(10)),
      /not a SQLite/,
    ],
    ['a truncated file', (g) => g.slice(0, g.length - 700), /truncated/],
    ['a file cut at a page boundary', (g) => g.slice(0, 4096), /truncated|damaged/],
    [
      'a file with garbage in its pages',
      (g) => {
        const b = g.slice();
        for (let i = 200; i < b.length; i += 7) b[i] = (b[i]! + 91) & 0xff;
        return b;
      },
      /damaged|not a Dreamlane|could not open/,
    ],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what} with CORRUPT_IMPORT and keeps the current data`, async () => {
      const { api } = await openWithNotes();
      const good = await api.exportDatabase();
      const err = await caught(api.importDatabase(make(good)));
      expect(err.code).toBe('CORRUPT_IMPORT');
      expect(err.message).toMatch(message);
      expect((await api.listNotes()).map((n) => n.body)).toEqual(['precious']);
      await api.addNote('still writable');
    });
  }

  it('refuses a foreign SQLite database and one from a newer Dreamlane', async () => {
    const { api } = await openWithNotes();
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const foreign = new SQL.Database();
    foreign.run("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
    expect((await caught(api.importDatabase(foreign.export()))).message).toMatch(/not a Dreamlane database/);

    const newer = new SQL.Database(await api.exportDatabase());
    newer.run("INSERT INTO __migrations__ (name, applied_at) VALUES ('9999_from_the_future', 0)");
    const err = await caught(api.importDatabase(newer.export()));
    expect(err.code).toBe('CORRUPT_IMPORT');
    expect(err.message).toMatch(/newer Dreamlane/);
    expect((await api.listNotes()).map((n) => n.body)).toEqual(['precious']);
  });

  it('erase needs the confirmation word, then leaves an empty, migrated lab', async () => {
    const { api } = await openWithNotes();
    expect((await caught(api.eraseEverything('yes'))).code).toBe('BAD_INPUT');
    expect(await api.listNotes()).toHaveLength(1);
    const stats = await api.eraseEverything('ERASE');
    expect(stats.tables.find((t) => t.name === 'notes')?.rows).toBe(0);
    expect(stats.migrations.length).toBeGreaterThan(0);
  });
});

describe('the API refuses bad arguments with coded errors and changes nothing', () => {
  it('for each core method', async () => {
    const profile = createProfile();
    const api = createEngineApi(profile.tab());
    await api.open();
    const bad: Array<[string, () => Promise<unknown>]> = [
      ['addNote(42)', () => api.addNote(42 as unknown as string)],
      ['addNote("")', () => api.addNote('   ')],
      ['addNote(huge)', () => api.addNote('x'.repeat(10_001))],
      ['setPlan("gold")', () => api.setPlan('gold' as never)],
      ['importDatabase("x")', () => api.importDatabase('x' as unknown as Uint8Array)],
      ['cancel(null)', () => api.cancel(null as unknown as string)],
    ];
    for (const [what, call] of bad) {
      const err = await caught(call());
      expect(err.code, what).toBe('BAD_INPUT');
      expect(err.message.length, what).toBeGreaterThan(5);
      expect(err, what).not.toBeInstanceOf(Error); // plain data, so structured clone keeps the code
    }
    expect(await api.listNotes()).toEqual([]);
    expect(await api.getPlan()).toBe('free');
  });

  it('turns unexpected failures into INTERNAL without a stack', async () => {
    const api = createEngineApi(createProfile().tab());
    // Not opened yet: NOT_WRITER, a coded expected failure.
    expect((await caught(api.listNotes())).code).toBe('NOT_WRITER');
  });
});

describe('plan and metrics', () => {
  it('persists the plan and renders metrics as Prometheus text', async () => {
    const profile = createProfile();
    const rt = profile.tab();
    const api = createEngineApi(rt);
    await api.open();
    expect(await api.setPlan('pro')).toBe('pro');
    const { incrementCounter } = await import('../store/metrics');
    await rt.write((db) => {
      incrementCounter(db, 'dreamlane_test_total', 'A test counter.', { reason: 'a"b' }, 2);
      incrementCounter(db, 'dreamlane_test_total', 'A test counter.', { reason: 'a"b' }, 3);
    });
    expect(await api.metricsText()).toBe(
      '# HELP dreamlane_test_total A test counter.\n# TYPE dreamlane_test_total counter\ndreamlane_test_total{reason="a\\"b"} 5\n',
    );
    expect(await api.getPlan()).toBe('pro');
  });
});

describe('a saved lab that cannot be read', () => {
  it('unreadable storage: the lab opens in memory, says so, and never writes over the stored copy', async () => {
    const profile = createProfile();
    const real = profile.store();
    await real.save({ bytes: new Uint8Array([1, 2, 3]), generation: 4, savedAt: 1 }, 0);
    let saves = 0;
    const broken = {
      load: () =>
        Promise.reject(
          Object.assign(new Error('The operation failed for reasons unrelated to the database itself.'), {
            name: 'UnknownError',
          }),
        ),
      save: (...args: Parameters<typeof real.save>) => {
        saves++;
        return real.save(...args);
      },
    };
    const api = createEngineApi(profile.tab({ store: broken }));
    expect(await api.open()).toEqual({ role: 'writer' });
    await api.addNote('in memory');
    expect((await api.listNotes()).map((n) => n.body)).toEqual(['in memory']);
    const state = await api.flush();
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('STORAGE_FAILED');
    expect(state.error?.message).toMatch(/memory only/);
    expect(saves).toBe(0);
    expect((await real.load())?.generation).toBe(4);
  });

  it('a damaged snapshot is kept untouched until the user imports a file, which resumes saving', async () => {
    const profile = createProfile();
    const store = profile.store();
    const damaged = new TextEncoder().encode('SQLite format 3\u0000 but then nonsense'.padEnd(4096, '!'));
    await store.save({ bytes: damaged, generation: 7, savedAt: 1 }, 0);

    const api = createEngineApi(profile.tab());
    expect(await api.open()).toEqual({ role: 'writer' });
    const state = await api.flush();
    expect(state.error?.message).toMatch(/could not be opened/);
    await api.addNote('scratch');
    await api.flush();
    expect((await store.load())?.generation).toBe(7);

    const donor = createEngineApi(createProfile().tab());
    await donor.open();
    await donor.addNote('from a backup');
    await api.importDatabase(await donor.exportDatabase());
    const after = await api.flush();
    expect(after.status).toBe('saved');
    expect(after.generation).toBe(8);
    expect((await api.listNotes()).map((n) => n.body)).toEqual(['from a backup']);
  });

  it('a snapshot from a newer Dreamlane is not migrated, not overwritten, and the reason is shown', async () => {
    const profile = createProfile();
    const first = createEngineApi(profile.tab());
    await first.open();
    await first.addNote('future data');
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const newer = new SQL.Database(await first.exportDatabase());
    newer.run("INSERT INTO __migrations__ (name, applied_at) VALUES ('9999_from_the_future', 0)");
    const store = profile.store();
    const gen = (await first.flush()).generation;
    await store.save({ bytes: newer.export(), generation: gen + 1, savedAt: 2 }, gen);
    profile.locks.holder?.release();

    const api = createEngineApi(profile.tab());
    await api.open();
    expect((await api.flush()).error?.message).toMatch(/newer Dreamlane/);
    expect(await api.listNotes()).toEqual([]);
    expect((await store.load())?.generation).toBe(gen + 1);
  });
});
