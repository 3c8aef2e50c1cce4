import type { EngineContext } from '../runtime/context';
import type { JobSeeds } from './jobSeeds';
import type { LaneRunner } from './runner';

/** What the lane's handlers share: the engine context, the job runner and the jobs' seeds. */
export interface LaneContext {
  readonly ctx: EngineContext;
  readonly runner: LaneRunner;
  readonly seeds: JobSeeds;
}
