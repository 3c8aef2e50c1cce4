import type { Db } from '../store/db';
import type { DreamResult } from '../contract/lane';

/** A finished job's stored result, for other engines (the colony) that read results without the API. */
export function loadDreamResult(db: Db, jobId: string): DreamResult | null {
  const row = db.get<{ result_json: string | null }>(
    "SELECT result_json FROM lane_jobs WHERE job_id = ? AND state = 'finished'",
    [jobId],
  );
  return row?.result_json ? (JSON.parse(row.result_json) as DreamResult) : null;
}
