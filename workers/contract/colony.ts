// The colony engine's slice of the contract: its API and the data types that cross to the UI.

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

export interface EvaluateOptions {
  colonyId: number;
  candidates: CandidateInput[];
  weights?: Partial<CriteriaWeights>;
  method?: ConsensusMethod;
  aggregator?: ByzantineAggregator;
  /** Trimmed share per tail for `trimmed_mean`; never below f/n. */
  trim?: number;
  seed?: string;
  /** Confidence needed for `consensus_reached` (default 0.6). */
  threshold?: number;
  /** Id of the candidate colluders push; by default one that is not the truly best. */
  attackTarget?: string;
  /** Where the candidates came from (a lane job id), kept with the run. */
  source?: string;
}

export interface RankedCandidate {
  id: string;
  label: string;
  rank: number;
  /** The method's score: vote share (majority, weighted) or robust aggregate score (byzantine). */
  score: number;
  /** Normalised Borda score in [0, 1]. */
  borda: number;
  /** First-choice votes (all agents). */
  votes: number;
  risk: number;
}

export interface DissentGroup {
  candidateId: string;
  label: string;
  agentIds: string[];
  share: number;
  /** The criterion on which the group sees its candidate beat the winner most; null when unclear. */
  driver: Criterion | null;
  suspectedCount: number;
}

export interface ColonyWarning {
  code:
    | 'high_risk_top3'
    | 'low_agreement'
    | 'suspected_above_f'
    | 'condorcet_cycle'
    | 'byzantine_share_above_bound'
    | 'no_consensus';
  message: string;
}

export interface AgentDetail {
  id: string;
  role: 'honest' | 'byzantine';
  strategy: ByzantineStrategy | null;
  reliability: number;
  /** The agent's weight in the `weighted` method (reliability × expertise on the weighted criteria). */
  weight: number;
  topChoice: string;
  /** Scores for the candidates, in the order of `candidates`. */
  scores: number[];
  suspected: boolean;
  /** Distance from the robust centre. */
  distance: number;
}

export interface Verdict {
  method: ConsensusMethod;
  aggregator: ByzantineAggregator | null;
  ranking: RankedCandidate[];
  top_3: RankedCandidate[];
  winner: string;
  /** Whether `confidence` reaches `threshold`. */
  consensus_reached: boolean;
  /** The confidence needed for consensus (the request's, default 0.6). */
  threshold: number;
  /**
   * Share of bootstrap resamples of the agents (drawn from a stream of the run seed) in which the
   * winner stays the winner: near 1 when a wide margin is backed by most agents, near 1/2 on a coin toss.
   */
  confidence: number;
  /** How many bootstrap resamples `confidence` counts. */
  resamples: number;
  /** Share (weighted as the method weighs) of agents scoring the winner above the runner-up. */
  agreement: number;
  margin: number;
  dissenting_views: DissentGroup[];
  warnings: ColonyWarning[];
  optimal_tone: Tone;
  suspected: string[];
  f: number;
  condorcet: { winner: string | null; cycle: string[] | null };
}

export interface EvaluationResult {
  runId: number;
  colonyId: number;
  seed: string;
  candidates: Array<{ id: string; label: string }>;
  weights: CriteriaWeights;
  verdict: Verdict;
  agents: AgentDetail[];
  /** What the simulation knows: the best candidate under the request's weights. */
  truth: { best: string; scores: number[] };
  attackTarget: string | null;
}

export interface CompareResult {
  runId: number;
  colonyId: number;
  candidates: Array<{ id: string; label: string }>;
  verdicts: Verdict[];
  agents: AgentDetail[];
  truth: { best: string; scores: number[] };
  attackTarget: string | null;
}

export interface RecordOutcomeOptions {
  runId: number;
  /** The candidate that actually turned out best… */
  bestCandidateId?: string;
  /** …or a score per candidate id (the highest wins). */
  scores?: Record<string, number>;
  /** Hedge learning rate (default 0.3: slow enough not to bet everything on a few lucky agents). */
  eta?: number;
  /** Fixed-share mixing (default 0.02). */
  share?: number;
}

export interface OutcomePoint {
  outcomeId: number;
  runId: number;
  createdAt: number;
  best: string;
  /** Whether each method's verdict at the time of the run picked the actual best. */
  correct: { majority: boolean; weighted: boolean; byzantine: boolean };
  meanReliabilityHonest: number;
  meanReliabilityByzantine: number | null;
}

export interface OutcomeResult {
  point: OutcomePoint;
  agents: AgentInfo[];
}

export interface ColonyHistory {
  points: OutcomePoint[];
  /** Reliability of every agent after each outcome (rows follow `points`). */
  reliability: number[][];
  agentIds: string[];
}

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
  simulation_budget?: number;
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

export type ModelFamily = 'openai' | 'gemini' | 'claude' | 'llama' | 'custom';
export type PromptStyle = 'markdown' | 'xml' | 'plain';

export interface ModelProfile {
  id: ModelFamily;
  name: string;
  strengths: string[];
  weaknesses: string[];
  style: PromptStyle;
  /** Longest system prompt to produce, in characters. */
  maxPromptChars: number;
}

export interface EnhancementOptions {
  question: string;
  runId: number;
  profile: ModelFamily;
  /** Keys of the context the result was dreamed with; their values are never used. */
  contextKeys?: string[];
  /** Context values to keep out of the package (scrubbed wherever they appear). */
  context?: Record<string, unknown>;
}

export interface EnhancementPackage {
  question: string;
  profile: ModelProfile;
  recommended_approach: { candidateId: string; label: string; why: string; confidence: number };
  alternatives: Array<{ candidateId: string; label: string; score: number; risk: number }>;
  risk_analysis: Array<{
    candidateId: string;
    label: string;
    risk: number;
    level: 'low' | 'medium' | 'high';
    note: string;
  }>;
  confidence_map: Array<{ candidateId: string; label: string; support: number }>;
  pitfalls: string[];
  tone: Tone;
  context_keys: string[];
  warnings: string[];
  system_prompt: string;
}

export interface ColonyRunSummary {
  id: number;
  createdAt: number;
  source: string | null;
  method: ConsensusMethod;
  winner: string;
  candidates: number;
  outcome: string | null;
}

export interface EvolutionSummary {
  id: number;
  createdAt: number;
  applied: boolean;
  generations: GenerationReport[];
}

export interface LaneCandidates {
  jobId: string;
  goal: string;
  contextKeys: string[];
  candidates: CandidateInput[];
}

/** The colony evaluator's slice of the engine API. */
export interface ColonyApi {
  colonyCreate(config: Partial<ColonyConfig> & { size: number; name?: string }): Promise<ColonyDetail>;
  colonyList(): Promise<ColonySummary[]>;
  colonyAgents(colonyId: number): Promise<ColonyDetail>;
  colonyDelete(colonyId: number): Promise<void>;
  /** With an `opId`, the run reports its steps as progress and can be cancelled between them. */
  colonyEvaluate(opts: EvaluateOptions, opId?: string): Promise<EvaluationResult>;
  colonyCompareMethods(
    opts: Omit<EvaluateOptions, 'method' | 'aggregator'>,
    opId?: string,
  ): Promise<CompareResult>;
  colonyRuns(colonyId: number): Promise<ColonyRunSummary[]>;
  colonyRecordOutcome(opts: RecordOutcomeOptions): Promise<OutcomeResult>;
  colonyHistory(colonyId: number): Promise<ColonyHistory>;
  colonySelfTune(opts: SelfTuneOptions, opId: string): Promise<SelfTuneResult>;
  colonyTunes(colonyId: number): Promise<TuneSummary[]>;
  colonyLeaderboard(tuneId: number): Promise<LeaderboardEntry[]>;
  colonyEvolve(opts: EvolveOptions, opId: string): Promise<EvolveResult>;
  colonyEvolutions(colonyId: number): Promise<EvolutionSummary[]>;
  colonyRobustness(opts: RobustnessOptions, opId: string): Promise<RobustnessResult>;
  colonyEnhancementPackage(opts: EnhancementOptions): Promise<EnhancementPackage>;
  /** A finished lane job's branches as colony candidates (true features = the branch scores). */
  colonyLaneCandidates(jobId: string): Promise<LaneCandidates>;
  colonyProfiles(): Promise<ModelProfile[]>;
  colonySaveProfile(profile: ModelProfile): Promise<ModelProfile>;
  colonyResetProfile(id: ModelFamily): Promise<ModelProfile[]>;
}
