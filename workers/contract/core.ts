import type { DataStats, EngineEvent, LockState, MetricSample, Note, Plan, SaveState } from './base';

/** Storage, tabs, import/export, notes, plan and metrics: the part of the API that is not an engine. */
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
