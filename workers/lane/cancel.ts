import { cancelQueued } from './jobs';
import type { LaneContext } from './laneContext';
import { recordEvent } from './trace';

/** Cancels a running job between its batches, or a queued one at once. Returns whether it changed. */
export async function cancelJob(lane: LaneContext, jobId: string): Promise<boolean> {
  const { ctx, runner } = lane;
  if (runner.live.has(jobId)) return ctx.operations.cancel(jobId);
  const now = ctx.clock.now();
  const changed = await ctx.write((db) => {
    const row = cancelQueued(db, jobId, now, 'Cancelled while queued.');
    if (!row) return false;
    recordEvent(db, jobId, row.trace_id, {
      kind: 'job_cancelled',
      at_ms: now,
      data: { code: 'CANCELLED', samples: 0 },
    });
    return true;
  });
  if (changed) runner.kick();
  return changed;
}
