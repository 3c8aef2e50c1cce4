import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import { syntheticCandidates } from './synthetic';
import { COLONY_TABLES, resetColonyTables } from './tables';
import { createColonyTestApi } from './testContext';

describe('resetColonyTables', () => {
  it('lists every colony table and empties them all, leaving other tables alone', async () => {
    const db = await openTestDb();
    const { api, ctx } = createColonyTestApi(db);
    const owned = db
      .all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'colony\\_%' ESCAPE '\\'",
      )
      .map((r) => r.name)
      .sort();
    expect([...COLONY_TABLES].sort()).toEqual(owned);

    const colony = await api.colonyCreate({ size: 7, seed: 'reset' });
    const EXAMPLE = syntheticCandidates(4, 'reset');
    const run = await api.colonyEvaluate({ colonyId: colony.id, candidates: EXAMPLE });
    await api.colonyRecordOutcome({ runId: run.runId, bestCandidateId: EXAMPLE[0]!.id });
    await api.colonySelfTune({ colonyId: colony.id, simulationBudget: 20, problems: 3 }, 'op-t');
    await api.colonyEvolve({ colonyId: colony.id, generations: 2, problems: 3 }, 'op-e');
    const profile = (await api.colonyProfiles())[0]!;
    await api.colonySaveProfile({ ...profile, name: 'Edited' });
    const count = (t: string) => db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)!.n;
    for (const t of COLONY_TABLES) expect(count(t), t).toBeGreaterThan(0);
    const before = count('__migrations__');

    await ctx.write((d) => resetColonyTables(d));
    for (const t of COLONY_TABLES) expect(count(t), t).toBe(0);
    expect(count('__migrations__')).toBe(before);
    expect(await api.colonyList()).toEqual([]);
  });
});
