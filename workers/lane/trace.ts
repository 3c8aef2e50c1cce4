import { canonicalJson } from '../core/canonicalJson';
import type { Db } from '../store/db';
import type { TraceEvent } from '../contract/lane';

/**
 * Λ-trace events, stored with the job. Callers pass only ids, counts, keys and codes: an event never
 * carries a context value.
 */
export interface PendingEvent {
  kind: string;
  at_ms: number;
  data: Record<string, unknown>;
}

export function recordEvent(db: Db, jobId: string | null, traceId: string, e: PendingEvent): void {
  db.run('INSERT INTO lane_trace (job_id, trace_id, kind, at_ms, data_json) VALUES (?, ?, ?, ?, ?)', [
    jobId,
    traceId,
    e.kind,
    e.at_ms,
    canonicalJson(e.data),
  ]);
}

export function readTrace(db: Db, jobId: string): TraceEvent[] {
  return db
    .all<{
      id: number;
      job_id: string | null;
      trace_id: string;
      kind: string;
      at_ms: number;
      data_json: string;
    }>('SELECT id, job_id, trace_id, kind, at_ms, data_json FROM lane_trace WHERE job_id = ? ORDER BY id', [
      jobId,
    ])
    .map((r) => ({
      id: r.id,
      job_id: r.job_id,
      trace_id: r.trace_id,
      kind: r.kind,
      at_ms: r.at_ms,
      data: JSON.parse(r.data_json) as Record<string, unknown>,
    }));
}
