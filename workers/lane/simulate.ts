import type { Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import { planBranches } from './branches';
import { assertValidNodes } from './nodeValidation';
import { buildNode, buildShard, compactShard, NOTE_TOKENS, SCHEMA_REF, shardTokens } from './output';
import { installedComputePool } from './pool/registry';
import type { ComputePool } from './pool/types';
import { pilotSamples, runPilot } from './rollout';
import { runRollouts } from './rolloutLoop';
import { threadMemory } from './sampleMemory';
import { scoreBranches } from './scores';
import { compileModel, LIMITS, seedModel, type NormalizedSeed } from './seed';
import { clamp01, round } from './stats';
import type { DreamResult, DreamShard } from '../contract/lane';

/** One job from a normalised seed to its DreamResult: pilot, plan, rollouts in batches, scores, output. */

export interface SimulateHooks {
  /** Wall time for the `seconds` budget (the engine's injected clock). */
  clock: Clock;
  /** Awaited between batches: yields, and throws CANCELLED when the job was cancelled. */
  checkpoint?: () => Promise<void>;
  progress?: (step: string, current: number, total: number) => void;
  event?: (kind: string, data: Record<string, unknown>) => void;
  /** Samples per branch per batch. */
  batch?: number;
  /**
   * Compute partitions for large jobs; `null` runs in this thread. Left out: the pool the engine
   * worker installed, if any. The result is the same either way.
   */
  pool?: ComputePool | null;
}

type BudgetName = 'max_rollouts' | 'seconds' | 'tokens';

/** Samples per branch per batch, unless the caller says. */
const BATCH = 8192;

function exceeded(budget: BudgetName, message: string, details: Record<string, unknown>): EngineError {
  return new EngineError('BUDGET_EXCEEDED', message, { budget, ...details });
}

export async function simulate(n: NormalizedSeed, hooks: SimulateHooks): Promise<DreamResult> {
  const { seed, traceId, contextKeys } = n;
  const budgets = {
    tokens: 4000,
    seconds: 30,
    max_rollouts: 1_000_000,
    on_exceed: 'partial',
    ...seed.constraints.budgets,
  };
  const failOnExceed = budgets.on_exceed === 'fail';
  const started = hooks.clock.now();
  const over: BudgetName[] = [];
  const warnings: string[] = [];
  const note = (budget: BudgetName, data: Record<string, unknown>) => {
    over.push(budget);
    hooks.event?.('budget_exceeded', { budget, ...data });
  };

  const model = compileModel(seed);
  const runSeed = seed.rng_seed ?? '1';
  const pilot = runPilot(model, runSeed, pilotSamples(seed.samples ?? 10_000), threadMemory);
  const { plans, warnings: planWarnings } = planBranches(seed, model, pilot.influence, traceId);
  warnings.push(...planWarnings);
  if (n.modelIsDefault)
    warnings.push(
      'The seed has no model, so a generic value/adoption/cost model was used; add a model to simulate your own factors.',
    );

  let perBranch = seed.samples ?? 10_000;
  const planned = perBranch * plans.length;
  if (planned > budgets.max_rollouts) {
    const fits = Math.floor(budgets.max_rollouts / plans.length);
    const data = { limit: budgets.max_rollouts, needed: planned };
    if (failOnExceed || fits < LIMITS.minSamples) {
      note('max_rollouts', data);
      throw exceeded(
        'max_rollouts',
        `The job needs ${planned} samples (${plans.length} branches × ${perBranch}) but max_rollouts allows ${budgets.max_rollouts}${fits < LIMITS.minSamples ? `, fewer than ${LIMITS.minSamples} per branch` : ''}. Raise max_rollouts or lower the samples, scenarios or depth.`,
        data,
      );
    }
    note('max_rollouts', data);
    perBranch = fits;
    warnings.push(
      `Partial result: max_rollouts (${budgets.max_rollouts}) allowed ${fits} samples per branch instead of ${seed.samples}.`,
    );
  }

  hooks.event?.('rollout_started', { branches: plans.length, samples_per_branch: perBranch });
  // A job of at most two default batches in all runs as one: cutting it would only add a yield
  // between two short pieces. Batches never change the samples (each branch draws from its own streams).
  const batch = hooks.batch ?? (perBranch * plans.length <= 2 * BATCH ? perBranch : BATCH);
  const job = { model, runSeed, plans, perBranch, threshold: pilot.threshold, batch };
  const loop = await runRollouts(
    job,
    {
      clock: hooks.clock,
      started,
      limitMs: budgets.seconds * 1000,
      onTimeout: (have, elapsed) => {
        const data = { limit: budgets.seconds, used: elapsed / 1000, samples_per_branch: have };
        note('seconds', data);
        if (failOnExceed || have < LIMITS.minSamples) {
          throw exceeded(
            'seconds',
            `The job ran out of its ${budgets.seconds} s time budget after ${have} samples per branch. Raise the seconds budget or lower the samples.`,
            data,
          );
        }
        warnings.push(
          `Partial result: the ${budgets.seconds} s time budget ran out after ${have} of ${perBranch} samples per branch.`,
        );
      },
      progress: (drawn, total) => hooks.progress?.('rollout', drawn, total),
      ...(hooks.checkpoint ? { checkpoint: hooks.checkpoint } : {}),
    },
    hooks.pool === undefined ? installedComputePool() : (hooks.pool ?? undefined),
  );
  const drawn = loop.drawn;
  hooks.event?.('rollout_finished', { samples: drawn });

  const { branches, range } = scoreBranches(loop.branches, model, pilot.influence);
  // Scored: the outcomes' memory serves the thread's next large job (lent to its partitions if pooled).
  threadMemory.keep(loop.branches.map((b) => b.sorted));
  // Every shard's text counts against the tokens budget. The first shard that does not fit, and all
  // after it, are cut down to what still fits, so tokens_used never exceeds the budget.
  let tokens = 0;
  let tokensOver = false;
  const shards: DreamShard[] = branches.map((b, i) => {
    const full = buildShard(seed, b, pilot.influence);
    const cost = shardTokens(full);
    if (!tokensOver && tokens + cost <= budgets.tokens) {
      tokens += cost;
      return full;
    }
    if (!tokensOver) {
      tokensOver = true;
      const data = { limit: budgets.tokens, needed: tokens + cost };
      note('tokens', data);
      if (failOnExceed)
        throw exceeded(
          'tokens',
          `The result's text needs more than the ${budgets.tokens} tokens budget.`,
          data,
        );
      warnings.push(
        `Partial result: the ${budgets.tokens} tokens budget was spent; later shards carry only as much text as fitted, some only their scores.`,
      );
    }
    // Leave room for the note in every later shard when the budget allows it, so each says why its text is short.
    const left = budgets.tokens - tokens;
    const reserve = (branches.length - 1 - i) * NOTE_TOKENS;
    const small = compactShard(full, left - reserve >= NOTE_TOKENS ? left - reserve : left);
    tokens += shardTokens(small);
    return small;
  });

  const nodes = branches.map((b) => buildNode(seed, b, traceId, contextKeys));
  assertValidNodes(nodes);
  const ethics = branches.flatMap((b) => b.ethics_warnings.map((w) => `${b.label}: ${w}`));
  warnings.push(...ethics);

  const score = (b: (typeof branches)[number]) => b.scores.utility * (1 - b.scores.risk);
  const best = branches.reduce((a, b) => (score(b) > score(a) ? b : a), branches[0]!);
  return {
    trace_id: traceId,
    schema_ref: SCHEMA_REF,
    created_ts: seed.clock_ms ?? 0,
    goal: seed.goal,
    context_keys: contextKeys,
    model: seedModel(seed),
    model_is_default: n.modelIsDefault,
    influence: pilot.influence,
    branches,
    histogram_range: range,
    shards,
    matada_nodes: nodes,
    scores: {
      utility_mean: round(clamp01(branches.reduce((a, b) => a + b.scores.utility, 0) / branches.length), 6),
      risk_max: Math.max(...branches.map((b) => b.scores.risk)),
      novelty_max: Math.max(...branches.map((b) => b.scores.novelty)),
      confidence_min: Math.min(...branches.map((b) => b.scores.confidence)),
      best_branch: best.id,
      branches: branches.length,
    },
    samples: { planned, drawn, per_branch: loop.perBranch },
    tokens_used: tokens,
    partial: over.length > 0,
    budget_exceeded: over,
    warnings,
  };
}
