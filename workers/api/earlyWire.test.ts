import { describe, expect, it } from 'vitest';
import type { CoreApi, EngineWireApi } from '../contract';
import { createProfile } from '../runtime/testRuntime';
import { earlyWire } from './earlyWire';
import { createOpeningApi } from './openingApi';
import { createEngineApi } from './engineApi';

/** The whole API over the same runtime, handed over only when the test lets it go. */
function gate(make: () => EngineWireApi) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let asked = 0;
  const whole = async () => {
    asked++;
    await released;
    return make();
  };
  return { whole, release, asked: () => asked };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the API before the engines load', () => {
  it('opens the lab and reads its data with the core slice alone, without loading the engines', async () => {
    const rt = createProfile().tab();
    const g = gate(() => createEngineApi(rt) as unknown as EngineWireApi);
    const early = earlyWire(createOpeningApi(rt), g.whole);
    expect(await early.wire.open()).toEqual({ role: 'writer' });
    await early.wire.addNote('kept before the engines load');
    const stats = await early.wire.dataStats();
    expect(stats.tables.find((t) => t.name === 'notes')?.rows).toBe(1);
    expect(g.asked()).toBe(0);
    expect(early.busy).toBe(0);
  });

  it('loads the engines for any other method, and keeps every later call behind it', async () => {
    const rt = createProfile().tab();
    const g = gate(() => createEngineApi(rt) as unknown as EngineWireApi);
    const early = earlyWire(createOpeningApi(rt), g.whole);
    await early.wire.open();
    const order: string[] = [];
    const friend = early.wire.friendHistory().then(() => order.push('friendHistory'));
    const note = early.wire.addNote('asked after the friend').then(() => order.push('addNote'));
    await tick();
    expect(g.asked()).toBe(1);
    expect(order).toEqual([]);
    expect(early.busy).toBe(2);
    g.release();
    await Promise.all([friend, note]);
    expect(order).toEqual(['friendHistory', 'addNote']);
    // Loaded once; from now on every call goes to the whole API.
    await early.wire.laneListJobs();
    expect(g.asked()).toBe(1);
  });

  it('answers a core call at once while the engines load unasked, and refuses a method that is not there', async () => {
    const rt = createProfile().tab();
    const g = gate(() => createEngineApi(rt) as unknown as EngineWireApi);
    const early = earlyWire(createOpeningApi(rt), g.whole);
    await early.wire.open();
    const loading = early.load();
    expect((await early.wire.lockState()).role).toBe('writer');
    g.release();
    await loading;
    const wire = early.wire as unknown as Record<string, () => Promise<unknown>>;
    await expect(wire.noSuchMethod!()).rejects.toThrow(TypeError);
    expect((early.wire as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('turns a core failure into data, as the whole API does', async () => {
    const rt = createProfile().tab();
    const core: CoreApi = createOpeningApi(rt);
    const early = earlyWire(core, () => Promise.reject(new Error('not needed')));
    await expect(early.wire.dataStats()).rejects.toMatchObject({ code: 'NOT_WRITER' });
  });
});
