import type { Operation } from '../core/operation';
import type { EngineContext } from '../runtime/context';
import { incrementCounter } from '../store/metrics';
import { evolvePersonalities } from './evolve';
import {
  evolveOptions,
  id,
  opId as checkOpId,
  parseEvolve,
  parseRobustness,
  parseSelfTune,
  robustnessOptions,
  selfTuneOptions,
} from './options';
import { checkPlan, planMaxAgents } from './planCheck';
import { ROBUSTNESS_DEFAULTS, robustnessCurve } from './robustness';
import { DEFAULT_TUNE_CONFIG, successiveHalving } from './selfTune';
import * as store from './store';
import { truthProblems } from './truth';
import { insertEvolution, insertTune } from './tuneStore';
import { optionalNumber } from '../runtime/validate';
import type { EvolveResult, RobustnessResult, SelfTuneResult } from '../contract/colony';

// The long studies: self-tuning, evolution of personalities, and the robustness curve.

/** The colony a long run works on, refused when the plan no longer allows its size. */
const loadWithinPlan = (ctx: EngineContext, colonyId: unknown) =>
  ctx.read((db) => {
    const colony = store.loadColony(db, id(colonyId, 'colonyId'));
    checkPlan(db, colony.agents.length);
    return colony;
  });

export async function selfTune(ctx: EngineContext, raw: unknown, opId: unknown): Promise<SelfTuneResult> {
  const opid = checkOpId(opId);
  const o = selfTuneOptions(raw);
  const colony = loadWithinPlan(ctx, o.colonyId);
  const { seed, budget, eta, problems, m, space } = parseSelfTune(o);
  return ctx.operations.run(opid, 'colony.self_tune', async (op: Operation) => {
    op.progress('preparing problems', 0, budget);
    const { train, heldOut } = ctx.read((db) => truthProblems(db, colony, o, seed, problems, m));
    await op.checkpoint();
    const res = await successiveHalving(
      colony.agents,
      { seed, budget, eta, space, base: DEFAULT_TUNE_CONFIG, problems: train, heldOut },
      op,
    );
    const tuneId = await ctx.write((db) => {
      const tid = insertTune(db, {
        colonyId: colony.id,
        seed,
        options: { budget, eta, space, problems, m, truth: o.truth ?? 'synthetic' },
        evaluations: res.evaluations,
        defaultHeldOut: res.defaultHeldOut,
        rungs: res.rungs,
        leaderboard: res.leaderboard,
        createdAt: ctx.clock.now(),
      });
      incrementCounter(
        db,
        'colony_self_tune_evaluations_total',
        'Configurations evaluated by self-tuning.',
        {},
        res.evaluations,
      );
      return tid;
    });
    return {
      tuneId,
      evaluations: res.evaluations,
      budget,
      rungs: res.rungs,
      leaderboard: res.leaderboard,
      best: res.leaderboard[0]!,
      defaultConfig: DEFAULT_TUNE_CONFIG,
      defaultHeldOut: res.defaultHeldOut,
    };
  });
}

export async function evolve(ctx: EngineContext, raw: unknown, opId: unknown): Promise<EvolveResult> {
  const opid = checkOpId(opId);
  const o = evolveOptions(raw);
  const colony = loadWithinPlan(ctx, o.colonyId);
  const { seed, generations, mutation, problems, apply } = parseEvolve(o);
  return ctx.operations.run(opid, 'colony.evolve', async (op: Operation) => {
    const { train, weights } = ctx.read((db) => truthProblems(db, colony, o, seed, problems, 5));
    const res = await evolvePersonalities(
      colony.agents,
      { seed, generations, mutation, weights, problems: train },
      op,
    );
    const evolutionId = await ctx.write((db) => {
      const eid = insertEvolution(db, {
        colonyId: colony.id,
        seed,
        options: { generations, mutation, problems, truth: o.truth ?? 'synthetic' },
        applied: apply,
        generations: res.generations,
        createdAt: ctx.clock.now(),
      });
      if (apply) store.setPersonalities(db, colony.id, res.personalities);
      return eid;
    });
    return { evolutionId, generations: res.generations, applied: apply, personalities: res.personalities };
  });
}

export async function robustness(ctx: EngineContext, raw: unknown, opId: unknown): Promise<RobustnessResult> {
  const opid = checkOpId(opId);
  const o = robustnessOptions(raw);
  // The study's default size is the teaching one, lowered to the plan's cap so a plain call works
  // on every plan; an explicit size above the cap is still refused.
  const size = optionalNumber(o, 'size', Math.min(ROBUSTNESS_DEFAULTS.size, ctx.read(planMaxAgents)), {
    min: 3,
    max: 1000,
    integer: true,
  });
  ctx.read((db) => checkPlan(db, size));
  const opts = parseRobustness(o, size);
  return ctx.operations.run(opid, 'colony.robustness', (op) => robustnessCurve(opts, op));
}
