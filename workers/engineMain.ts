/// <reference lib="webworker" />
/**
 * The engine worker's engines, loaded by its entry (engine.worker.ts) as a chunk of its own: the
 * lane, colony and friend slices over the entry's runtime, the compute pool, the idle warm-up, and
 * the API as it crosses to the page.
 */
import * as Comlink from 'comlink';
import type { EngineApi, EngineWireApi } from './contract';
import { packResult } from './colony/agentWire';
import { createEngineApi } from './api/engineApi';
import { guardErrors } from './api/guardErrors';
import { toErrorData } from './core/errors';
import { TextParts } from './friend/textParts';
import { installComputePool } from './lane/pool/registry';
import { createWorkerPool } from './lane/pool/workerPool';
import type { IdleScheduler } from './runtime/idle';
import type { EngineRuntime } from './runtime/runtime';

/** What the entry hands over: the runtime it opened the lab with, and its idle scheduler. */
export interface EngineStart {
  runtime: EngineRuntime;
  idle: IdleScheduler;
}

export function startEngine({ runtime, idle }: EngineStart): EngineWireApi {
  // Large lane jobs split their branches across compute workers, one per core (at most four); this
  // worker stays the only one that writes. The workers start on the first job large enough to use them.
  installComputePool(createWorkerPool(() => Math.min(4, navigator.hardwareConcurrency || 1)));

  const api = createEngineApi(runtime, { idle }) satisfies EngineApi;

  /**
   * Colony results go to the page with their per-agent detail packed into one Float64Array that is
   * transferred, not cloned: as 1,000 objects it took longer to receive than the page may block.
   */
  const transferPacked = <R extends Parameters<typeof packResult>[0]>(r: R) => {
    const { value, transfer } = packResult(r);
    return Comlink.transfer(value, transfer);
  };
  // A long text to teach arrives in parts (contract: FriendTextSentInParts), held here until taught.
  const parts = new TextParts();
  const { friendTextPart } = guardErrors(
    { friendTextPart: async (opId: string, index: number, part: string) => parts.add(opId, index, part) },
    idle,
  );
  // `api.friendIngest` already sends its own failures as ErrorData; only the parts' check is added.
  const friendIngest = async (text: unknown, opId: string) => {
    let whole = text;
    if (typeof text === 'object' && text !== null) {
      try {
        whole = parts.take(opId, text);
      } catch (err) {
        throw toErrorData(err);
      }
    }
    return api.friendIngest(whole as string, opId);
  };
  return {
    ...api,
    friendTextPart,
    friendIngest,
    colonyEvaluate: async (...args) => transferPacked(await api.colonyEvaluate(...args)),
    colonyCompareMethods: async (...args) => transferPacked(await api.colonyCompareMethods(...args)),
  };
}
