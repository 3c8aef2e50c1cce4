import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { createLaneApi } from '../lane/api';
import type { DreamSeed } from '../contract/lane';
import { openTestDb } from '../store/testDb';
import { createColonyApi } from './api';
import { createTestContext } from '../runtime/testContext';

const example = JSON.parse(readFileSync('public/examples/pricing.json', 'utf8')) as { seed: DreamSeed };

describe('a lane result as colony candidates', () => {
  it('evaluates the branches of a finished dream, and the package keeps the dream’s context values out', async () => {
    const db = await openTestDb();
    const ctx = createTestContext(db, new ManualClock(1_767_225_600_000));
    const lane = createLaneApi(ctx);
    const colony = createColonyApi(ctx);
    await lane.laneSetEnabled(true);
    // Context values that a careless label or question could repeat.
    const seed: DreamSeed = {
      ...structuredClone(example.seed),
      samples: 300,
      context: { segment: 'Harbour Street teams', budget_code: 'BX-40417' },
    };
    const jobId = await lane.laneSchedule(seed);
    const result = await lane.laneCollect(jobId);

    const picked = await colony.colonyLaneCandidates(jobId);
    expect(picked.candidates.map((c) => c.id)).toEqual(result.branches.map((b) => b.id));
    expect(picked.candidates[0]!.features.utility).toBe(result.branches[0]!.scores.utility);
    expect(picked.contextKeys.sort()).toEqual(['budget_code', 'segment']);
    await expect(colony.colonyLaneCandidates('job-404')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const c = await colony.colonyCreate({ size: 10, seed: 'lane' });
    const r = await colony.colonyEvaluate({ colonyId: c.id, candidates: picked.candidates, source: jobId });
    expect(picked.candidates.map((x) => x.id)).toContain(r.verdict.winner);
    // The lane keeps only the keys, so a package from its result cannot repeat the values…
    const pkg = await colony.colonyEnhancementPackage({
      question: 'Raise the price?',
      runId: r.runId,
      profile: 'claude',
    });
    const text = JSON.stringify(pkg);
    expect(text).not.toContain('Harbour Street teams');
    expect(text).not.toContain('BX-40417');
    expect(pkg.contextKeys).toEqual(['budget_code', 'segment']);
    // …and values a caller still holds (typed into the question) are replaced by their keys.
    const typed = await colony.colonyEnhancementPackage({
      question: 'Is Harbour Street teams ready for BX-40417?',
      runId: r.runId,
      profile: 'claude',
      context: seed.context,
    });
    expect(JSON.stringify(typed)).not.toContain('Harbour Street teams');
    expect(typed.question).toBe('Is [segment] ready for [budget_code]?');
  });
});
