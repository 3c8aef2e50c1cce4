/**
 * The ONE typed API between the UI and the engine worker.
 *
 * The UI imports this file with `import type` only; the worker entry checks its exposed object with
 * `satisfies EngineApi`. Each engine adds its own slice (`LaneApi`, `ColonyApi`, `FriendApi`), and
 * `EngineApi` is their intersection, so there is one contract and never two copies that drift.
 *
 * Everything that crosses is structured-clone data. Failures cross as `ErrorData` with a stable
 * `code`; the UI shows `message` and never a stack.
 */
import type { LaneApi } from './lane/api';
import type { ColonyApi } from './colony/api';
import type { FriendApi } from './friend/api';

export type { LaneApi, ColonyApi, FriendApi };
// Each engine's data types, for the UI (which may import types from this file only).
export type * from './lane/types';
export type * from './colony/types';
export type * from './friend/types';

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

export interface CoreApi {
  /** Register the one event callback (wrap it with `Comlink.proxy`). */
  connect(onEvent: (event: EngineEvent) => void): Promise<void>;
  /** Try to become the writer; loads the saved lab when it succeeds. */
  open(): Promise<LockState>;
  /** Take the lab from the tab that holds it ("use here"): it flushes and steps down first. */
  takeOver(): Promise<LockState>;
  lockState(): Promise<LockState>;
  /** Write the current data to IndexedDB now (pagehide, before export). */
  flush(): Promise<SaveState>;
  /** Cancel a running operation by the id its caller gave it; false when none was running. */
  cancel(opId: string): Promise<boolean>;

  dataStats(): Promise<DataStats>;
  /** The database file, as the `sqlite3` command line opens it. */
  exportDatabase(): Promise<Uint8Array>;
  /** Replace all data with a `.sqlite` file after checking it; nothing changes when it is refused. */
  importDatabase(bytes: Uint8Array): Promise<DataStats>;
  /** Delete every row of every engine. `confirm` must be the word ERASE. */
  eraseEverything(confirm: string): Promise<DataStats>;

  addNote(body: string): Promise<Note>;
  listNotes(): Promise<Note[]>;

  getPlan(): Promise<Plan>;
  setPlan(plan: Plan): Promise<Plan>;

  metrics(): Promise<MetricSample[]>;
  /** The metrics in Prometheus text exposition format. */
  metricsText(): Promise<string>;
}

export type EngineApi = CoreApi & LaneApi & ColonyApi & FriendApi;
