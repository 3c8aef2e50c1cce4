import { silentOperation, type Operation } from '../core/operation';
import type { EngineContext } from '../runtime/context';
import { requireOneOf } from '../runtime/validate';
import { createColony } from './colonies';
import { id, opId as checkOpId } from './options';
import { recordOutcome } from './outcomes';
import { enhancementPackage, laneCandidates } from './packages';
import { FAMILIES, loadProfiles, resetProfile, saveProfile, validateProfile } from './profiles';
import { compareMethods, evaluate, runSummaries } from './runs';
import * as store from './store';
import { listEvolutions, listTunes, loadLeaderboard } from './tuneStore';
import { evolve, robustness, selfTune } from './tuning';
import type { ColonyApi } from '../contract/colony';

/** The colony evaluator's API: one handler per call, each a line or two over the files that do the work. */
export function createColonyApi(ctx: EngineContext): ColonyApi {
  /** Runs `fn` as a registered operation when the caller gave an id, silently otherwise. */
  const asOperation = <T>(opId: string | undefined, kind: string, fn: (op: Operation) => Promise<T>) =>
    opId === undefined ? fn(silentOperation()) : ctx.operations.run(checkOpId(opId), kind, fn);
  const colonyOf = (colonyId: unknown) => ctx.read((db) => store.loadColony(db, id(colonyId, 'colonyId')));

  return {
    colonyCreate: (raw) => createColony(ctx, raw),
    colonyList: async () => ctx.read(store.listColonies),
    colonyAgents: async (colonyId) => colonyOf(colonyId),
    colonyDelete: async (colonyId) => {
      const cid = id(colonyId, 'colonyId');
      await ctx.write((db) => store.deleteColony(db, store.loadColony(db, cid).id));
    },
    colonyEvaluate: (raw, opId) => asOperation(opId, 'colony.evaluate', (op) => evaluate(ctx, raw, op)),
    colonyCompareMethods: (raw, opId) =>
      asOperation(opId, 'colony.compare', (op) => compareMethods(ctx, raw, op)),
    colonyRuns: async (colonyId) => ctx.read((db) => runSummaries(db, colonyId)),
    colonyRecordOutcome: (raw) => recordOutcome(ctx, raw),
    colonyHistory: async (colonyId) =>
      ctx.read((db) => {
        const c = store.loadColony(db, id(colonyId, 'colonyId'));
        return store.loadHistory(db, c.id, c.agents);
      }),
    colonySelfTune: (raw, opId) => selfTune(ctx, raw, opId),
    colonyTunes: async (colonyId) => ctx.read((db) => listTunes(db, id(colonyId, 'colonyId'))),
    colonyLeaderboard: async (tuneId) => ctx.read((db) => loadLeaderboard(db, id(tuneId, 'tuneId'))),
    colonyEvolve: (raw, opId) => evolve(ctx, raw, opId),
    colonyEvolutions: async (colonyId) => ctx.read((db) => listEvolutions(db, id(colonyId, 'colonyId'))),
    colonyRobustness: (raw, opId) => robustness(ctx, raw, opId),
    colonyEnhancementPackage: async (raw) => ctx.read((db) => enhancementPackage(db, raw)),
    colonyLaneCandidates: async (jobId) => ctx.read((db) => laneCandidates(db, jobId)),
    colonyProfiles: async () => ctx.read(loadProfiles),
    colonySaveProfile: async (raw) => {
      const p = validateProfile(raw);
      await ctx.write((db) => saveProfile(db, p, ctx.clock.now()));
      return p;
    },
    colonyResetProfile: async (raw) => {
      const pid = requireOneOf(raw, 'profile', FAMILIES);
      await ctx.write((db) => resetProfile(db, pid));
      return ctx.read(loadProfiles);
    },
  };
}
