// The colony's domain model on the wire: criteria, candidates, agents and colonies.

export type Criterion = 'accuracy' | 'creativity' | 'safety' | 'user_satisfaction';
export type CriteriaWeights = Record<Criterion, number>;

export interface StakeholderFeature {
  name: string;
  utility: number;
  belowFloor?: boolean;
}

/** The true features of one candidate (a lane branch, or entered by hand), each in [0, 1]. */
export interface CandidateFeatures {
  utility: number;
  risk: number;
  novelty: number;
  confidence: number;
  stakeholders?: StakeholderFeature[];
}

export interface CandidateInput {
  id: string;
  label: string;
  features: CandidateFeatures;
}

export type ByzantineStrategy = 'random' | 'inverting' | 'colluding';
export type ExpertiseStyle = 'generalists' | 'specialists' | 'mixed';
export type ConsensusMethod = 'majority' | 'weighted' | 'byzantine';
export type ByzantineAggregator = 'median' | 'trimmed_mean' | 'geometric_median' | 'krum';
export type Tone = 'cautious' | 'balanced' | 'exploratory';

/** Personality traits in [0, 1]; 0.5 is neutral. Each tilts the weight of one criterion. */
export interface Personality {
  /** Risk aversion: raises the weight of safety. */
  stress: number;
  /** Optimism about people: raises the weight of user satisfaction. */
  trust: number;
  /** Novelty seeking: raises the weight of creativity. */
  curiosity: number;
  /** Wants what works now: raises the weight of accuracy. */
  urgency: number;
}

export interface ColonyConfig {
  size: number;
  /** Mean expertise in [0, 1]. */
  expertiseLevel: number;
  expertiseStyle: ExpertiseStyle;
  /** 0 = every agent neutral, 1 = traits spread over the whole [0, 1]. */
  personalitySpread: number;
  /** Share of Byzantine agents in [0, 0.9]. */
  byzantineShare: number;
  byzantineStrategy: ByzantineStrategy;
  /** Perception noise of an agent with no expertise (standard deviation on [0, 1] features). */
  noise: number;
  seed: string;
}

export interface AgentInfo {
  index: number;
  id: string;
  role: 'honest' | 'byzantine';
  strategy: ByzantineStrategy | null;
  expertise: CriteriaWeights;
  personality: Personality;
  /** Learned reliability; the colony's mean is 1. */
  reliability: number;
}

export interface ColonySummary {
  id: number;
  name: string;
  config: ColonyConfig;
  createdAt: number;
  runs: number;
  outcomes: number;
}

export interface ColonyDetail extends ColonySummary {
  agents: AgentInfo[];
}
