/// <reference lib="webworker" />
/**
 * The engine worker's entry: builds the runtime with the browser's adapters (sql.js wasm,
 * IndexedDB, Web Locks, the real clock) and exposes the API. Everything else lives in modules that
 * also run under Node tests.
 */
// First: no request to another origin, for every module below.
import './lockdown';
import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { EngineApi, EngineWireApi } from './contract';
import { packResult } from './colony/agentWire';
import { createEngineApi } from './api/engineApi';
import { installComputePool } from './lane/pool/registry';
import { createWorkerPool } from './lane/pool/workerPool';
import { IdleScheduler } from './runtime/idle';
import { EngineRuntime } from './runtime/runtime';
import { knownMigrations } from './store/migrations';
import { BlockSnapshotStore } from './store/blockSnapshotStore';
import { WebWriterLock } from './store/tabLock';

const runtime = new EngineRuntime({
  // Started now, awaited on first use: expose() must run synchronously or early messages are lost.
  sql: initSqlJs({ locateFile: () => wasmUrl }),
  store: new BlockSnapshotStore(),
  lock: new WebWriterLock(),
  clock: { now: () => Date.now() },
  migrations: knownMigrations,
});

// Large lane jobs split their branches across compute workers, one per core (at most four); this
// worker stays the only one that writes. The workers start when the lane's warm-up reaches them (idle
// time after opening), or with the first job large enough to use them, and live as long as the page.
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
const wireApi: EngineWireApi = {
  ...api,
  colonyEvaluate: async (...args) => transferPacked(await api.colonyEvaluate(...args)),
  colonyCompareMethods: async (...args) => transferPacked(await api.colonyCompareMethods(...args)),
};
Comlink.expose(wireApi, self);
