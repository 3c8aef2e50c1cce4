import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import { buildPackage, secretsOf } from './enhancement';
import { BUILT_IN_PROFILES } from './profiles';
import { createColonyTestApi } from './testContext';
import type { CandidateInput } from '../contract/colony';

const candidates = (labels: string[]): CandidateInput[] =>
  labels.map((label, j) => ({
    id: `c${j}`,
    label,
    features: { utility: 0.2 + 0.1 * j, risk: 0.8 - 0.1 * j, novelty: 0.5, confidence: 0.7 },
  }));

describe('the enhancement package', () => {
  it('is built from the verdict for each profile, with a system prompt in the profile’s style', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 10, seed: 'e' });
    const r = await api.colonyEvaluate({
      colonyId: colony.id,
      candidates: candidates(['A', 'B', 'C', 'D', 'E', 'F', 'G']),
    });
    for (const profile of ['openai', 'gemini', 'claude', 'llama', 'custom'] as const) {
      const pkg = await api.colonyEnhancementPackage({
        question: 'Which plan?',
        runId: r.runId,
        profile,
        contextKeys: ['budget'],
      });
      expect(pkg.recommendedApproach.candidateId).toBe(r.verdict.winner);
      expect(pkg.alternatives).toHaveLength(5);
      expect(pkg.alternatives.map((a) => a.candidateId)).toEqual(
        r.verdict.ranking.slice(1, 6).map((x) => x.id),
      );
      expect(pkg.tone).toBe(r.verdict.optimalTone);
      expect(pkg.contextKeys).toEqual(['budget']);
      expect(pkg.systemPrompt.length).toBeLessThanOrEqual(pkg.profile.maxPromptChars);
      if (profile === 'claude') expect(pkg.systemPrompt).toContain('<recommended_approach>');
      if (profile === 'openai') expect(pkg.systemPrompt).toContain('## Recommended approach');
    }
    // Profiles are editable and the edit is used.
    const edited = { ...BUILT_IN_PROFILES.llama, weaknesses: ['rambles'], maxPromptChars: 800 };
    await api.colonySaveProfile(edited);
    const pkg = await api.colonyEnhancementPackage({
      question: 'Which plan?',
      runId: r.runId,
      profile: 'llama',
    });
    expect(pkg.pitfalls.some((p) => p.includes('rambles'))).toBe(true);
    expect(pkg.systemPrompt.length).toBeLessThanOrEqual(800);
    await expect(api.colonySaveProfile({ ...edited, style: 'html' } as never)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect((await api.colonyResetProfile('llama')).find((p) => p.id === 'llama')).toEqual(
      BUILT_IN_PROFILES.llama,
    );
  });

  it('never contains a raw context value, wherever the value slipped in', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 8, seed: 'e' });
    const value = fc.stringMatching(/^[A-Za-z0-9 $€.-]{3,24}$/).filter((s) => s.trim().length >= 3);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.stringMatching(/^[a-z_]{1,10}$/),
          fc.oneof(value, fc.integer({ min: 1000, max: 10 ** 9 })),
          { minKeys: 1, maxKeys: 4 },
        ),
        async (context) => {
          const vals = Object.values(context).map((v) => String(v).trim());
          // Put the values in the labels and the question, as a careless lane label or a person might.
          const labels = [
            'Plan ' + vals[0],
            'Hire for ' + (vals[1] ?? vals[0]),
            'Wait',
            'Spend ' + vals.at(-1),
          ];
          const r = await api.colonyEvaluate({ colonyId: colony.id, candidates: candidates(labels) });
          const pkg = await api.colonyEnhancementPackage({
            question: `Should we use ${vals.join(' and ')}?`,
            runId: r.runId,
            profile: 'openai',
            context,
          });
          const text = JSON.stringify(pkg);
          for (const v of vals) expect(text).not.toContain(v);
          expect(pkg.contextKeys).toEqual(Object.keys(context).sort());
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('scrubs longer values first so a value containing another is replaced whole', () => {
    const secrets = secretsOf({ a: 'North', b: 'North Harbour' });
    expect(secrets.map((s) => s.key)).toEqual(['b', 'a']);
    void buildPackage;
  });
});
