import { describe, expect, it } from 'vitest';
import type { SensitivityReport } from '../../../workers/contract';
import { isWarned, splitsByParent, toneOf } from './branchTree';
import { testBranch } from './testBranch';

const branch = testBranch;

describe('the branch tree explains itself', () => {
  const parent = branch({ id: 'p', label: 'optimistic', variant: 'optimistic' });
  const low = branch({
    id: 'l',
    label: 'optimistic › churn low',
    variant: 'split',
    parent_id: 'p',
    mean: 80,
  });
  const high = branch({
    id: 'h',
    label: 'optimistic › churn high',
    variant: 'split',
    parent_id: 'p',
    mean: 20,
  });

  it('names the factor each split divides and how far apart its halves land', () => {
    const report = {
      factors: [{ factor: 'churn', swing: -70, share: 0.8 }],
    } as unknown as SensitivityReport;
    const s = splitsByParent([parent, low, high], report).get('p');
    expect(s).toEqual({ factor: 'churn', delta: -60, lowMean: 80, highMean: 20, swing: -70, share: 0.8 });
    expect(splitsByParent([parent, low, high]).get('l')).toBeUndefined();
  });

  it('never gives a branch with a stakeholder below their floor the good tone', () => {
    const great = branch({ scores: { utility: 0.9, risk: 0, novelty: 0, confidence: 1 } });
    expect(toneOf(great)).toBe('good');
    const warned = branch({
      scores: great.scores,
      stakeholders: [{ name: 'students', utility: 0.2, below_floor: true, mean: 9, floor_raw: 10 }],
    });
    expect(isWarned(warned)).toBe(true);
    expect(toneOf(warned)).toBe('warned');
    expect(toneOf(branch({ scores: { utility: 0.3, risk: 0.6, novelty: 0, confidence: 1 } }))).toBe('poor');
  });
});
