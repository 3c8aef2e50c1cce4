import type { CandidateInput } from '../../../workers/contract';

/** A small hand-entered decision to start from when there is no lane result yet. */
export const EXAMPLE_CANDIDATES: CandidateInput[] = [
  {
    id: 'steady',
    label: 'Steady rollout',
    features: { utility: 0.68, risk: 0.2, novelty: 0.3, confidence: 0.85 },
  },
  {
    id: 'bold',
    label: 'Bold relaunch',
    features: { utility: 0.8, risk: 0.75, novelty: 0.9, confidence: 0.5 },
  },
  {
    id: 'pilot',
    label: 'Pilot with one team',
    features: { utility: 0.62, risk: 0.15, novelty: 0.55, confidence: 0.8 },
  },
  {
    id: 'wait',
    label: 'Wait a quarter',
    features: { utility: 0.4, risk: 0.1, novelty: 0.1, confidence: 0.9 },
  },
  {
    id: 'partner',
    label: 'Partner instead of build',
    features: { utility: 0.7, risk: 0.4, novelty: 0.6, confidence: 0.65 },
  },
];

export const CRITERIA = ['accuracy', 'creativity', 'safety', 'user_satisfaction'] as const;
export const CRITERION_LABEL: Record<(typeof CRITERIA)[number], string> = {
  accuracy: 'Accuracy',
  creativity: 'Creativity',
  safety: 'Safety',
  user_satisfaction: 'User satisfaction',
};
export const METHOD_COLOURS = ['#868e96', '#3b5bdb', '#2b8a3e', '#0b7285', '#862e9c', '#c92a2a', '#b7791f'];
