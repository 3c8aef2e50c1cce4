import type { LaneApi } from '../contract/lane';
import type { EngineContext } from '../runtime/context';
import { requireString } from '../runtime/validate';
import { verifyArtifactChain } from './artifacts';
import { cancelJob } from './cancel';
import { collectResult, collectWithShare, jobSeed } from './collect';
import { listJobs } from './jobs';
import { JobSeeds } from './jobSeeds';
import { jobStatus } from './jobStatus';
import type { LaneContext } from './laneContext';
import { validateNode } from './nodeValidation';
import { LaneRunner } from './runner';
import { scheduleSeed } from './schedule';
import { checkSeed, checkShare } from './seedCheck';
import { jobSensitivity } from './sensitivity';
import { readLaneSettings, setLaneEnabled } from './settings';
import { readTrace } from './trace';

const jobIdArg = (v: unknown) => requireString(v, 'jobId', { min: 1, max: 128 });

/** The lane's slice of the engine API: each handler checks its arguments and calls the module that does the work. */
export function createLaneApi(ctx: EngineContext): LaneApi {
  const seeds = new JobSeeds(ctx);
  const lane: LaneContext = { ctx, seeds, runner: new LaneRunner(ctx, seeds) };
  return {
    laneSchedule: async (seed) => scheduleSeed(lane, seed),
    laneStatus: async (jobId) => jobStatus(lane, jobIdArg(jobId)),
    laneCollect: async (jobId) => collectResult(lane, jobIdArg(jobId)),
    laneCollectWithShare: async (jobId) => collectWithShare(lane, jobIdArg(jobId)),
    laneCancel: async (jobId) => cancelJob(lane, jobIdArg(jobId)),
    laneListJobs: async () => {
      await lane.runner.recover();
      return ctx.read((db) => listJobs(db));
    },
    laneTrace: async (jobId) => ctx.read((db) => readTrace(db, jobIdArg(jobId))),
    laneJobSeed: async (jobId) => jobSeed(lane, jobIdArg(jobId)),
    laneGetSettings: async () => readLaneSettings(ctx),
    laneSetEnabled: async (enabled) => setLaneEnabled(ctx, enabled),
    laneVerifyArtifacts: async () => ctx.read(verifyArtifactChain),
    laneCheckSeed: async (seed) => checkSeed(seed),
    laneCheckShare: async (link) => checkShare(link, ctx.clock.now()),
    laneValidateNode: async (node) => validateNode(node),
    laneSensitivity: async (jobId) => jobSensitivity(lane, jobIdArg(jobId)),
  };
}
