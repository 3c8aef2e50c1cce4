import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import type { DreamSeed, LaneApi } from '../contract/lane';
import type { SqlJsDb } from '../store/db';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createLaneApi } from './api';
import { LANE_ENGINE_VERSION } from './version';

const T0 = Date.UTC(2026, 1, 2, 10, 0);

const seed = (extra: Partial<DreamSeed> = {}): DreamSeed => ({
  goal: 'Price the pro plan',
  context: { region: 'EU' },
  constraints: { consent: { scopes: ['simulation.read_context'] } },
  model: {
    factors: [
      { name: 'price', dist: { kind: 'uniform', min: -0, max: 30 } },
      { name: 'churn', dist: { kind: 'beta', alpha: 2, beta: 18 } },
    ],
    outcome: 'price * 50 * (1 - 3 * churn) - 600',
    target: { direction: 'maximise', threshold: -0 },
  },
  samples: 500,
  ...extra,
});

let db: SqlJsDb;
let clock: ManualClock;
let api: LaneApi;

beforeEach(async () => {
  db = await openTestDb();
  clock = new ManualClock(T0);
  api = createLaneApi(createTestContext(db, clock));
  await api.laneSetEnabled(true);
});

describe('collecting a job for the Lab page', () => {
  it('returns the result, its hash, its trace and the share link contents in one call', async () => {
    const jobId = await api.laneSchedule(seed());
    const got = await api.laneCollectWithShare(jobId);
    const status = await api.laneStatus(jobId);
    expect(got.job_id).toBe(jobId);
    expect(got.result_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(got.result_hash).toBe(status.result_hash);
    expect(got.result_hash).toBe(hashValue(got.result));
    expect(got.trace.map((e) => e.kind).at(-1)).toBe('seed_collected');
    expect(got.trace).toEqual(await api.laneTrace(jobId));
    expect(got.share.engine_version).toBe(LANE_ENGINE_VERSION);
    expect(got.share.samples).toBe(500);
    expect(got.share.seed).toEqual(await api.laneJobSeed(jobId));
    // The shared seed is the normalised one: context values redacted, clock pinned.
    expect(got.share.seed.context).toEqual({ region: '[redacted]' });
    expect(got.share.seed.clock_ms).toBe(T0);
  });

  it('reproduces the result from the shared seed, in this lab and in another', async () => {
    const first = await api.laneCollectWithShare(await api.laneSchedule(seed()));
    clock.advance(60_000);
    const again = await api.laneCollectWithShare(await api.laneSchedule(first.share.seed));
    expect(again.result_hash).toBe(first.result_hash);
    const other = createLaneApi(createTestContext(await openTestDb(), new ManualClock(T0 + 9e9)));
    await other.laneSetEnabled(true);
    const elsewhere = await other.laneCollectWithShare(await other.laneSchedule(first.share.seed));
    expect(elsewhere.result_hash).toBe(first.result_hash);
  });

  it('runs a job scheduled before a restart from its stored seed, with the same result as at once', async () => {
    const direct = await api.laneCollectWithShare(await api.laneSchedule(seed({ rng_seed: 'x' })));
    // A second job is queued; the worker "restarts" (a new API over the same data) before it runs.
    const queued = await api.laneSchedule(seed({ rng_seed: 'x' }));
    const restarted = createLaneApi(createTestContext(db, clock));
    const later = await restarted.laneCollectWithShare(queued);
    expect(later.result_hash).toBe(direct.result_hash);
    expect(later.share.seed).toEqual(direct.share.seed);
    expect((await restarted.laneStatus(queued)).budgets?.tokens.limit).toBe(4000);
  });

  it('refuses an unknown job and a bad id', async () => {
    await expect(api.laneCollectWithShare('job-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.laneCollectWithShare(3 as unknown as string)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  });
});
