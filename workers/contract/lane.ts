// The lane engine's slice of the contract: its API and the data types that cross to the UI.

/** A factor's uncertainty. "a to b" is a 90% interval (lognormal when both ends are positive). */
export type Distribution =
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'beta'; alpha: number; beta: number }
  | { kind: 'bernoulli'; p: number }
  | { kind: 'interval'; low: number; high: number }
  | { kind: 'constant'; value: number };

export type DistributionKind = Distribution['kind'];

export interface Factor {
  /** An identifier usable in formulas: letters, digits, underscore. */
  name: string;
  dist: Distribution;
  /** Words for people (shown in assumptions); optional. */
  description?: string;
}

export interface Target {
  direction: 'maximise' | 'minimise';
  /** Failure is the outcome falling below (maximise) or above (minimise) this value. */
  threshold?: number;
}

export interface WorldModel {
  factors: Factor[];
  /** Formula over the factors: + - * / ^, comparisons, min max abs sqrt log exp, if(c, a, b). */
  outcome: string;
  target?: Target;
}

export interface Stakeholder {
  name: string;
  /** Relative weight (> 0). */
  weight: number;
  /** The stakeholder's view: a formula over the factors and `outcome` (default: `outcome`). */
  formula?: string;
  /** Or criteria weights: the view is the weighted sum of these factors. */
  criteria?: Record<string, number>;
  /** Lowest acceptable mean of the view, in the view's own units. */
  floor?: number;
}

export interface LaneBudgets {
  /** Caps the size of the text the job produces (≈ 4 characters a token). */
  tokens?: number;
  /** Caps wall time. */
  seconds?: number;
  /** Caps the Monte Carlo samples drawn, all branches together. */
  max_rollouts?: number;
  /** What happens when a budget runs out: a result marked partial (default) or a failed job. */
  on_exceed?: 'partial' | 'fail';
}

export interface DreamSeed {
  goal: string;
  /** Scoped context. Only its keys are ever used or shown; values never leave the gate. */
  context: Record<string, unknown>;
  constraints: {
    budgets?: LaneBudgets;
    consent: { scopes: string[] };
    flags?: Record<string, boolean>;
    step_up_confirmed?: boolean;
  };
  stakeholders?: Stakeholder[];
  model?: WorldModel;
  /** Top-level scenarios (default 5). */
  scenario_count?: number;
  include_edge_cases?: boolean;
  /** Levels of the branch tree (1 = scenarios only). */
  depth?: number;
  /** Samples per branch (default 10,000). */
  samples?: number;
  rng_seed?: string;
  /** Pins the timestamps of the result (epoch ms); set from the clock at scheduling when absent. */
  clock_ms?: number;
  tenant?: string;
  /** UL labels; ΛROOT and ΛADMIN are refused. */
  labels?: string[];
}

export type JobState = 'queued' | 'running' | 'finished' | 'cancelled' | 'failed' | 'unknown';

export interface BudgetUse {
  limit: number;
  used: number;
}

export interface JobStatus {
  job_id: string;
  state: JobState;
  trace_id?: string;
  progress: number;
  created_ms?: number;
  started_ms?: number | null;
  finished_ms?: number | null;
  budgets?: { max_rollouts: BudgetUse; seconds: BudgetUse; tokens: BudgetUse };
  partial?: boolean;
  result_hash?: string | null;
  error?: { code: string; message: string } | null;
}

export interface JobSummary {
  job_id: string;
  state: JobState;
  trace_id: string;
  goal: string;
  created_ms: number;
  finished_ms: number | null;
  result_hash: string | null;
  partial: boolean;
  /** Why a failed or cancelled job ended (code and message), so the history can say it. */
  error: { code: string; message: string } | null;
}

export interface TraceEvent {
  id: number;
  job_id: string | null;
  trace_id: string;
  kind: string;
  at_ms: number;
  data: Record<string, unknown>;
}

export interface LaneSettings {
  enabled: boolean;
  /** Whether the user has been asked (the Lab page asks once). */
  asked: boolean;
}

export interface BranchScores {
  utility: number;
  risk: number;
  novelty: number;
  confidence: number;
}

export interface BranchStakeholder {
  name: string;
  /** In [0, 1]: 0.5 is the baseline's mean view, higher is better for this stakeholder. */
  utility: number;
  /** The floor on the same scale as `utility`. */
  floor?: number;
  below_floor: boolean;
  mean: number;
  floor_raw?: number;
}

export type BranchVariant = 'baseline' | 'optimistic' | 'adversarial' | 'edge' | 'focus' | 'split';

export interface FactorSetting {
  factor: string;
  /** `window`: sampled within quantiles [lo, hi] of its distribution; `pin`: held at a value. */
  mode: 'window' | 'pin';
  lo: number;
  hi: number;
  value?: number;
}

export interface BranchRisk {
  label: string;
  factor: string;
  /** How far the factor's mean among failures sits from its mean, in standard deviations. */
  shift: number;
  mitigation: string;
}

export interface Branch {
  id: string;
  label: string;
  variant: BranchVariant;
  parent_id: string | null;
  depth: number;
  settings: FactorSetting[];
  assumptions: string[];
  scores: BranchScores;
  stakeholders: BranchStakeholder[];
  samples: number;
  mean: number;
  sd: number;
  percentiles: Record<'p1' | 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'p99', number>;
  histogram: number[];
  failure_probability: number;
  cvar: number;
  risks: BranchRisk[];
  ethics_warnings: string[];
}

export interface DreamShard {
  type: 'dream_shard';
  branch_id: string;
  variant: BranchVariant;
  proposal: { problem: string; approach: string[]; plan: string[]; ul_tags: string[] };
  risks: Array<{ label: string; mitigation: string }>;
  scores: BranchScores;
}

export interface MatadaNode {
  version: 1;
  id: string;
  type: 'HYPOTHESIS';
  labels: string[];
  state: Record<string, number>;
  timestamps: { created_ts: number };
  provenance: {
    producer: string;
    capabilities: string[];
    tenant: string;
    trace_id: string;
    consent_scopes: string[];
    model_signature: string;
    policy_version: string;
  };
  links: Array<{
    target_node_id: string;
    link_type: 'causal' | 'semantic' | 'evidence';
    direction: 'unidirectional' | 'bidirectional';
    weight: number;
    explanation: string;
  }>;
  evidence: Array<{ kind: 'trace' | 'input_key'; uri: string }>;
  schema_ref: 'lukhas://schemas/matada_node_v1.json';
}

export interface FactorInfluence {
  factor: string;
  /** Spearman rank correlation with the outcome in the pilot sample. */
  rho: number;
  /** +1 when higher values of the factor are favourable, -1 when lower are, 0 when it does not matter. */
  favourable: 1 | -1 | 0;
}

export interface DreamResult {
  trace_id: string;
  schema_ref: 'lukhas://schemas/matada_node_v1.json';
  created_ts: number;
  goal: string;
  context_keys: string[];
  model: WorldModel;
  model_is_default: boolean;
  influence: FactorInfluence[];
  branches: Branch[];
  histogram_range: { min: number; max: number; bins: number };
  shards: DreamShard[];
  matada_nodes: MatadaNode[];
  scores: {
    utility_mean: number;
    risk_max: number;
    novelty_max: number;
    confidence_min: number;
    best_branch: string;
    branches: number;
  };
  samples: { planned: number; drawn: number; per_branch: number };
  tokens_used: number;
  partial: boolean;
  budget_exceeded: Array<'max_rollouts' | 'seconds' | 'tokens'>;
  warnings: string[];
}

export interface FormulaIssue {
  field: string;
  message: string;
  position?: number;
}

export interface ArtifactChainCheck {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not match, when the chain is broken. */
  broken_at: number | null;
  head: string;
}

export interface NodeValidation {
  valid: boolean;
  errors: string[];
}

/** One factor's bar in the tornado: the outcome's mean with the factor held low, then high. */
export interface FactorSensitivity {
  factor: string;
  /** The factor's 10th and 90th percentiles (0 and 1 for a yes/no factor): the values it is held at. */
  low_value: number;
  high_value: number;
  /** Mean outcome with the factor held at low_value (others drawn as usual), then at high_value. */
  outcome_at_low: number;
  outcome_at_high: number;
  /** outcome_at_high - outcome_at_low: how much this factor alone moves the outcome. */
  swing: number;
  /** Spearman rank correlation of the factor with the outcome over the same sample. */
  rho: number;
  /** Share of all factors' squared swings (0..1): a rough "how much of the spread is this factor". */
  share: number;
}

/** A tornado over every factor of a seed's model, computed from seeded samples (deterministic). */
export interface SensitivityReport {
  trace_id: string;
  samples: number;
  /** Mean outcome with every factor drawn from its distribution. */
  base_mean: number;
  maximise: boolean;
  /** Sorted by |swing|, largest first. */
  factors: FactorSensitivity[];
}

/**
 * What a share link carries: the job's normalised seed (context values redacted, clock pinned), its
 * samples per branch, and the version of the lane engine that ran it (results are reproduced exactly
 * by the same version).
 */
export interface ShareLink {
  seed: DreamSeed;
  samples: number;
  engine_version: string;
}

/** What the page read from a share link's URL, not yet checked: the engine checks it. */
export interface SharedLinkInput {
  seed: unknown;
  samples?: string | number | null;
  engine_version?: string | null;
}

/** A share link checked with the same rules as scheduling. */
export interface SharedLinkCheck {
  /** The normalised seed to load and run, or null when the link cannot be used. */
  seed: DreamSeed | null;
  /** What is wrong with the link, each naming its field (empty when the seed is usable). */
  issues: FormulaIssue[];
  /** Set when the link was made by another engine version, whose result may differ. */
  note: string | null;
}

/** A finished job with everything the Lab page shows beside its result, in one call. */
export interface CollectedJob {
  job_id: string;
  result: DreamResult;
  result_hash: string;
  trace: TraceEvent[];
  share: ShareLink;
}

/** The simulation lane's slice of the engine API. */
export interface LaneApi {
  /** Validates and gates a seed, then queues it; returns the job id. Runs no rollout itself. */
  laneSchedule(seed: DreamSeed): Promise<string>;
  laneStatus(jobId: string): Promise<JobStatus>;
  /** Waits for the job and returns its result (throws the job's error if it failed). */
  laneCollect(jobId: string): Promise<DreamResult>;
  /** Like laneCollect, with the result's hash, its trace and its share link's contents. */
  laneCollectWithShare(jobId: string): Promise<CollectedJob>;
  laneCancel(jobId: string): Promise<boolean>;
  laneListJobs(): Promise<JobSummary[]>;
  laneTrace(jobId: string): Promise<TraceEvent[]>;
  /** The normalised seed of a job (context values redacted): what a share link carries. */
  laneJobSeed(jobId: string): Promise<DreamSeed>;
  laneGetSettings(): Promise<LaneSettings>;
  laneSetEnabled(enabled: boolean): Promise<LaneSettings>;
  laneVerifyArtifacts(): Promise<ArtifactChainCheck>;
  /** Checks a seed's model and stakeholder formulas without running anything (for inline errors). */
  laneCheckSeed(seed: unknown): Promise<FormulaIssue[]>;
  /**
   * Checks a share link's seed, sample count and engine version with the checks scheduling runs, so a
   * crafted link is refused with what is wrong instead of reaching the page. Runs and writes nothing.
   */
  laneCheckShare(link: SharedLinkInput): Promise<SharedLinkCheck>;
  /** Validates a node against the MATADA schema with the build-time validator. */
  laneValidateNode(node: unknown): Promise<NodeValidation>;
  /** A tornado over all factors of a job's model: how far each factor alone moves the outcome. */
  laneSensitivity(jobId: string): Promise<SensitivityReport>;
}
