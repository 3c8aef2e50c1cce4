// Self-tuning, evolution of personalities and the robustness study.

import type {
  ByzantineAggregator,
  ByzantineStrategy,
  ConsensusMethod,
  CriteriaWeights,
  Personality,
} from './colonyModel';

export interface TuneSpace {
  weights: boolean;
  method: boolean;
  aggregator: boolean;
  trim: boolean;
}

export interface TuneConfig {
  weights: CriteriaWeights;
  method: ConsensusMethod;
  aggregator: ByzantineAggregator;
  trim: number;
}

export interface SelfTuneOptions {
  colonyId: number;
  seed?: string;
  /** Configuration evaluations allowed in all (default 1,000). */
  simulationBudget?: number;
  space?: Partial<TuneSpace>;
  /** Successive-halving reduction factor (default 3). */
  eta?: number;
  truth?: 'synthetic' | 'outcomes';
  /** The hidden weights of the synthetic world; drawn from the seed when absent. */
  truthWeights?: Partial<CriteriaWeights>;
  /** Synthetic problems at the last rung (default 27). */
  problems?: number;
  candidatesPerProblem?: number;
}

export interface LeaderboardEntry {
  rank: number;
  config: TuneConfig;
  /** Accuracy on the problems of the highest rung the configuration reached. */
  score: number;
  rung: number;
  /** Accuracy on the held-out problems (top entries only). */
  heldOut: number | null;
}

export interface RungReport {
  rung: number;
  configurations: number;
  problems: number;
  bestScore: number;
}

export interface SelfTuneResult {
  tuneId: number;
  evaluations: number;
  budget: number;
  rungs: RungReport[];
  leaderboard: LeaderboardEntry[];
  best: LeaderboardEntry;
  defaultConfig: TuneConfig;
  defaultHeldOut: number;
}

export interface TuneSummary {
  tuneId: number;
  createdAt: number;
  evaluations: number;
  best: LeaderboardEntry;
  defaultHeldOut: number;
}

export interface EvolveOptions {
  colonyId: number;
  seed?: string;
  generations?: number;
  mutation?: number;
  truth?: 'synthetic' | 'outcomes';
  truthWeights?: Partial<CriteriaWeights>;
  problems?: number;
  /** Write the evolved personalities to the colony's agents. */
  apply?: boolean;
}

export interface GenerationReport {
  generation: number;
  best: number;
  mean: number;
  worst: number;
  /** Accuracy of the weighted method with this generation's personalities. */
  colonyAccuracy: number;
}

export interface EvolveResult {
  evolutionId: number;
  generations: GenerationReport[];
  applied: boolean;
  personalities: Personality[];
}

export interface RobustnessOptions {
  size?: number;
  candidates?: number;
  shares?: number[];
  seeds?: number;
  strategy?: ByzantineStrategy;
  /** Perception noise of an agent with no expertise. */
  noise?: number;
  /** Expertise of every agent in [0, 1]. */
  expertiseLevel?: number;
  /** How far personalities tilt the agents' criterion weights, in [0, 1]. */
  personalitySpread?: number;
  seed?: string;
}

export interface RobustnessPoint {
  share: number;
  /** Accuracy per method label (majority, weighted, median, trimmed_mean, geometric_median, krum). */
  accuracy: Record<string, number>;
}

export interface RobustnessResult {
  size: number;
  candidates: number;
  seeds: number;
  strategy: ByzantineStrategy;
  noise: number;
  expertiseLevel: number;
  personalitySpread: number;
  methods: string[];
  points: RobustnessPoint[];
}

export interface EvolutionSummary {
  id: number;
  createdAt: number;
  applied: boolean;
  generations: GenerationReport[];
}
