import type { EngineApi } from '../contract';
import { createColonyApi } from '../colony/api';
import { createFriendApi } from '../friend/api';
import { createLaneApi } from '../lane/api';
import {
  prepareLaneStatements,
  warmUpLane,
  warmUpLaneLoops,
  warmUpLaneMemory,
  warmUpLaneStorage,
} from '../lane/warmUp';
import { createCoreApi } from './coreApi';
import { warmUpSaver } from '../store/saverWarmUp';
import { guardErrors } from './guardErrors';
import type { IdleScheduler } from '../runtime/idle';
import type { EngineRuntime } from '../runtime/runtime';

export interface EngineApiOptions {
  /**
   * Where idle work runs: once this tab holds the lab, the lane warms up there (lane/warmUp.ts), so
   * the first job of a page load costs what the second does. Left out (tests): no warm-up.
   */
  idle?: IdleScheduler;
}

/** The whole engine: the runtime's core slice plus each engine's slice, as one `EngineApi`. */
export function createEngineApi(rt: EngineRuntime, opts: EngineApiOptions = {}): EngineApi {
  const core = createCoreApi(rt);
  const { idle } = opts;
  if (idle) {
    // What a job runs in SQLite, listed by the lane's warm-up: prepared on each lab this tab opens,
    // imports or erases to.
    let laneStatements: readonly string[] = [];
    const prepareOnLab = (next: () => Promise<void>) =>
      prepareLaneStatements(next, laneStatements, () => rt.db());
    const prepareOnNewLab = () => idle.runAgain('lab statements', () => prepareOnLab(() => idle.idle()));
    // An import or an erase puts a new connection in place without opening again.
    rt.onReset(() => void prepareOnNewLab());
    // Started after open() (or "use here") has answered, never before: it must not delay opening.
    const warmWhenWriter = <T>(opened: T): T => {
      if (rt.lock.role !== 'writer') return opened;
      // First the file's room to grow, for each lab this tab opens (a piece of its own). If it
      // cannot be had now (memory), the first write past the file's end asks again, as before.
      void idle
        .idle()
        .then(() => rt.makeFileRoom())
        .then(prepareOnNewLab)
        .catch(() => undefined);
      void idle.runOnce('lane', async (next) => {
        // The pure paths in small pieces first; then a small job through SQLite runs on warm code,
        // and its statements are prepared on the lab's connection; the saver's write path runs on a
        // throwaway saver.
        await warmUpLane(next);
        laneStatements = await warmUpLaneStorage(next, () => rt.scratchDb(next));
        await prepareOnLab(next);
        await next();
        warmUpSaver();
        await warmUpLaneMemory(next);
        await warmUpLaneLoops(next);
      });
      return opened;
    };
    const { open, takeOver } = core;
    core.open = async () => warmWhenWriter(await open());
    core.takeOver = async () => warmWhenWriter(await takeOver());
    // The worker's entry opens the lab before this code is loaded (api/earlyWire.ts): when it is
    // open already, the warm-up starts now.
    warmWhenWriter(undefined);
  }
  const api: EngineApi = {
    connect: async (onEvent) => {
      rt.addListener(onEvent);
    },
    ...core,
    ...createLaneApi(rt),
    ...createColonyApi(rt),
    ...createFriendApi(rt, { idle }),
  };
  return guardErrors(api, idle);
}
