import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import type { DreamSeed, LaneApi } from '../contract/lane';
import type { SqlJsDb } from '../store/db';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createLaneApi } from './api';
import { LANE_ENGINE_VERSION } from './version';
import { CRAFTED_SEEDS, pricingSeed, withModel } from './craftedSeeds';

const T0 = Date.UTC(2026, 2, 3, 9, 0);

const good = () => pricingSeed(T0);
const withModelOfGood = (model: Record<string, unknown>) => withModel(good(), model);

/** Crafted seeds that once blanked the Lab page, each with the field the refusal must name. */
const CRAFTED = CRAFTED_SEEDS.map(([name, make, field]) => [name, make(good()), field] as const);

let db: SqlJsDb;
let api: LaneApi;

beforeEach(async () => {
  db = await openTestDb();
  api = createLaneApi(createTestContext(db, new ManualClock(T0)));
  await api.laneSetEnabled(true);
});

const tables = () =>
  JSON.stringify(
    ['lane_jobs', 'lane_trace', 'lane_artifacts', 'metrics'].map((t) => db.all(`SELECT * FROM ${t}`)),
  );

describe('crafted seeds are refused with what is wrong, by the checks scheduling runs', () => {
  it.each(CRAFTED)('%s', async (_name, seed, field) => {
    const before = tables();
    const link = await api.laneCheckShare({ seed, samples: '500', engine_version: LANE_ENGINE_VERSION });
    expect(link.seed).toBeNull();
    expect(link.issues.length).toBeGreaterThan(0);
    expect(link.issues[0]!.field).toBe(field);
    expect(link.issues[0]!.message.length).toBeGreaterThan(5);
    // The editor's check and scheduling say the same, as BAD_INPUT, never INTERNAL.
    expect((await api.laneCheckSeed(seed))[0]!.field).toBe(field);
    await expect(api.laneSchedule(seed as unknown as DreamSeed)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(tables()).toBe(before);
  });

  it('gives formula refusals their position for the inline error', async () => {
    const [issue] = await api.laneCheckSeed(withModelOfGood({ outcome: 'price + constructor(1)' }));
    expect(issue).toMatchObject({ field: 'model.outcome', position: 8 });
    expect(issue!.message).toContain('Unknown function "constructor"');
    const [deepIssue] = await api.laneCheckSeed(withModelOfGood({ outcome: '-'.repeat(1995) + 'price' }));
    expect(deepIssue).toMatchObject({ field: 'model.outcome', position: 64 });
  });
});

describe('share links are checked before the page uses them', () => {
  it('hands back the normalised seed of a good link, with no note for this engine version', async () => {
    const got = await api.laneCheckShare({
      seed: good(),
      samples: '500',
      engine_version: LANE_ENGINE_VERSION,
    });
    expect(got.issues).toEqual([]);
    expect(got.note).toBeNull();
    expect(got.seed).toMatchObject({ goal: 'Price the pro plan', samples: 500, clock_ms: T0, depth: 1 });
  });

  it("applies the link's sample count to a seed without one, and refuses a count that disagrees", async () => {
    const { samples: _s, ...noSamples } = good();
    expect((await api.laneCheckShare({ seed: noSamples, samples: '2000' })).seed?.samples).toBe(2000);
    const clash = await api.laneCheckShare({ seed: good(), samples: '2000' });
    expect(clash.seed).toBeNull();
    expect(clash.issues[0]).toMatchObject({ field: 'samples' });
    expect(clash.issues[0]!.message).toContain('2000');
    for (const samples of ['many', '-5', '1e3', { n: 1 }]) {
      const bad = await api.laneCheckShare({ seed: good(), samples: samples as string });
      expect(bad.issues[0]).toMatchObject({ field: 'samples' });
    }
  });

  it('notes a link from another engine version, and refuses an unreadable version', async () => {
    const other = await api.laneCheckShare({ seed: good(), engine_version: '0.9' });
    expect(other.seed).not.toBeNull();
    expect(other.note).toContain('engine version 0.9');
    const bad = await api.laneCheckShare({ seed: good(), engine_version: '<script>' });
    expect(bad.issues[0]).toMatchObject({ field: 'engine_version' });
  });

  it('refuses a link that is not an object, or holds no seed', async () => {
    for (const link of [null, 'seed', [good()], { seed: 'x' }, {}]) {
      const got = await api.laneCheckShare(link as never);
      expect(got.seed).toBeNull();
      expect(got.issues.length).toBe(1);
    }
  });

  it('pins the clock of a seed that brings none to the time of the check', async () => {
    const { clock_ms: _c, ...unpinned } = good();
    expect((await api.laneCheckShare({ seed: unpinned })).seed?.clock_ms).toBe(T0);
  });
});
