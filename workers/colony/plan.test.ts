import { describe, expect, it } from 'vitest';
import { PLAN_SETTING } from '../core/plans';
import { setSetting } from '../store/settings';
import { openTestDb } from '../store/testDb';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

describe('plan caps on colony size', () => {
  it('free ≤ 10, pro ≤ 100, enterprise ≤ 1,000, checked on create and again on use', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    await expect(api.colonyCreate({ size: 11 })).rejects.toMatchObject({ code: 'PLAN_LIMIT' });
    expect((await api.colonyCreate({ size: 10 })).agents).toHaveLength(10);
    setSetting(db, PLAN_SETTING, 'pro');
    await expect(api.colonyCreate({ size: 101 })).rejects.toMatchObject({ code: 'PLAN_LIMIT' });
    const big = await api.colonyCreate({ size: 100 });
    setSetting(db, PLAN_SETTING, 'enterprise');
    await expect(api.colonyCreate({ size: 1001 })).rejects.toMatchObject({ code: 'PLAN_LIMIT' });
    expect((await api.colonyCreate({ size: 1000 })).agents).toHaveLength(1000);
    // Back on the free plan, the 100-agent colony can no longer be run.
    setSetting(db, PLAN_SETTING, 'free');
    await expect(
      api.colonyEvaluate({ colonyId: big.id, candidates: syntheticCandidates(3, 'p') }),
    ).rejects.toMatchObject({
      code: 'PLAN_LIMIT',
    });
    await expect(api.colonySelfTune({ colonyId: big.id }, 'op')).rejects.toMatchObject({
      code: 'PLAN_LIMIT',
    });
    await expect(api.colonyRobustness({ size: 31 }, 'op2')).rejects.toMatchObject({ code: 'PLAN_LIMIT' });
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM colony_colonies')!.n).toBe(3);
  });
});
