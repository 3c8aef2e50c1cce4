import type { JobStatus } from '../contract/lane';
import { getJob } from './jobs';
import type { LaneContext } from './laneContext';

/** A job's state, progress and budget use, answered while it runs (between its batches). */
export function jobStatus(lane: LaneContext, jobId: string): JobStatus {
  const { ctx, runner, seeds } = lane;
  const row = ctx.read((db) => getJob(db, jobId));
  if (!row) return { job_id: jobId, state: 'unknown', progress: 0 };
  const b = seeds.of(row).seed.constraints.budgets ?? {};
  const live = runner.live.get(jobId);
  const end = row.finished_ms ?? (row.started_ms !== null ? ctx.clock.now() : null);
  const secondsUsed = row.started_ms !== null && end !== null ? (end - row.started_ms) / 1000 : 0;
  return {
    job_id: row.job_id,
    state: row.state,
    trace_id: row.trace_id,
    progress: row.state === 'finished' ? 1 : (live?.progress ?? 0),
    created_ms: row.created_ms,
    started_ms: row.started_ms,
    finished_ms: row.finished_ms,
    budgets: {
      max_rollouts: { limit: b.max_rollouts ?? 0, used: live?.samples ?? row.samples_done },
      seconds: { limit: b.seconds ?? 0, used: secondsUsed },
      tokens: { limit: b.tokens ?? 0, used: row.tokens_used },
    },
    partial: row.partial === 1,
    result_hash: row.result_hash,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  };
}
