import type { CoreApi } from '../contract';
import type { IdleScheduler } from '../runtime/idle';
import type { EngineRuntime } from '../runtime/runtime';
import { createCoreApi } from './coreApi';
import { guardErrors } from './guardErrors';

/**
 * The core slice with the event door, errors turned into data as in the whole API: what the worker's
 * entry answers itself (opening, the Data page's reads, notes, plan, import/export), so that a reload
 * opens the lab and shows its data without waiting for the engines' code (api/earlyWire.ts).
 */
export function createOpeningApi(rt: EngineRuntime, idle?: IdleScheduler): CoreApi {
  const core = createCoreApi(rt);
  const api: CoreApi = {
    connect: async (onEvent) => {
      rt.addListener(onEvent);
    },
    ...core,
    open: async () => {
      const state = await core.open();
      // The Data page's counts, looked at while the answer travels and the page asks for them.
      if (state.role === 'writer') setTimeout(() => void core.dataStats().catch(() => undefined), 0);
      return state;
    },
  };
  return guardErrors(api, idle);
}
