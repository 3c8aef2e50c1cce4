/**
 * What every part of the contract shares: error codes and error data, events, save and lock state,
 * plans, stored notes and metrics. Imports nothing.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CANCELLED'
  | 'INTERNAL'
  | 'NOT_WRITER'
  | 'SCHEMA_MISMATCH'
  | 'CORRUPT_IMPORT'
  | 'STORAGE_QUOTA'
  | 'STORAGE_FAILED'
  | 'POLICY_VIOLATION'
  | 'SIMULATION_DISABLED'
  | 'STEP_UP_REQUIRED'
  | 'BUDGET_EXCEEDED'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'PLAN_LIMIT';

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Progress of a long operation, reported through the one proxied event callback. */
export interface ProgressEvent {
  type: 'progress';
  /** The id the caller chose when starting the operation; pass it to `cancel`. */
  opId: string;
  /** Which kind of work, e.g. `lane.job`, `colony.self_tune`, `friend.ingest`. */
  op: string;
  step: string;
  current: number;
  total: number;
}

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface SaveState {
  status: SaveStatus;
  /** Generation of the last snapshot written to IndexedDB (0 = never saved). */
  generation: number;
  lastSavedAt: number | null;
  /** Set while saving fails; saving is retried after `retryInMs`. */
  error?: ErrorData;
  retryInMs?: number;
}

export type TabRole = 'opening' | 'writer' | 'standby';

export interface LockState {
  role: TabRole;
  /** Why a tab is on standby: another tab holds the lab, or it took the lab from this one. */
  reason?: 'elsewhere' | 'taken_over';
}

export type EngineEvent =
  | ProgressEvent
  | { type: 'save'; state: SaveState }
  | { type: 'lock'; state: LockState }
  /** The data changed wholesale (import, erase, another tab's writes arriving): re-read views. */
  | { type: 'reset' };

export interface TableStat {
  name: string;
  rows: number;
}

export interface DataStats {
  sizeBytes: number;
  tables: TableStat[];
  migrations: string[];
  save: SaveState;
}

export interface Note {
  id: number;
  body: string;
  createdAt: number;
}

export type Plan = 'free' | 'pro' | 'enterprise';

export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  kind: 'counter' | 'gauge';
  help: string;
  value: number;
}
