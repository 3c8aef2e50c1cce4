import type { Operation } from '../core/operation';
import type { EngineContext } from '../runtime/context';
import type { Db } from '../store/db';
import { incrementCounter } from '../store/metrics';
import {
  agentDetails,
  runMethod,
  scoreRequest,
  truthOf,
  verdictOf,
  winnerIndex,
  ALL_METHODS,
} from './evaluate';
import type { MethodChoice } from './evaluate';
import {
  COMPARE_KEYS,
  EVALUATE_KEYS,
  id,
  optionsOf,
  parseMethod,
  parseRunOptions,
  type RunOptions,
} from './options';
import { checkPlan } from './planCheck';
import * as store from './store';
import type {
  ColonyDetail,
  ColonyRunSummary,
  CompareResult,
  EvaluationResult,
  Verdict,
} from '../contract/colony';

// Running the colony on a list of candidates: one method (evaluate) or all of them (compare).

interface Prepared extends RunOptions {
  colony: ColonyDetail;
  seed: string;
}

/** Checks a request against its colony and the plan; the seed defaults to the colony's next run. */
export function prepare(db: Db, raw: unknown, allowed: readonly string[]): Prepared {
  const o = optionsOf(raw, allowed);
  const colony = store.loadColony(db, id(o.colonyId, 'colonyId'));
  checkPlan(db, colony.agents.length);
  const opts = parseRunOptions(o);
  return { ...opts, colony, seed: opts.seed ?? `run-${colony.runs + 1}` };
}

function score(p: Prepared) {
  return scoreRequest({
    agents: p.colony.agents,
    config: p.colony.config,
    candidates: p.candidates,
    weights: p.weights,
    seed: p.seed,
    threshold: p.threshold,
    ...(p.attackTarget !== undefined ? { attackTarget: p.attackTarget } : {}),
  });
}

/** Reports a step and yields, so a cancel sent meanwhile stops the run before the next step. */
async function step(op: Operation, name: string, current: number, total: number): Promise<void> {
  op.progress(name, current, total);
  await op.checkpoint();
}

function saveRun(
  ctx: EngineContext,
  p: Prepared,
  choice: { method: MethodChoice['method']; aggregator: NonNullable<MethodChoice['aggregator']> },
  winners: store.StoredRun['winners'],
  verdict: Verdict,
  counted: string,
): Promise<number> {
  return ctx.write((db) => {
    const rid = store.insertRun(db, {
      colonyId: p.colony.id,
      seed: p.seed,
      source: p.source,
      request: {
        candidates: p.candidates,
        weights: p.weights,
        method: choice.method,
        aggregator: choice.aggregator,
        trim: p.trim,
        attackTarget: p.attackTarget ?? null,
      },
      winners,
      verdict,
      createdAt: ctx.clock.now(),
    });
    incrementCounter(db, 'colony_evaluations_total', 'Colony evaluations run.', { method: counted });
    return rid;
  });
}

/** The candidate colluders push, when the colony has colluders. */
const attackTargetOf = (p: Prepared, target: number) =>
  p.colony.agents.some((a) => a.strategy === 'colluding') ? p.candidates[target]!.id : null;

export async function evaluate(ctx: EngineContext, raw: unknown, op: Operation): Promise<EvaluationResult> {
  const p = ctx.read((db) => prepare(db, raw, EVALUATE_KEYS));
  const { method, aggregator } = parseMethod(raw as Record<string, unknown>);
  await step(op, 'scoring every candidate', 1, 4);
  const sc = score(p);
  await step(op, 'reaching consensus', 2, 4);
  const choice: MethodChoice = { method, aggregator, trim: p.trim };
  const agg = runMethod(sc, choice);
  const verdict = verdictOf(sc, choice, agg);
  const winnerOf = (c: MethodChoice) =>
    c.method === method ? verdict.winner : p.candidates[winnerIndex(sc, c)]!.id;
  const winners = {
    majority: winnerOf({ method: 'majority' }),
    weighted: winnerOf({ method: 'weighted' }),
    byzantine: winnerOf({ method: 'byzantine', aggregator, trim: p.trim }),
  };
  await step(op, 'saving the run', 3, 4);
  const runId = await saveRun(ctx, p, { method, aggregator }, winners, verdict, method);
  return {
    runId,
    colonyId: p.colony.id,
    seed: p.seed,
    candidates: p.candidates.map((c) => ({ id: c.id, label: c.label })),
    weights: p.weights,
    verdict,
    agents: agentDetails(sc, agg),
    truth: truthOf(sc),
    attackTarget: attackTargetOf(p, sc.target),
  };
}

export async function compareMethods(
  ctx: EngineContext,
  raw: unknown,
  op: Operation,
): Promise<CompareResult> {
  const p = ctx.read((db) => prepare(db, raw, COMPARE_KEYS));
  const total = ALL_METHODS.length + 2;
  await step(op, 'scoring every candidate', 1, total);
  const sc = score(p);
  const choices = ALL_METHODS.map((c) => ({ ...c, trim: p.trim }));
  const aggs: ReturnType<typeof runMethod>[] = [];
  const verdicts: Verdict[] = [];
  for (const [k, c] of choices.entries()) {
    await step(op, `method ${k + 1} of ${choices.length}: ${c.aggregator ?? c.method}`, k + 2, total);
    aggs.push(runMethod(sc, c));
    verdicts.push(verdictOf(sc, c, aggs[k]!));
  }
  const trimmed = verdicts[3]!;
  const winners = {
    majority: verdicts[0]!.winner,
    weighted: verdicts[1]!.winner,
    byzantine: trimmed.winner,
  };
  const runId = await saveRun(
    ctx,
    p,
    { method: 'byzantine', aggregator: 'trimmed_mean' },
    winners,
    trimmed,
    'compare',
  );
  return {
    runId,
    colonyId: p.colony.id,
    seed: p.seed,
    candidates: p.candidates.map((c) => ({ id: c.id, label: c.label })),
    verdicts,
    agents: agentDetails(sc, aggs[3]!),
    truth: truthOf(sc),
    attackTarget: attackTargetOf(p, sc.target),
  };
}

export function runSummaries(db: Db, colonyId: unknown): ColonyRunSummary[] {
  const cid = id(colonyId, 'colonyId');
  store.loadColony(db, cid);
  const outcomes = store.outcomeByRun(db, cid);
  return store.listRuns(db, cid).map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    source: r.source,
    method: r.request.method,
    winner: r.verdict.winner,
    candidates: r.request.candidates.length,
    outcome: outcomes.get(r.id) ?? null,
  }));
}
