// Evaluation requests and their results: verdicts, method comparisons, outcomes and learning.

import type {
  AgentInfo,
  ByzantineAggregator,
  ByzantineStrategy,
  CandidateInput,
  ConsensusMethod,
  CriteriaWeights,
  Criterion,
  Tone,
} from './colonyModel';

export interface EvaluateOptions {
  colonyId: number;
  candidates: CandidateInput[];
  weights?: Partial<CriteriaWeights>;
  method?: ConsensusMethod;
  aggregator?: ByzantineAggregator;
  /** Trimmed share per tail for `trimmed_mean`; never below f/n. */
  trim?: number;
  seed?: string;
  /** Confidence needed for `consensusReached` (default 0.6). */
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
  top3: RankedCandidate[];
  winner: string;
  /** Whether `confidence` reaches `threshold`. */
  consensusReached: boolean;
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
  dissentingViews: DissentGroup[];
  warnings: ColonyWarning[];
  optimalTone: Tone;
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
  /** The run seed: the same seed gives every method the same votes as `colonyEvaluate` with it. */
  seed: string;
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

export interface ColonyRunSummary {
  id: number;
  createdAt: number;
  source: string | null;
  method: ConsensusMethod;
  winner: string;
  candidates: number;
  outcome: string | null;
}
