import { badInput } from '../core/errors';
import type { CandidateFeatures, CriteriaWeights, Criterion, Personality } from '../contract/colony';
import { exp } from '../core/detMath';

export const CRITERIA: readonly Criterion[] = ['accuracy', 'creativity', 'safety', 'user_satisfaction'];

export const DEFAULT_WEIGHTS: CriteriaWeights = {
  accuracy: 0.3,
  creativity: 0.2,
  safety: 0.3,
  user_satisfaction: 0.2,
};

/** The personality trait that tilts each criterion. */
export const TRAIT_OF: Record<Criterion, keyof Personality> = {
  accuracy: 'urgency',
  creativity: 'curiosity',
  safety: 'stress',
  user_satisfaction: 'trust',
};

/** Merge partial weights over the defaults, check them and scale them to sum to 1. */
export function normalizeWeights(partial: Partial<CriteriaWeights> | undefined): CriteriaWeights {
  if (partial !== undefined && (typeof partial !== 'object' || partial === null || Array.isArray(partial))) {
    throw badInput('weights must be an object of criterion → weight.');
  }
  const out = { ...DEFAULT_WEIGHTS };
  for (const [k, v] of Object.entries(partial ?? {})) {
    if (!(CRITERIA as readonly string[]).includes(k)) {
      throw badInput(`Unknown criterion ${k}; use ${CRITERIA.join(', ')}.`, { field: 'weights' });
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
      throw badInput(`The weight of ${k} must be a number from 0 to 100.`, { field: 'weights' });
    }
    out[k as Criterion] = v;
  }
  const sum = CRITERIA.reduce((s, c) => s + out[c], 0);
  if (sum <= 0) throw badInput('At least one criterion needs a weight above 0.', { field: 'weights' });
  for (const c of CRITERIA) out[c] = out[c] / sum;
  return out;
}

export function weightVector(w: CriteriaWeights): number[] {
  return CRITERIA.map((c) => w[c]);
}

/**
 * The criteria a candidate's true features imply. Accuracy is the utility shrunk toward neutral by
 * low confidence (an uncertain projection is not an accurate one); user satisfaction is what the
 * stakeholders get, halved for the share of them left below their floor.
 */
export function criteriaOf(f: CandidateFeatures): number[] {
  const accuracy = f.utility * f.confidence + 0.5 * (1 - f.confidence);
  const creativity = f.novelty;
  const safety = 1 - f.risk;
  let satisfaction = f.utility;
  const st = f.stakeholders ?? [];
  if (st.length > 0) {
    const mean = st.reduce((s, x) => s + x.utility, 0) / st.length;
    const below = st.filter((x) => x.belowFloor).length / st.length;
    satisfaction = mean * (1 - 0.5 * below);
  }
  return [accuracy, creativity, safety, satisfaction];
}

/** Criterion weights as an agent with this personality feels them (normalised). */
export function tiltedWeights(w: readonly number[], p: Personality, strength = 1.2): number[] {
  const out = CRITERIA.map((c, k) => (w[k] ?? 0) * exp(strength * 2 * (p[TRAIT_OF[c]] - 0.5)));
  const sum = out.reduce((s, x) => s + x, 0);
  return sum > 0 ? out.map((x) => x / sum) : out;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}
