// The colony engine's slice of the contract: its API, and (re-exported) the data types that cross to
// the UI, in sections: the domain model, runs (requests and results), tuning, profiles/packages, and
// how results cross the worker boundary.
// Every field on the wire is camelCase; enum values (methods, criteria, codes) are stored identifiers.

import type { ColonyConfig, ColonyDetail, ColonySummary } from './colonyModel';
import type {
  ColonyHistory,
  ColonyRunSummary,
  CompareResult,
  EvaluateOptions,
  EvaluationResult,
  OutcomeResult,
  RecordOutcomeOptions,
} from './colonyRuns';
import type {
  EvolutionSummary,
  EvolveOptions,
  EvolveResult,
  LeaderboardEntry,
  RobustnessOptions,
  RobustnessResult,
  SelfTuneOptions,
  SelfTuneResult,
  TuneSummary,
} from './colonyTuning';
import type {
  EnhancementOptions,
  EnhancementPackage,
  LaneCandidates,
  ModelFamily,
  ModelProfile,
} from './colonyPackages';

export type * from './colonyModel';
export type * from './colonyRuns';
export type * from './colonyTuning';
export type * from './colonyPackages';
export type * from './colonyWire';

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
