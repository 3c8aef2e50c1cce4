import { describe, expect, it } from 'vitest';
import { openTestDb } from '../store/testDb';
import { validateCandidates } from './candidates';
import { criteriaOf } from './criteria';
import { createColonyTestApi } from './testContext';

const base = { utility: 0.6, risk: 0.3, novelty: 0.5, confidence: 0.8 };

describe('hand-entered candidates with stakeholders', () => {
  it('derive user satisfaction from the stakeholders, halved for the share below their floor', () => {
    const [plain, served, strained] = validateCandidates([
      { id: 'p', label: 'Plain', features: base },
      {
        id: 's',
        label: 'Served',
        features: {
          ...base,
          stakeholders: [
            { name: ' staff ', utility: 0.9 },
            { name: 'clients', utility: 0.7 },
          ],
        },
      },
      {
        id: 't',
        label: 'Strained',
        features: {
          ...base,
          stakeholders: [
            { name: 'staff', utility: 0.9 },
            { name: 'clients', utility: 0.7, belowFloor: true },
          ],
        },
      },
    ]);
    expect(served!.features.stakeholders![0]!.name).toBe('staff');
    // Without stakeholders, user satisfaction is the utility.
    expect(criteriaOf(plain!.features)[3]).toBeCloseTo(0.6, 12);
    expect(criteriaOf(served!.features)[3]).toBeCloseTo(0.8, 12);
    // Half of them below their floor: 0.8 × (1 − 0.5 × 0.5).
    expect(criteriaOf(strained!.features)[3]).toBeCloseTo(0.6, 12);
  });

  it('lets stakeholders change the verdict when user satisfaction is all that counts', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 9, seed: 'st', noise: 0.05, expertiseLevel: 0.9 });
    const run = (stakeholders?: Array<{ name: string; utility: number; belowFloor?: boolean }>) =>
      api.colonyEvaluate({
        colonyId: colony.id,
        method: 'majority',
        weights: { accuracy: 0, creativity: 0, safety: 0, user_satisfaction: 1 },
        candidates: [
          { id: 'a', label: 'A', features: { ...base, utility: 0.7 } },
          {
            id: 'b',
            label: 'B',
            features: { ...base, utility: 0.5, ...(stakeholders ? { stakeholders } : {}) },
          },
        ],
      });
    expect((await run()).truth.best).toBe('a');
    const happy = await run([{ name: 'staff', utility: 0.95 }]);
    expect(happy.truth.best).toBe('b');
    expect(happy.verdict.winner).toBe('b');
  });

  it('refuses a stakeholder without a name or with a utility outside [0, 1]', () => {
    const bad = [
      [{ name: '  ', utility: 0.5 }],
      [{ name: 'staff', utility: 1.2 }],
      [{ utility: 0.5 }],
      'staff',
    ];
    for (const stakeholders of bad) {
      expect(() =>
        validateCandidates([
          { id: 'a', features: base },
          { id: 'b', features: { ...base, stakeholders } },
        ]),
      ).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});
