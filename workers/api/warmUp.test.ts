import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IdleScheduler } from '../runtime/idle';
import type { EngineRuntime } from '../runtime/runtime';
import { createProfile } from '../runtime/testRuntime';
import { createEngineApi } from './engineApi';
import { openWithSavedNote } from './testLab';
import { roomFor } from '../store/fileChanges';
import type { EngineEvent } from '../contract/base';
import type { DreamSeed } from '../contract/lane';

const onboarding = (
  JSON.parse(readFileSync('public/examples/onboarding.json', 'utf8')) as { seed: DreamSeed }
).seed;

/** An idle scheduler for the tab's runtime that counts the pieces of idle work it runs. */
function countingIdle(rt: EngineRuntime): { idle: IdleScheduler; pieces: () => number } {
  let pieces = 0;
  const idle = new IdleScheduler(
    () => rt.operations.running === 0,
    (fn, ms) => {
      pieces++;
      setTimeout(fn, ms);
    },
  );
  return { idle, pieces: () => pieces };
}

describe('the lane warm-up in the engine', () => {
  it('runs after open() and writes nothing: no row changed, nothing to save, no event', async () => {
    const profile = createProfile();
    const rt = profile.tab();
    const { idle, pieces } = countingIdle(rt);
    const api = createEngineApi(rt, { idle });
    const events: EngineEvent[] = [];
    await api.connect((e) => events.push(e));
    await api.open();
    await api.laneSetEnabled(true);
    await api.flush();
    const changes = () => rt.read((db) => db.get<{ n: number }>('SELECT total_changes() AS n')!.n);
    const stats = await api.dataStats();
    const metrics = await api.metrics();
    const before = { changes: changes(), events: events.length };
    await idle.settled();
    expect(pieces()).toBeGreaterThan(20);
    expect(changes()).toBe(before.changes);
    expect(events.length).toBe(before.events);
    const after = await api.dataStats();
    expect(after.tables).toEqual(stats.tables);
    expect(after.save).toEqual(stats.save);
    expect(await api.metrics()).toEqual(metrics);
    // The lab's own connection holds a job's statements prepared (none of them run).
    const prepared = rt.read((db) => db.preparedSql());
    expect(prepared.some((sql) => /UPDATE lane_jobs SET state = 'finished'/.test(sql))).toBe(true);
  });

  it('prepares the statements again on the new connection after an erase', async () => {
    const profile = createProfile();
    const rt = profile.tab();
    const { idle } = countingIdle(rt);
    const api = createEngineApi(rt, { idle });
    await api.open();
    await idle.settled();
    const finished = (sql: string) => /UPDATE lane_jobs SET state = 'finished'/.test(sql);
    expect(rt.read((db) => db.preparedSql()).some(finished)).toBe(true);
    await api.eraseEverything('ERASE');
    expect(rt.read((db) => db.preparedSql()).some(finished)).toBe(false);
    await idle.settled();
    expect(rt.read((db) => db.preparedSql()).some(finished)).toBe(true);
    expect(await api.dataStats()).toMatchObject({ save: { status: 'saved' } });
  });

  it("gives a reopened lab's file its room to grow in idle time, before any write", async () => {
    const profile = createProfile();
    await openWithSavedNote(profile.tab(), 'saved before the reload');
    profile.locks.holder?.release();
    const rt = profile.tab();
    const { idle } = countingIdle(rt);
    const api = createEngineApi(rt, { idle });
    await api.open();
    const file = () => rt.read((db) => db.fileBytes()!);
    const length = file().length;
    expect(file().buffer.byteLength).toBeLessThan(roomFor(length + 1));
    await idle.settled();
    expect(file().buffer.byteLength).toBe(roomFor(length + 1));
    expect(file().length).toBe(length);
    expect((await api.listNotes())[0]!.body).toBe('saved before the reload');
  });

  it('starts when the engines load after the lab was opened without them (the worker entry opens it)', async () => {
    const profile = createProfile();
    const rt = profile.tab();
    await rt.open();
    const { idle, pieces } = countingIdle(rt);
    createEngineApi(rt, { idle });
    await idle.settled();
    expect(pieces()).toBeGreaterThan(20);
  });

  it('gives a job scheduled at once after open() the same result as without a warm-up', async () => {
    const seed = onboarding;
    const run = async (warm: boolean) => {
      const profile = createProfile();
      const rt = profile.tab();
      const idle = new IdleScheduler(() => rt.operations.running === 0);
      const api = createEngineApi(rt, warm ? { idle } : {});
      await api.open();
      await api.laneSetEnabled(true);
      const collected = await api.laneCollectWithShare(await api.laneSchedule(seed));
      await idle.settled();
      return collected.result_hash;
    };
    expect(await run(true)).toBe(await run(false));
  });
});
