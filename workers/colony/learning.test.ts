import { describe, expect, it } from 'vitest';
import { PLAN_SETTING } from '../core/plans';
import { setSetting } from '../store/settings';
import { openTestDb } from '../store/testDb';
import { hedgeUpdate, rankLoss } from './hedge';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

describe('Hedge reliability updates', () => {
  it('moves weight toward agents with low loss, keeps the mean at 1 and a fixed-share floor', () => {
    const r = hedgeUpdate([1, 1, 1, 1], [0, 0, 1, 1], 1, 0.02);
    expect(r[0]).toBeGreaterThan(1);
    expect(r[2]).toBeLessThan(1);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 12);
    let w = [1, 1, 1, 1];
    for (let t = 0; t < 200; t++) w = hedgeUpdate(w, [0, 0, 1, 1], 2, 0.02);
    expect(w[2]).toBeGreaterThanOrEqual(0.02 - 1e-12); // never below α·n/n
    // …and a bad agent that turns good recovers.
    for (let t = 0; t < 30; t++) w = hedgeUpdate(w, [1, 1, 0, 0], 2, 0.02);
    expect(w[2]).toBeGreaterThan(w[0]!);
    expect(rankLoss([0.1, 0.9, 0.5], 0, 3, 1)).toBe(0);
    expect(rankLoss([0.1, 0.9, 0.5], 0, 3, 0)).toBe(1);
    expect(rankLoss([1, 0, 0], 0, 3, 1)).toBe(0.75);
  });

  it('recorded outcomes shift reliability to honest agents and raise the weighted method’s accuracy', async () => {
    // Per round, whether the weighted and the majority verdicts (taken before the update) were right.
    const first: number[] = [];
    const late: number[] = [];
    const lateMajority: number[] = [];
    let honestRel = 0;
    let byzRel = 0;
    const colonies = 20;
    const rounds = 30;
    for (let c = 0; c < colonies; c++) {
      const db = await openTestDb();
      setSetting(db, PLAN_SETTING, 'pro');
      const { api } = createColonyTestApi(db);
      const colony = await api.colonyCreate({
        size: 21,
        seed: `learn-${c}`,
        byzantineShare: 0.3,
        byzantineStrategy: 'colluding',
        noise: 0.5,
        expertiseLevel: 0.5,
      });
      for (let t = 0; t < rounds; t++) {
        const r = await api.colonyEvaluate({
          colonyId: colony.id,
          candidates: syntheticCandidates(5, 'learn', c, t),
          method: 'weighted',
          seed: `r${t}`,
        });
        const out = await api.colonyRecordOutcome({ runId: r.runId, bestCandidateId: r.truth.best });
        if (t < 5) first.push(out.point.correct.weighted ? 1 : 0);
        if (t >= rounds - 10) {
          late.push(out.point.correct.weighted ? 1 : 0);
          lateMajority.push(out.point.correct.majority ? 1 : 0);
        }
      }
      const agents = (await api.colonyAgents(colony.id)).agents;
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      honestRel += mean(agents.filter((a) => a.role === 'honest').map((a) => a.reliability)) / colonies;
      byzRel += mean(agents.filter((a) => a.role === 'byzantine').map((a) => a.reliability)) / colonies;
      const history = await api.colonyHistory(colony.id);
      expect(history.points).toHaveLength(rounds);
      expect(history.reliability[rounds - 1]).toEqual(agents.map((a) => a.reliability));
    }
    const acc = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(byzRel).toBeLessThan(0.2 * honestRel);
    // 200 late rounds and 100 first rounds: standard errors about 0.03 and 0.05.
    expect(acc(late) - acc(first)).toBeGreaterThan(0.1);
    expect(acc(late) - acc(lateMajority)).toBeGreaterThan(0.15);
  });

  it('refuses an outcome for a candidate the run did not have, changing nothing', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const colony = await api.colonyCreate({ size: 5, seed: 'x' });
    const r = await api.colonyEvaluate({ colonyId: colony.id, candidates: syntheticCandidates(3, 'x') });
    await expect(api.colonyRecordOutcome({ runId: r.runId, bestCandidateId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(api.colonyRecordOutcome({ runId: r.runId })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM colony_outcomes')!.n).toBe(0);
    expect((await api.colonyAgents(colony.id)).agents.every((a) => a.reliability === 1)).toBe(true);
    // Scores work as well as a named best.
    const out = await api.colonyRecordOutcome({ runId: r.runId, scores: { c1: 0.1, c2: 0.9, c3: 0.3 } });
    expect(out.point.best).toBe('c2');
  });
});
