import type { ErrorCode } from '../contract/base';
import type { Db } from '../store/db';
import type { DreamSeed, JobState, JobSummary } from '../contract/lane';

/** The lane_jobs table: one row per accepted seed. */
export interface JobRow {
  seq: number;
  job_id: string;
  tenant: string;
  trace_id: string;
  state: Exclude<JobState, 'unknown'>;
  seed_json: string;
  goal: string;
  created_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
  samples_planned: number;
  samples_done: number;
  tokens_used: number;
  partial: number;
  result_json: string | null;
  result_hash: string | null;
  error_code: ErrorCode | null;
  error_message: string | null;
}

export function insertJob(db: Db, seed: DreamSeed, traceId: string, seedJson: string, now: number): string {
  const seq = (db.get<{ n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM lane_jobs')?.n ??
    1) as number;
  const jobId = `job-${seq}-${traceId.slice(3, 11)}`;
  db.run(
    `INSERT INTO lane_jobs (seq, job_id, tenant, trace_id, state, seed_json, goal, created_ms, samples_planned)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    [seq, jobId, seed.tenant ?? 'local', traceId, seedJson, seed.goal.slice(0, 200), now, 0],
  );
  return jobId;
}

export function getJob(db: Db, jobId: string): JobRow | undefined {
  return db.get<JobRow>('SELECT * FROM lane_jobs WHERE job_id = ?', [jobId]);
}

/** A job's state alone (undefined for no such job): cheaper than its row, which holds the result. */
export function getJobState(db: Db, jobId: string): JobRow['state'] | undefined {
  return db.get<{ state: JobRow['state'] }>('SELECT state FROM lane_jobs WHERE job_id = ?', [jobId])?.state;
}

/** Marks a queued job cancelled; returns its row, or undefined when it was not queued. */
export function cancelQueued(db: Db, jobId: string, now: number, message: string): JobRow | undefined {
  const row = getJob(db, jobId);
  if (!row || row.state !== 'queued') return undefined;
  db.run(
    "UPDATE lane_jobs SET state = 'cancelled', finished_ms = ?, error_code = 'CANCELLED', error_message = ? WHERE job_id = ?",
    [now, message, jobId],
  );
  return row;
}

export function nextQueued(db: Db): JobRow | undefined {
  return db.get<JobRow>("SELECT * FROM lane_jobs WHERE state = 'queued' ORDER BY seq LIMIT 1");
}

export function listJobs(db: Db, limit = 200): JobSummary[] {
  return db.all<JobRow>('SELECT * FROM lane_jobs ORDER BY seq DESC LIMIT ?', [limit]).map((r) => ({
    job_id: r.job_id,
    state: r.state,
    trace_id: r.trace_id,
    goal: r.goal,
    created_ms: r.created_ms,
    finished_ms: r.finished_ms,
    result_hash: r.result_hash,
    partial: r.partial === 1,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
  }));
}
