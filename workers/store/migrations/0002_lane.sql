-- lane: the simulation lane's jobs, their Λ-trace, the append-only artifact chain, and the counters the
-- gate enforces (monthly quota, per-tenant rate limit). No raw context value is ever stored: the seed
-- kept with a job has its context values redacted to their keys.

CREATE TABLE lane_jobs (
  seq INTEGER PRIMARY KEY,
  job_id TEXT NOT NULL UNIQUE,
  tenant TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  -- queued | running | finished | cancelled | failed
  state TEXT NOT NULL,
  -- the normalised seed (canonical JSON, context values redacted)
  seed_json TEXT NOT NULL,
  goal TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  started_ms INTEGER,
  finished_ms INTEGER,
  samples_planned INTEGER NOT NULL DEFAULT 0,
  samples_done INTEGER NOT NULL DEFAULT 0,
  tokens_used INTEGER NOT NULL DEFAULT 0,
  partial INTEGER NOT NULL DEFAULT 0,
  result_json TEXT,
  result_hash TEXT,
  error_code TEXT,
  error_message TEXT
);
CREATE INDEX lane_jobs_state ON lane_jobs (state, seq);

-- Λ-trace events. Denials have no job, so job_id may be null; trace_id is always set.
CREATE TABLE lane_trace (
  id INTEGER PRIMARY KEY,
  job_id TEXT,
  trace_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  data_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX lane_trace_job ON lane_trace (job_id, id);

-- The "memory inbox": append-only, each row carries the previous row's hash. The lane writes here and
-- never reads a payload back; only the chain check reads it.
CREATE TABLE lane_artifacts (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  payload_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  row_hash TEXT NOT NULL
);
CREATE TRIGGER lane_artifacts_no_update BEFORE UPDATE ON lane_artifacts
BEGIN
  SELECT RAISE(ABORT, 'lane_artifacts is append-only');
END;
-- The chain alone cannot show that its newest rows were removed, so deleting is refused too.
CREATE TRIGGER lane_artifacts_no_delete BEFORE DELETE ON lane_artifacts
BEGIN
  SELECT RAISE(ABORT, 'lane_artifacts is append-only');
END;

CREATE TABLE lane_quota (
  tenant TEXT NOT NULL,
  month TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, month)
);

-- Token bucket per tenant: tokens left at updated_ms.
CREATE TABLE lane_rate (
  tenant TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  updated_ms INTEGER NOT NULL
);
