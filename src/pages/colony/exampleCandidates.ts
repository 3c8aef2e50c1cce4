import type { CandidateInput, ColonyConfig, CriteriaWeights } from '../../../workers/contract';

/**
 * A small hand-entered decision to start from when there is no lane result yet. It is chosen to show
 * what the page teaches: with the example colony (three colluders among ten) and the example seed,
 * the colluders' votes carry the majority to "Wait a quarter", while the robust methods still find the
 * truly best "Pilot with one team" (a Node test checks this through the engine's API).
 */
export const EXAMPLE_CANDIDATES: CandidateInput[] = [
  {
    id: 'steady',
    label: 'Steady rollout',
    features: { utility: 0.78, risk: 0.16, novelty: 0.22, confidence: 0.85 },
  },
  {
    id: 'bold',
    label: 'Bold relaunch',
    features: { utility: 0.82, risk: 0.73, novelty: 0.79, confidence: 0.49 },
  },
  {
    id: 'pilot',
    label: 'Pilot with one team',
    features: { utility: 0.67, risk: 0.1, novelty: 0.55, confidence: 0.71 },
  },
  {
    id: 'wait',
    label: 'Wait a quarter',
    features: { utility: 0.53, risk: 0.02, novelty: 0.08, confidence: 0.92 },
  },
  {
    id: 'partner',
    label: 'Partner instead of build',
    features: { utility: 0.83, risk: 0.38, novelty: 0.55, confidence: 0.5 },
  },
];

/** The colony the page offers to build first: ten agents, three of them colluding (f = 3). */
export const EXAMPLE_COLONY: ColonyConfig = {
  size: 10,
  expertiseLevel: 0.6,
  expertiseStyle: 'mixed',
  personalitySpread: 0.5,
  byzantineShare: 0.3,
  byzantineStrategy: 'colluding',
  noise: 0.4,
  seed: 'colony-1',
};

/** The run seed the page starts with; the same seed gives the same verdict every time. */
export const EXAMPLE_RUN_SEED = 'run-1';

export const DEFAULT_WEIGHTS: CriteriaWeights = {
  accuracy: 0.3,
  creativity: 0.2,
  safety: 0.3,
  user_satisfaction: 0.2,
};

export const CRITERIA = ['accuracy', 'creativity', 'safety', 'user_satisfaction'] as const;
export const CRITERION_LABEL: Record<(typeof CRITERIA)[number], string> = {
  accuracy: 'Accuracy',
  creativity: 'Creativity',
  safety: 'Safety',
  user_satisfaction: 'User satisfaction',
};
export const METHOD_COLOURS = ['#868e96', '#3b5bdb', '#2b8a3e', '#0b7285', '#862e9c', '#c92a2a', '#b7791f'];
