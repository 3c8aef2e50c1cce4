/// <reference lib="webworker" />
/**
 * The engine worker's body, loaded by its entry (engine.worker.ts) as a chunk of its own: the runtime
 * with the browser's adapters (IndexedDB, Web Locks; the clock comes from the entry), the compute
 * pool, the idle warm-up, and the API as it crosses to the page.
 */
import * as Comlink from 'comlink';
import type { SqlJsStatic } from 'sql.js';
import type { EngineApi, EngineWireApi } from './contract';
import { packResult } from './colony/agentWire';
import { createEngineApi } from './api/engineApi';
import { installComputePool } from './lane/pool/registry';
import { createWorkerPool } from './lane/pool/workerPool';
import { IdleScheduler } from './runtime/idle';
import type { Clock } from './core/clock';
import { EngineRuntime, type OpenPhase } from './runtime/runtime';
import { knownMigrations } from './store/migrations';
import type { SnapshotStore } from './store/snapshotStore';
import { WebWriterLock } from './store/tabLock';

/** What the entry hands over: what it started early, and the browser's clock. */
export interface EngineStart {
  sql: Promise<SqlJsStatic>;
  store: SnapshotStore;
  clock: Clock;
  trace: (phase: OpenPhase) => void;
}

export function startEngine(o: EngineStart): EngineWireApi {
  const runtime = new EngineRuntime({
    sql: o.sql,
    store: o.store,
    lock: new WebWriterLock(),
    clock: o.clock,
    migrations: knownMigrations,
    trace: o.trace,
  });

  // Large lane jobs split their branches across compute workers, one per core (at most four); this
  // worker stays the only one that writes. The workers start on the first job large enough to use them.
  installComputePool(createWorkerPool(() => Math.min(4, navigator.hardwareConcurrency || 1)));

  // Idle work (the lane's warm-up after the lab opens) holds back while a request or an operation runs.
  const idle = new IdleScheduler(() => runtime.operations.running === 0);
  const api = createEngineApi(runtime, { idle }) satisfies EngineApi;

  /**
   * Colony results go to the page with their per-agent detail packed into one Float64Array that is
   * transferred, not cloned: as 1,000 objects it took longer to receive than the page may block.
   */
  const transferPacked = <R extends Parameters<typeof packResult>[0]>(r: R) => {
    const { value, transfer } = packResult(r);
    return Comlink.transfer(value, transfer);
  };
  return {
    ...api,
    colonyEvaluate: async (...args) => transferPacked(await api.colonyEvaluate(...args)),
    colonyCompareMethods: async (...args) => transferPacked(await api.colonyCompareMethods(...args)),
  };
}
