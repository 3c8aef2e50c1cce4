import { describe, expect, it } from 'vitest';
import { PLAN_SETTING } from '../core/plans';
import { setSetting } from '../store/settings';
import { openTestDb } from '../store/testDb';
import { faultBound } from './consensus';
import { ROBUSTNESS_DEFAULTS } from './robustness';
import { createColonyTestApi } from './testContext';

/**
 * The Colony page's robustness view sends only the agent count, seeds, strategy and shares; the
 * engine fills the rest from ROBUSTNESS_DEFAULTS. These tests make the same call, so the chart the
 * page draws by default shows the property the view is there to teach.
 */
async function study(plan: 'free' | 'pro', size: number, shares: number[]) {
  const db = await openTestDb();
  setSetting(db, PLAN_SETTING, plan);
  const { api } = createColonyTestApi(db);
  const { seeds, strategy } = ROBUSTNESS_DEFAULTS;
  return api.colonyRobustness({ size, seeds, strategy, shares }, 'op');
}

const ROBUST = ['median', 'trimmed_mean', 'geometric_median', 'krum'];

describe('the robustness view by default', () => {
  it('at 31 agents, robust methods beat majority by far below n/3 colluders', async () => {
    // 9 colluders of 31, f = 10.
    expect(Math.round(0.3 * 31)).toBeLessThanOrEqual(faultBound(31));
    const res = await study('pro', ROBUSTNESS_DEFAULTS.size, [0, 0.3]);
    expect(res.seeds).toBe(300);
    const [clean, attacked] = res.points.map((p) => p.accuracy);
    // With 300 seeds the standard error of an accuracy is at most 0.029.
    for (const m of [...ROBUST, 'majority']) expect(clean![m]).toBeGreaterThan(0.8);
    for (const m of ROBUST) {
      expect(attacked![m]).toBeGreaterThan(0.8);
      expect(attacked![m]! - attacked!.majority!).toBeGreaterThan(0.15);
    }
  });

  it('within the free plan (10 agents, f = 3) the gap still shows at 3 colluders', async () => {
    expect(Math.round(0.3 * 10)).toBeLessThanOrEqual(faultBound(10));
    const res = await study('free', 10, [0, 0.3]);
    const [clean, attacked] = res.points.map((p) => p.accuracy);
    for (const m of [...ROBUST, 'majority']) expect(clean![m]).toBeGreaterThan(0.7);
    for (const m of ROBUST) expect(attacked![m]! - attacked!.majority!).toBeGreaterThan(0.12);
  });

  it('a plain call on the free plan studies the largest colony the plan allows', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const res = await api.colonyRobustness({ seeds: 5, shares: [0] }, 'op');
    expect(res.size).toBe(10);
    expect(res).toMatchObject({ noise: 0.4, expertiseLevel: 0.6, personalitySpread: 0.3 });
  });
});
