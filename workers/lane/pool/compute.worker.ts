/// <reference lib="webworker" />
/**
 * A compute worker's entry: runs one partition of a job's rollouts for the engine worker (which owns
 * the database and stays its only writer). Errors cross as data so an EngineError keeps its code.
 */
import * as Comlink from 'comlink';
import { EngineError } from '../../core/errors';
import { LocalRolloutHost } from './host';
import type { BranchResult, RolloutTask } from './types';

export type Outcome<T> =
  { ok: true; value: T } | { ok: false; code: string; message: string; details?: unknown };

async function guard<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof EngineError)
      return { ok: false, code: err.code, message: err.message, details: err.details };
    return { ok: false, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  }
}

const host = new LocalRolloutHost();

export const computeWorkerApi = {
  start: (task: RolloutTask, buffers?: ArrayBuffer[]) => guard(() => host.start(task, buffers)),
  advance: (batches: number) => guard(() => host.advance(batches)),
  truncate: () => guard(() => host.truncate()),
  finishNext: async (): Promise<Outcome<BranchResult | null>> => {
    const out = await guard(() => host.finishNext());
    // The sorted outcomes move to the engine worker instead of being copied.
    return out.ok && out.value ? Comlink.transfer(out, [out.value.sorted.buffer]) : out;
  },
  reset: () => guard(() => host.reset()),
};

export type ComputeWorkerApi = typeof computeWorkerApi;

Comlink.expose(computeWorkerApi, self);
