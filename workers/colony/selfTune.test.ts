import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonicalJson';
import { PLAN_SETTING } from '../core/plans';
import type { EngineEvent } from '../contract';
import { setSetting } from '../store/settings';
import { openTestDb } from '../store/testDb';
import { planHalving } from './selfTune';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

const planted = { accuracy: 0.05, creativity: 0.7, safety: 0.05, user_satisfaction: 0.2 };

async function setup(size = 21) {
  const db = await openTestDb();
  setSetting(db, PLAN_SETTING, 'pro');
  const events: EngineEvent[] = [];
  const { api, ctx } = createColonyTestApi(db, events);
  const colony = await api.colonyCreate({
    size,
    seed: 'tune',
    byzantineShare: 0.25,
    byzantineStrategy: 'colluding',
    noise: 0.4,
  });
  return { db, api, ctx, colony, events };
}

describe('self-tuning', () => {
  it('plans successive halving inside the budget', () => {
    for (const budget of [10, 37, 100, 1000, 5000]) {
      for (const eta of [2, 3, 4]) {
        const p = planHalving(budget, 27, eta, 5);
        expect(p.evaluations).toBeLessThanOrEqual(budget);
        expect(p.survivors[0]).toBe(p.configurations);
        expect(p.resources.at(-1)).toBeLessThanOrEqual(27);
      }
    }
    expect(planHalving(1000, 27, 3, 5).configurations).toBeGreaterThan(500);
  });

  it('respects its budget, is deterministic, and beats the default on a planted problem', async () => {
    const run = async (budget: number) => {
      const { api, colony, events, db } = await setup();
      const res = await api.colonySelfTune(
        { colonyId: colony.id, seed: 's', simulationBudget: budget, truthWeights: planted },
        'op-1',
      );
      return { res, events, db };
    };
    const { res, events, db } = await run(300);
    expect(res.evaluations).toBeLessThanOrEqual(300);
    expect(res.evaluations).toBeGreaterThan(250);
    expect(res.best.heldOut).not.toBeNull();
    // The default weighs criteria the planted world ignores; the search should find out.
    expect(res.best.heldOut! - res.defaultHeldOut).toBeGreaterThan(0.15);
    expect(events.some((e) => e.type === 'progress' && e.op === 'colony.self_tune')).toBe(true);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM colony_tune_leaderboard')!.n).toBe(
      res.leaderboard.length,
    );
    const again = await run(300);
    expect(canonicalJson(again.res.leaderboard)).toBe(canonicalJson(res.leaderboard));
    const small = await run(40);
    expect(small.res.evaluations).toBeLessThanOrEqual(40);
  });

  it('can be cancelled and then stores nothing', async () => {
    const { api, ctx, colony, db, events } = await setup();
    const p = api.colonySelfTune({ colonyId: colony.id, simulationBudget: 1000 }, 'op-c');
    // Wait for the first progress report, then cancel as CoreApi.cancel does.
    while (!events.some((e) => e.type === 'progress' && e.current > 0))
      await new Promise((r) => setTimeout(r, 1));
    expect(ctx.operations.cancel('op-c')).toBe(true);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM colony_tunes')!.n).toBe(0);
  });

  it('tunes against recorded outcomes once there are enough', async () => {
    const { api, colony } = await setup(10);
    await expect(
      api.colonySelfTune({ colonyId: colony.id, truth: 'outcomes' }, 'op-o'),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    for (let t = 0; t < 6; t++) {
      const r = await api.colonyEvaluate({ colonyId: colony.id, candidates: syntheticCandidates(4, 'o', t) });
      await api.colonyRecordOutcome({ runId: r.runId, bestCandidateId: r.truth.best });
    }
    const res = await api.colonySelfTune(
      { colonyId: colony.id, truth: 'outcomes', simulationBudget: 60 },
      'op-o2',
    );
    expect(res.evaluations).toBeLessThanOrEqual(60);
    expect(res.best.heldOut).toBeGreaterThanOrEqual(0);
  });
});
