import { describe, expect, it } from 'vitest';
import { PLAN_SETTING } from '../core/plans';
import { setSetting } from '../store/settings';
import { openTestDb } from '../store/testDb';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

async function setup() {
  const db = await openTestDb();
  setSetting(db, PLAN_SETTING, 'pro');
  const { api } = createColonyTestApi(db);
  const colony = await api.colonyCreate({ size: 7, seed: 'keys' });
  const candidates = syntheticCandidates(3, 'keys');
  return { db, api, colony, candidates };
}

const count = (db: Awaited<ReturnType<typeof setup>>['db'], table: string) =>
  db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;

describe('unknown option names', () => {
  it('self-tune refuses a misspelt budget instead of running with the default', async () => {
    const { db, api, colony } = await setup();
    const call = api.colonySelfTune({ colonyId: colony.id, budget: 0 } as never, 'op');
    await expect(call).rejects.toMatchObject({ code: 'BAD_INPUT', details: { field: 'budget' } });
    await expect(call).rejects.toThrow(/unknown option "budget"; accepted: .*simulationBudget/);
    expect(count(db, 'colony_tunes')).toBe(0);
  });

  it('refuses unknown keys in the tuning space too', async () => {
    const { api, colony } = await setup();
    await expect(
      api.colonySelfTune({ colonyId: colony.id, space: { weight: true } as never }, 'op'),
    ).rejects.toThrow(/space has unknown option "weight"; accepted: weights, method, aggregator, trim/);
  });

  it('evaluate, compare, create, evolve, robustness, outcome and enhancement name every unknown key', async () => {
    const { db, api, colony, candidates } = await setup();
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [
        api.colonyEvaluate({ colonyId: colony.id, candidates, agregator: 'krum' } as never),
        /unknown option "agregator"; accepted: .*aggregator/,
      ],
      [
        // Compare runs every method: a method name is not one of its options.
        api.colonyCompareMethods({ colonyId: colony.id, candidates, method: 'majority' } as never),
        /unknown option "method"/,
      ],
      [api.colonyCreate({ size: 5, byzantine: 0.2 } as never), /unknown option "byzantine"; accepted: size/],
      [
        api.colonyEvolve({ colonyId: colony.id, generation: 3, mutate: 0.1 } as never, 'op'),
        /unknown options "generation", "mutate"; accepted: .*generations/,
      ],
      [api.colonyRobustness({ size: 7, seed_count: 5 } as never, 'op'), /unknown option "seed_count"/],
      [api.colonyRecordOutcome({ runId: 1, best: 'c1' } as never), /unknown option "best"/],
      [
        api.colonyEnhancementPackage({ question: 'q', runId: 1, profile: 'claude', model: 'x' } as never),
        /unknown option "model"; accepted: question, runId, profile, contextKeys, context/,
      ],
    ];
    for (const [call, message] of cases) {
      await expect(call).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(call).rejects.toThrow(message);
    }
    expect(count(db, 'colony_colonies')).toBe(1);
    expect(count(db, 'colony_runs')).toBe(0);
    expect(count(db, 'colony_evolutions')).toBe(0);
  });

  it('still accepts every documented option', async () => {
    const { api, colony, candidates } = await setup();
    const r = await api.colonyEvaluate({
      colonyId: colony.id,
      candidates,
      weights: { accuracy: 1 },
      method: 'byzantine',
      aggregator: 'median',
      trim: 0.3,
      seed: 's',
      threshold: 0.5,
      attackTarget: candidates[0]!.id,
      source: 'manual',
    });
    expect(r.runId).toBeGreaterThan(0);
    const out = await api.colonyRecordOutcome({
      runId: r.runId,
      bestCandidateId: 'c1',
      eta: 0.2,
      share: 0.01,
    });
    expect(out.agents).toHaveLength(7);
  });
});

describe('unknown profile fields', () => {
  it('a saved profile with an unknown field is refused, naming it', async () => {
    const { api } = await setup();
    const [p] = await api.colonyProfiles();
    await expect(api.colonySaveProfile({ ...p!, temperature: 0.2 } as never)).rejects.toThrow(
      /profile has unknown option "temperature"/,
    );
  });
});
