import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import {
  DEFAULT_WEIGHTS,
  EXAMPLE_CANDIDATES,
  EXAMPLE_COLONY,
  EXAMPLE_RUN_SEED,
} from '../../src/pages/colony/exampleCandidates';
import { ALL_METHODS } from './evaluate';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

describe('a run is reproducible from its seed', () => {
  it('gives the same verdict for the same colony, candidates, options and seed', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 10, byzantineShare: 0.3, seed: 'rep' });
    const req = { colonyId: colony.id, candidates: syntheticCandidates(6, 'rep'), seed: 'same' };
    const a = await api.colonyEvaluate(req);
    const b = await api.colonyEvaluate(req);
    expect(a.seed).toBe('same');
    expect(b.runId).not.toBe(a.runId);
    expect(b.verdict).toEqual(a.verdict);
    expect(b.agents).toEqual(a.agents);
    // A different seed draws different perception noise, so the votes differ.
    const c = await api.colonyEvaluate({ ...req, seed: 'other' });
    expect(c.agents.map((x) => x.scores)).not.toEqual(a.agents.map((x) => x.scores));
  });

  it('gives every method the same verdict in Compare as in Run with that method', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 10, byzantineShare: 0.3, seed: 'cmp' });
    const req = { colonyId: colony.id, candidates: syntheticCandidates(5, 'cmp'), seed: 's-1' };
    const compare = await api.colonyCompareMethods(req);
    expect(compare.seed).toBe('s-1');
    expect(compare.verdicts).toHaveLength(ALL_METHODS.length);
    for (const [k, m] of ALL_METHODS.entries()) {
      const run = await api.colonyEvaluate({
        ...req,
        method: m.method,
        ...(m.aggregator ? { aggregator: m.aggregator } : {}),
      });
      expect(run.verdict, `${m.method} ${m.aggregator ?? ''}`).toEqual(compare.verdicts[k]);
    }
  });
});

describe('the shipped example', () => {
  it('shows a robust method finding the truly best candidate where the majority is swayed', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate(EXAMPLE_COLONY);
    expect(colony.agents.filter((a) => a.role === 'byzantine')).toHaveLength(3);
    const base = { colonyId: colony.id, candidates: EXAMPLE_CANDIDATES, weights: DEFAULT_WEIGHTS };
    const r = await api.colonyCompareMethods({ ...base, seed: EXAMPLE_RUN_SEED });
    const [majority, , ...robust] = r.verdicts;
    expect(r.attackTarget).not.toBe(r.truth.best);
    expect(majority!.winner).toBe(r.attackTarget);
    for (const v of robust) expect(v.winner, v.aggregator!).toBe(r.truth.best);

    // Not a lucky seed: over other seeds the robust method is right far more often than majority.
    let maj = 0;
    let trimmed = 0;
    for (let k = 1; k <= 16; k++) {
      const c = await api.colonyCompareMethods({ ...base, seed: `run-${k}` });
      if (c.verdicts[0]!.winner === c.truth.best) maj++;
      if (c.verdicts[3]!.winner === c.truth.best) trimmed++;
    }
    expect(trimmed).toBeGreaterThanOrEqual(maj + 4);
  });
});
