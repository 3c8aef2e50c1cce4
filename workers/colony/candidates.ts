import { badInput } from '../core/errors';
import type { CandidateFeatures, CandidateInput, StakeholderFeature } from '../contract/colony';

export const MAX_CANDIDATES = 200;

/** The parts of a lane branch the colony reads (structural, so it needs nothing from the lane). */
export interface BranchLike {
  id: string;
  label?: string;
  variant?: string;
  scores: { utility: number; risk: number; novelty: number; confidence: number };
  stakeholders?: ReadonlyArray<{
    name: string;
    utility: number;
    floor?: number | null;
    below_floor?: boolean;
  }>;
}

/** A lane branch as a colony candidate: the branch's own scores are its true features. */
export function candidateFromBranch(b: BranchLike): CandidateInput {
  const stakeholders: StakeholderFeature[] = (b.stakeholders ?? []).map((s) => ({
    name: s.name,
    utility: s.utility,
    belowFloor: Boolean(s.below_floor),
  }));
  return {
    id: b.id,
    label: b.label ?? b.variant ?? b.id,
    features: {
      utility: b.scores.utility,
      risk: b.scores.risk,
      novelty: b.scores.novelty,
      confidence: b.scores.confidence,
      ...(stakeholders.length > 0 ? { stakeholders } : {}),
    },
  };
}

const unit = (v: unknown, name: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw badInput(`${name} must be a number from 0 to 1.`, { field: name });
  }
  return v;
};

/** Check a list of candidates from the UI; returns clean copies (unknown fields dropped). */
export function validateCandidates(input: unknown): CandidateInput[] {
  if (!Array.isArray(input)) throw badInput('candidates must be a list.', { field: 'candidates' });
  if (input.length < 2)
    throw badInput('A colony needs at least 2 candidates to compare.', { field: 'candidates' });
  if (input.length > MAX_CANDIDATES) {
    throw badInput(`At most ${MAX_CANDIDATES} candidates can be compared at once.`, { field: 'candidates' });
  }
  const seen = new Set<string>();
  return input.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw badInput(`Candidate ${i + 1} must be an object.`);
    const c = raw as Record<string, unknown>;
    if (typeof c.id !== 'string' || c.id.length === 0 || c.id.length > 200) {
      throw badInput(`Candidate ${i + 1} needs an id (1 to 200 characters).`, { field: 'candidates' });
    }
    if (seen.has(c.id)) throw badInput(`Two candidates share the id ${c.id}.`, { field: 'candidates' });
    seen.add(c.id);
    const label = typeof c.label === 'string' && c.label.trim() ? c.label.slice(0, 300) : c.id;
    const f = c.features as Record<string, unknown> | undefined;
    if (typeof f !== 'object' || f === null) throw badInput(`Candidate ${label} needs features.`);
    const features: CandidateFeatures = {
      utility: unit(f.utility, `${label}: utility`),
      risk: unit(f.risk, `${label}: risk`),
      novelty: unit(f.novelty, `${label}: novelty`),
      confidence: unit(f.confidence, `${label}: confidence`),
    };
    if (f.stakeholders !== undefined) {
      if (!Array.isArray(f.stakeholders) || f.stakeholders.length > 100) {
        throw badInput(`${label}: stakeholders must be a list of at most 100.`);
      }
      features.stakeholders = f.stakeholders.map((s: unknown, j: number) => {
        const st = s as Record<string, unknown>;
        if (typeof st !== 'object' || st === null || typeof st.name !== 'string' || !st.name.trim()) {
          throw badInput(`${label}: stakeholder ${j + 1} needs a name.`, { field: 'stakeholders' });
        }
        return {
          name: st.name.trim().slice(0, 200),
          utility: unit(st.utility, `${label}: ${st.name} utility`),
          belowFloor: Boolean(st.belowFloor),
        };
      });
    }
    return { id: c.id, label, features };
  });
}
