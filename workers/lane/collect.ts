import { EngineError } from '../core/errors';
import type { CollectedJob, DreamResult } from '../contract/lane';
import { getJob } from './jobs';
import type { LaneContext } from './laneContext';
import { assertValidNodes } from './nodeValidation';
import { readTrace, recordEvent } from './trace';
import { LANE_ENGINE_VERSION } from './version';

/** Waits for the job to end and returns its result, or throws the job's error. */
export async function collectResult(lane: LaneContext, jobId: string): Promise<DreamResult> {
  const { ctx, runner } = lane;
  await runner.recover();
  // One read of the row per look: its state says whether to wait, and once the job has ended it
  // holds the result.
  let row = ctx.read((db) => getJob(db, jobId));
  if (!row) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
  while (row.state === 'queued' || row.state === 'running') {
    const done = runner.wait(jobId);
    runner.kick();
    await done;
    row = ctx.read((db) => getJob(db, jobId))!;
  }
  if (row.state === 'cancelled')
    throw new EngineError('CANCELLED', 'The job was cancelled before it finished.');
  if (row.state === 'failed')
    throw new EngineError(row.error_code ?? 'INTERNAL', row.error_message ?? 'The job failed.');
  const result = JSON.parse(row.result_json!) as DreamResult;
  // Checked again on the way out: a result changed in storage must not hand out invalid nodes.
  assertValidNodes(result.matada_nodes);
  await ctx.write((db) =>
    recordEvent(db, jobId, row.trace_id, {
      kind: 'seed_collected',
      at_ms: ctx.clock.now(),
      data: { result_hash: row.result_hash },
    }),
  );
  return result;
}

/**
 * Collects a job with everything the Lab page shows beside the result: its hash, its trace (the
 * collection included) and what its share link carries, so the page needs one call, not four.
 */
export async function collectWithShare(lane: LaneContext, jobId: string): Promise<CollectedJob> {
  const result = await collectResult(lane, jobId);
  const { ctx, seeds } = lane;
  return ctx.read((db) => {
    const row = getJob(db, jobId)!;
    const { seed } = seeds.of(row);
    return {
      job_id: jobId,
      result,
      result_hash: row.result_hash ?? '',
      trace: readTrace(db, jobId),
      share: {
        seed,
        samples: seed.samples ?? result.samples.per_branch,
        engine_version: LANE_ENGINE_VERSION,
      },
    };
  });
}

/** The normalised seed of a job (context values redacted). */
export function jobSeed(lane: LaneContext, jobId: string) {
  const row = lane.ctx.read((db) => getJob(db, jobId));
  if (!row) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
  return lane.seeds.of(row).seed;
}
