import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonicalJson';
import { PLAN_SETTING } from '../core/plans';
import { setSetting } from '../store/settings';
import { openTestDb } from '../store/testDb';
import { createColonyTestApi } from './testContext';

describe('evolution of personalities', () => {
  it('raises mean fitness over generations, is deterministic, and applies when asked', async () => {
    const run = async (apply: boolean) => {
      const db = await openTestDb();
      setSetting(db, PLAN_SETTING, 'pro');
      const { api } = createColonyTestApi(db);
      // A wide personality spread: many agents start by weighing the world wrongly.
      const colony = await api.colonyCreate({ size: 30, seed: 'evo', personalitySpread: 1, noise: 0.2 });
      const res = await api.colonyEvolve(
        {
          colonyId: colony.id,
          seed: 'g',
          generations: 15,
          truthWeights: { safety: 0.8, accuracy: 0.1, creativity: 0.05, user_satisfaction: 0.05 },
          apply,
        },
        `op-${apply}`,
      );
      return { res, api, colony };
    };
    const { res, api, colony } = await run(true);
    expect(res.generations).toHaveLength(15);
    const g0 = res.generations[0]!;
    const last = res.generations.at(-1)!;
    expect(last.mean).toBeGreaterThan(g0.mean + 0.02);
    expect(last.worst).toBeGreaterThan(g0.worst);
    const agents = (await api.colonyAgents(colony.id)).agents;
    expect(agents.map((a) => a.personality)).toEqual(res.personalities);
    // Risk-averse personalities should win in a world that mostly values safety.
    const stress = (ps: Array<{ stress: number }>) => ps.reduce((a, p) => a + p.stress, 0) / ps.length;
    expect(stress(res.personalities)).toBeGreaterThan(0.55);
    const again = await run(false);
    expect(canonicalJson(again.res.generations)).toBe(canonicalJson(res.generations));
    expect((await again.api.colonyEvolutions(again.colony.id))[0]!.generations).toHaveLength(15);
  });
});
