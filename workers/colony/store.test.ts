import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import { syntheticCandidates } from './synthetic';
import { loadRun } from './store';
import { createColonyTestApi } from './testContext';

describe('colony store', () => {
  it('reads a run saved with the old snake_case verdict fields under the camelCase names', async () => {
    const db = await openTestDb();
    const { api } = createColonyTestApi(db);
    const colony = await api.colonyCreate({ size: 5, seed: 'legacy' });
    const run = await api.colonyEvaluate({ colonyId: colony.id, candidates: syntheticCandidates(4, 'l') });
    const v = run.verdict;
    const { top3, consensusReached, dissentingViews, optimalTone, ...rest } = v;
    const old = {
      ...rest,
      top_3: top3,
      consensus_reached: consensusReached,
      dissenting_views: dissentingViews,
      optimal_tone: optimalTone,
    };
    db.run('UPDATE colony_runs SET verdict = ? WHERE id = ?', [JSON.stringify(old), run.runId]);
    const loaded = loadRun(db, run.runId).verdict;
    expect(loaded).toEqual(v);
    expect(loaded).not.toHaveProperty('top_3');
  });
});
