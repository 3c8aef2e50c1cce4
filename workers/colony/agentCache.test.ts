import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import { loadColony, setReliability } from './store';
import { resetColonyTables } from './tables';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

/** loadColony keeps each colony's agents between reads: every write that changes them must show. */
describe('the colony agents kept between reads', () => {
  it('shows new reliabilities after an outcome, and none a rolled-back write left', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const colony = await api.colonyCreate({ size: 6, seed: 'cache' });
    expect(loadColony(db, colony.id).agents.every((a) => a.reliability === 1)).toBe(true);
    const run = await api.colonyEvaluate({ colonyId: colony.id, candidates: syntheticCandidates(4, 'c') });
    const out = await api.colonyRecordOutcome({
      runId: run.runId,
      bestCandidateId: run.verdict.ranking[3]!.id,
    });
    const after = loadColony(db, colony.id).agents.map((a) => a.reliability);
    expect(after).toEqual(out.agents.map((a) => a.reliability));
    expect(after.some((r) => r !== 1)).toBe(true);

    // Inside a transaction that fails: the read sees the new values, the cache must not keep them.
    expect(() =>
      db.transaction(() => {
        setReliability(db, colony.id, [5, 5, 5, 5, 5, 5]);
        expect(loadColony(db, colony.id).agents[0]!.reliability).toBe(5);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(loadColony(db, colony.id).agents.map((a) => a.reliability)).toEqual(after);
  });

  it('forgets the agents of erased colonies, even when a new colony takes the same id', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const first = await api.colonyCreate({ size: 5, seed: 'first', byzantineShare: 0 });
    const seen = loadColony(db, first.id).agents;
    resetColonyTables(db);
    const second = await api.colonyCreate({ size: 7, seed: 'second', byzantineShare: 0.4 });
    expect(second.id).toBe(first.id);
    const agents = loadColony(db, second.id).agents;
    expect(agents).toHaveLength(7);
    expect(agents).not.toEqual(seen.concat(agents.slice(5)));
    expect(agents).toEqual(second.agents);
  });

  it('shares frozen agents, so no caller can change them for the next', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const colony = await api.colonyCreate({ size: 4, seed: 'frozen' });
    const a = loadColony(db, colony.id).agents;
    expect(loadColony(db, colony.id).agents).toBe(a);
    expect(() => {
      (a[0] as { reliability: number }).reliability = 2;
    }).toThrow(TypeError);
    expect(() => {
      (a[0]!.personality as { stress: number }).stress = 1;
    }).toThrow(TypeError);
    expect(() => (a as unknown[]).push(1)).toThrow(TypeError);
  });
});
