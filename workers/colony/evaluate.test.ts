import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../contract';
import { canonicalJson } from '../core/canonicalJson';
import { openTestDb } from '../store/testDb';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';
import { candidateFromBranch } from './candidates';

describe('colony evaluation', () => {
  it('gives the same votes and verdict for the same seed, and different votes for another seed', async () => {
    const run = async (seed: string) => {
      const { api } = createColonyTestApi(await openTestDb());
      const colony = await api.colonyCreate({
        size: 10,
        seed: 'c',
        byzantineShare: 0.2,
        byzantineStrategy: 'random',
      });
      const r = await api.colonyEvaluate({
        colonyId: colony.id,
        candidates: syntheticCandidates(6, 'p'),
        seed,
      });
      return { agents: r.agents, verdict: r.verdict };
    };
    const a = await run('s1');
    const b = await run('s1');
    const c = await run('s2');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a.agents.map((x) => x.scores))).not.toBe(
      canonicalJson(c.agents.map((x) => x.scores)),
    );
  });

  it('reports the output fields the page shows', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 10, seed: 'c' });
    const r = await api.colonyEvaluate({
      colonyId: colony.id,
      candidates: syntheticCandidates(5, 'q'),
      method: 'weighted',
    });
    const v = r.verdict;
    expect(v.ranking.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(v.top3).toEqual(v.ranking.slice(0, 3));
    expect(v.winner).toBe(v.ranking[0]!.id);
    expect(v.confidence).toBeGreaterThanOrEqual(0);
    expect(v.confidence).toBeLessThanOrEqual(1);
    expect(v.consensusReached).toBe(v.confidence >= 0.6);
    expect(['cautious', 'balanced', 'exploratory']).toContain(v.optimalTone);
    expect(r.agents).toHaveLength(10);
    expect(r.agents[0]!.scores).toHaveLength(5);
    // Dissent groups are exactly the agents whose first choice is not the winner.
    const dissenters = r.agents
      .filter((a) => a.topChoice !== v.winner)
      .map((a) => a.id)
      .sort();
    expect(v.dissentingViews.flatMap((d) => d.agentIds).sort()).toEqual(dissenters);
  });

  it('maps a lane branch to a candidate and refuses bad input without writing', async () => {
    const c = candidateFromBranch({
      id: 'b1',
      label: 'Go slow',
      scores: { utility: 0.7, risk: 0.2, novelty: 0.4, confidence: 0.8 },
      stakeholders: [{ name: 'staff', utility: 0.6, floor: 0.3, below_floor: false }],
    });
    expect(c).toEqual({
      id: 'b1',
      label: 'Go slow',
      features: {
        utility: 0.7,
        risk: 0.2,
        novelty: 0.4,
        confidence: 0.8,
        stakeholders: [{ name: 'staff', utility: 0.6, belowFloor: false }],
      },
    });
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const colony = await api.colonyCreate({ size: 5, seed: 'c' });
    const bad = [
      { colonyId: colony.id, candidates: [c] },
      { colonyId: colony.id, candidates: [c, { ...c, id: 'b2', features: { ...c.features, risk: 1.5 } }] },
      { colonyId: colony.id, candidates: [c, { ...c, id: 'b2' }], weights: { speed: 1 } },
      { colonyId: colony.id, candidates: [c, { ...c, id: 'b2' }], method: 'vote' },
      { colonyId: 999, candidates: [c, { ...c, id: 'b2' }] },
    ];
    for (const b of bad) {
      await expect(api.colonyEvaluate(b as never)).rejects.toMatchObject({
        code: expect.stringMatching(/BAD_INPUT|NOT_FOUND/),
      });
    }
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM colony_runs')!.n).toBe(0);
    await expect(api.colonyCreate({ size: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('colony runs as operations', () => {
  it('report their steps as progress and stop, saving nothing, when cancelled', async () => {
    const events: EngineEvent[] = [];
    const db = await openTestDb();
    const { api, ctx } = createColonyTestApi(db, events);
    const colony = await api.colonyCreate({ size: 10, seed: 'c' });
    const candidates = syntheticCandidates(5, 'ops');
    await api.colonyEvaluate({ colonyId: colony.id, candidates }, 'eval-1');
    const steps = events.flatMap((e) => (e.type === 'progress' && e.opId === 'eval-1' ? [e] : []));
    expect(steps.map((e) => e.current)).toEqual([1, 2, 3]);
    expect(steps.every((e) => e.op === 'colony.evaluate' && e.total === 4)).toBe(true);

    await api.colonyCompareMethods({ colonyId: colony.id, candidates }, 'cmp-1');
    const compareSteps = events.filter((e) => e.type === 'progress' && e.opId === 'cmp-1');
    expect(compareSteps.length).toBeGreaterThanOrEqual(4);

    const runsBefore = (await api.colonyRuns(colony.id)).length;
    const running = api.colonyEvaluate({ colonyId: colony.id, candidates }, 'eval-2');
    ctx.operations.cancel('eval-2');
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await api.colonyRuns(colony.id)).length).toBe(runsBefore);
  });
});
