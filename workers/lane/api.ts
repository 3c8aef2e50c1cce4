import type {
  ArtifactChainCheck,
  DreamResult,
  DreamSeed,
  FormulaIssue,
  JobStatus,
  JobSummary,
  LaneSettings,
  NodeValidation,
  TraceEvent,
} from './types';
import type { EngineContext } from '../runtime/context';
import { createLaneService } from './service';

/** The simulation lane's slice of the engine API. */
export interface LaneApi {
  /** Validates and gates a seed, then queues it; returns the job id. Runs no rollout itself. */
  laneSchedule(seed: DreamSeed): Promise<string>;
  laneStatus(jobId: string): Promise<JobStatus>;
  /** Waits for the job and returns its result (throws the job's error if it failed). */
  laneCollect(jobId: string): Promise<DreamResult>;
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
  /** Validates a node against the MATADA schema with the build-time validator. */
  laneValidateNode(node: unknown): Promise<NodeValidation>;
}

export function createLaneApi(ctx: EngineContext): LaneApi {
  return createLaneService(ctx);
}
