import { EngineError, badInput } from '../core/errors';
import { PLAN_LIMITS } from '../core/plans';
import { silentOperation, type Operation } from '../core/operation';
import type { EngineContext } from '../runtime/context';
import { getPlan } from '../store/plan';
import {
  optionalNumber,
  requireKnownKeys,
  requireNumber,
  requireOneOf,
  requireString,
} from '../runtime/validate';
import type { Db } from '../store/db';
import { incrementCounter } from '../store/metrics';
import { generateAgents, validateConfig } from './agents';
import { candidateFromBranch, validateCandidates } from './candidates';
import { loadDreamResult } from '../lane/results';
import { normalizeWeights } from './criteria';
import { buildPackage, secretsOf } from './enhancement';
import {
  agentDetails,
  runMethod,
  scoreRequest,
  truthOf,
  verdictOf,
  ALL_METHODS,
  type MethodChoice,
} from './evaluate';
import { evolvePersonalities } from './evolve';
import { hedgeUpdate, rankLoss } from './hedge';
import { outcomeProblems, syntheticProblems, type Problem } from './problems';
import { FAMILIES, loadProfiles, resetProfile, saveProfile, validateProfile } from './profiles';
import { ROBUSTNESS_DEFAULTS, robustnessCurve } from './robustness';
import { DEFAULT_TUNE_CONFIG, successiveHalving } from './selfTune';
import { createRng } from '../core/rng';
import * as store from './store';
import type {
  AgentInfo,
  ByzantineAggregator,
  ByzantineStrategy,
  ColonyApi,
  ColonyConfig,
  ColonyDetail,
  ConsensusMethod,
  CriteriaWeights,
  EnhancementOptions,
  EvaluateOptions,
  EvolveOptions,
  RecordOutcomeOptions,
  RobustnessOptions,
  SelfTuneOptions,
  TuneSpace,
} from '../contract/colony';

const METHODS: readonly ConsensusMethod[] = ['majority', 'weighted', 'byzantine'];
const AGGREGATORS: readonly ByzantineAggregator[] = ['median', 'trimmed_mean', 'geometric_median', 'krum'];
const STRATEGIES: readonly ByzantineStrategy[] = ['random', 'inverting', 'colluding'];

const id = (v: unknown, name: string) => requireNumber(v, name, { min: 1, integer: true });
const obj = (v: unknown, name: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badInput(`${name} must be an object.`);
  return v as Record<string, unknown>;
};
/** Every option name of `T`, listed once: the Record makes the compiler flag a name missing or extra. */
const keysOf = <T>(names: Record<keyof Required<T>, true>): readonly string[] => Object.keys(names);
const CREATE_KEYS = keysOf<ColonyConfig & { name: string }>({
  size: true,
  expertiseLevel: true,
  expertiseStyle: true,
  personalitySpread: true,
  byzantineShare: true,
  byzantineStrategy: true,
  noise: true,
  seed: true,
  name: true,
});
const EVALUATE_KEYS = keysOf<EvaluateOptions>({
  colonyId: true,
  candidates: true,
  weights: true,
  method: true,
  aggregator: true,
  trim: true,
  seed: true,
  threshold: true,
  attackTarget: true,
  source: true,
});
/** A comparison runs every method, so it takes the evaluation's options without method and aggregator. */
const COMPARE_KEYS = EVALUATE_KEYS.filter((k) => k !== 'method' && k !== 'aggregator');
const OUTCOME_KEYS = keysOf<RecordOutcomeOptions>({
  runId: true,
  bestCandidateId: true,
  scores: true,
  eta: true,
  share: true,
});
const SELF_TUNE_KEYS = keysOf<SelfTuneOptions>({
  colonyId: true,
  seed: true,
  simulation_budget: true,
  space: true,
  eta: true,
  truth: true,
  truthWeights: true,
  problems: true,
  candidatesPerProblem: true,
});
const SPACE_KEYS = keysOf<TuneSpace>({ weights: true, method: true, aggregator: true, trim: true });
const EVOLVE_KEYS = keysOf<EvolveOptions>({
  colonyId: true,
  seed: true,
  generations: true,
  mutation: true,
  truth: true,
  truthWeights: true,
  problems: true,
  apply: true,
});
const ROBUSTNESS_KEYS = keysOf<RobustnessOptions>({
  size: true,
  candidates: true,
  shares: true,
  seeds: true,
  strategy: true,
  noise: true,
  expertiseLevel: true,
  personalitySpread: true,
  seed: true,
});
const ENHANCEMENT_KEYS = keysOf<EnhancementOptions>({
  question: true,
  runId: true,
  profile: true,
  contextKeys: true,
  context: true,
});
const optSeed = (v: unknown, fallback: string) =>
  v === undefined ? fallback : requireString(v, 'seed', { min: 1, max: 200 });

/** Refuse a colony bigger than the plan allows (the same plan setting the lane counts against). */
export function checkPlan(db: Db, size: number): void {
  const plan = getPlan(db);
  const max = PLAN_LIMITS[plan].maxAgents;
  if (size > max) {
    throw new EngineError(
      'PLAN_LIMIT',
      `The ${plan} plan allows colonies of at most ${max} agents; this one has ${size}.`,
      {
        plan,
        maxAgents: max,
        size,
      },
    );
  }
}

interface Prepared {
  colony: ColonyDetail;
  candidates: ReturnType<typeof validateCandidates>;
  weights: CriteriaWeights;
  seed: string;
  threshold: number;
  trim: number;
  attackTarget: string | undefined;
  source: string | null;
}

function prepare(db: Db, raw: unknown, allowed: readonly string[]): Prepared {
  const o = obj(raw, 'options');
  requireKnownKeys(o, 'options', allowed);
  const colony = store.loadColony(db, id(o.colonyId, 'colonyId'));
  checkPlan(db, colony.agents.length);
  const candidates = validateCandidates(o.candidates);
  const weights = normalizeWeights(o.weights as Partial<CriteriaWeights> | undefined);
  const threshold = optionalNumber(o, 'threshold', 0.6, { min: 0, max: 1 });
  const trim = optionalNumber(o, 'trim', 0, { min: 0, max: 0.49 });
  let attackTarget: string | undefined;
  if (o.attackTarget !== undefined) {
    attackTarget = requireString(o.attackTarget, 'attackTarget', { min: 1, max: 200 });
    if (!candidates.some((c) => c.id === attackTarget))
      throw badInput('attackTarget must be one of the candidates.');
  }
  const source =
    o.source === undefined || o.source === null ? null : requireString(o.source, 'source', { max: 200 });
  const seed = optSeed(o.seed, `run-${colony.runs + 1}`);
  return { colony, candidates, weights, seed, threshold, trim, attackTarget, source };
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

function parseSpace(v: unknown): TuneSpace {
  const s = v === undefined ? {} : obj(v, 'space');
  requireKnownKeys(s, 'space', SPACE_KEYS);
  const flag = (k: keyof TuneSpace, d: boolean) => (s[k] === undefined ? d : Boolean(s[k]));
  const space = {
    weights: flag('weights', true),
    method: flag('method', true),
    aggregator: flag('aggregator', false),
    trim: flag('trim', false),
  };
  if (!Object.values(space).some(Boolean))
    throw badInput('Choose at least one dimension to tune.', { field: 'space' });
  return space;
}

function hiddenWeights(seed: string): CriteriaWeights {
  const r = createRng(seed, 'hidden-truth');
  return normalizeWeights({
    accuracy: r.next() + 0.05,
    creativity: r.next() + 0.05,
    safety: r.next() + 0.05,
    user_satisfaction: r.next() + 0.05,
  });
}

function truthProblems(
  db: Db,
  colony: ColonyDetail,
  o: Record<string, unknown>,
  seed: string,
  count: number,
  m: number,
): { train: Problem[]; heldOut: Problem[]; weights: CriteriaWeights } {
  const truth =
    o.truth === undefined ? 'synthetic' : requireOneOf(o.truth, 'truth', ['synthetic', 'outcomes'] as const);
  if (truth === 'outcomes') {
    const all = outcomeProblems(colony.agents, colony.config.noise, store.outcomeRuns(db, colony.id));
    if (all.length < 4)
      throw badInput('Record at least 4 outcomes first, or tune against a synthetic truth.');
    // Every other outcome is held out, so the check never sees the problems the search was scored on.
    return {
      train: all.filter((_, i) => i % 2 === 0),
      heldOut: all.filter((_, i) => i % 2 === 1),
      weights: normalizeWeights(undefined),
    };
  }
  const weights =
    o.truthWeights === undefined
      ? hiddenWeights(seed)
      : normalizeWeights(o.truthWeights as Partial<CriteriaWeights>);
  const { agents, config } = colony;
  return {
    train: syntheticProblems(agents, config.noise, weights, count, m, seed, 'train'),
    heldOut: syntheticProblems(agents, config.noise, weights, count, m, seed, 'held-out'),
    weights,
  };
}

/** Reports a step and yields, so a cancel sent meanwhile stops the run before the next step. */
async function step(op: Operation, name: string, current: number, total: number): Promise<void> {
  op.progress(name, current, total);
  await op.checkpoint();
}

export function createColonyApi(ctx: EngineContext): ColonyApi {
  /** Runs `fn` as a registered operation when the caller gave an id, silently otherwise. */
  const asOperation = <T>(opId: string | undefined, kind: string, fn: (op: Operation) => Promise<T>) =>
    opId === undefined
      ? fn(silentOperation())
      : ctx.operations.run(requireString(opId, 'opId', { min: 1, max: 128 }), kind, fn);
  const now = () => ctx.clock.now();
  /** The colony a long run works on, refused when the plan no longer allows its size. */
  const loadWithinPlan = (colonyId: unknown) =>
    ctx.read((db) => {
      const colony = store.loadColony(db, id(colonyId, 'colonyId'));
      checkPlan(db, colony.agents.length);
      return colony;
    });

  return {
    colonyCreate: async (raw) => {
      const o = obj(raw, 'colony');
      requireKnownKeys(o, 'colony', CREATE_KEYS);
      const config = validateConfig(o);
      const name =
        o.name === undefined
          ? `Colony of ${config.size}`
          : requireString(o.name, 'name', { min: 1, max: 100 });
      ctx.read((db) => checkPlan(db, config.size));
      const agents = generateAgents(config);
      const colonyId = await ctx.write((db) => {
        checkPlan(db, config.size);
        const cid = store.insertColony(db, name, config, agents, now());
        incrementCounter(db, 'colony_created_total', 'Colonies created.');
        return cid;
      });
      return ctx.read((db) => store.loadColony(db, colonyId));
    },
    colonyList: async () => ctx.read(store.listColonies),
    colonyAgents: async (colonyId) => ctx.read((db) => store.loadColony(db, id(colonyId, 'colonyId'))),
    colonyDelete: async (colonyId) => {
      const cid = id(colonyId, 'colonyId');
      await ctx.write((db) => {
        store.loadColony(db, cid);
        store.deleteColony(db, cid);
      });
    },

    colonyEvaluate: (raw, opId) =>
      asOperation(opId, 'colony.evaluate', async (op) => {
        const p = ctx.read((db) => prepare(db, raw, EVALUATE_KEYS));
        const o = raw as EvaluateOptions;
        const method = o.method === undefined ? 'byzantine' : requireOneOf(o.method, 'method', METHODS);
        const aggregator =
          o.aggregator === undefined ? 'trimmed_mean' : requireOneOf(o.aggregator, 'aggregator', AGGREGATORS);
        await step(op, 'scoring every candidate', 1, 4);
        const sc = score(p);
        await step(op, 'reaching consensus', 2, 4);
        const choice: MethodChoice = { method, aggregator, trim: p.trim };
        const agg = runMethod(sc, choice);
        const verdict = verdictOf(sc, choice, agg);
        const winners = {
          majority:
            method === 'majority'
              ? verdict.winner
              : p.candidates[runMethod(sc, { method: 'majority' }).order[0]!]!.id,
          weighted:
            method === 'weighted'
              ? verdict.winner
              : p.candidates[runMethod(sc, { method: 'weighted' }).order[0]!]!.id,
          byzantine:
            method === 'byzantine'
              ? verdict.winner
              : p.candidates[runMethod(sc, { method: 'byzantine', aggregator, trim: p.trim }).order[0]!]!.id,
        };
        await step(op, 'saving the run', 3, 4);
        const runId = await ctx.write((db) => {
          const rid = store.insertRun(db, {
            colonyId: p.colony.id,
            seed: p.seed,
            source: p.source,
            request: {
              candidates: p.candidates,
              weights: p.weights,
              method,
              aggregator,
              trim: p.trim,
              attackTarget: p.attackTarget ?? null,
            },
            winners,
            verdict,
            createdAt: now(),
          });
          incrementCounter(db, 'colony_evaluations_total', 'Colony evaluations run.', { method });
          return rid;
        });
        return {
          runId,
          colonyId: p.colony.id,
          seed: p.seed,
          candidates: p.candidates.map((c) => ({ id: c.id, label: c.label })),
          weights: p.weights,
          verdict,
          agents: agentDetails(sc, agg),
          truth: truthOf(sc),
          attackTarget: p.colony.agents.some((a) => a.strategy === 'colluding')
            ? p.candidates[sc.target]!.id
            : null,
        };
      }),

    colonyCompareMethods: (raw, opId) =>
      asOperation(opId, 'colony.compare', async (op) => {
        const p = ctx.read((db) => prepare(db, raw, COMPARE_KEYS));
        const total = ALL_METHODS.length + 2;
        await step(op, 'scoring every candidate', 1, total);
        const sc = score(p);
        const choices = ALL_METHODS.map((c) => ({ ...c, trim: p.trim }));
        const aggs: ReturnType<typeof runMethod>[] = [];
        const verdicts: ReturnType<typeof verdictOf>[] = [];
        for (const [k, c] of choices.entries()) {
          await step(op, `method ${k + 1} of ${choices.length}: ${c.aggregator ?? c.method}`, k + 2, total);
          aggs.push(runMethod(sc, c));
          verdicts.push(verdictOf(sc, c, aggs[k]!));
        }
        const trimmed = verdicts[3]!;
        const runId = await ctx.write((db) => {
          const rid = store.insertRun(db, {
            colonyId: p.colony.id,
            seed: p.seed,
            source: p.source,
            request: {
              candidates: p.candidates,
              weights: p.weights,
              method: 'byzantine',
              aggregator: 'trimmed_mean',
              trim: p.trim,
              attackTarget: p.attackTarget ?? null,
            },
            winners: {
              majority: verdicts[0]!.winner,
              weighted: verdicts[1]!.winner,
              byzantine: trimmed.winner,
            },
            verdict: trimmed,
            createdAt: now(),
          });
          incrementCounter(db, 'colony_evaluations_total', 'Colony evaluations run.', { method: 'compare' });
          return rid;
        });
        return {
          runId,
          colonyId: p.colony.id,
          candidates: p.candidates.map((c) => ({ id: c.id, label: c.label })),
          verdicts,
          agents: agentDetails(sc, aggs[3]!),
          truth: truthOf(sc),
          attackTarget: p.colony.agents.some((a) => a.strategy === 'colluding')
            ? p.candidates[sc.target]!.id
            : null,
        };
      }),

    colonyRuns: async (colonyId) =>
      ctx.read((db) => {
        const cid = id(colonyId, 'colonyId');
        store.loadColony(db, cid);
        const outcomes = new Map(
          db
            .all<{ run_id: number; best_candidate: string }>(
              'SELECT run_id, best_candidate FROM colony_outcomes WHERE colony_id = ?',
              [cid],
            )
            .map((r) => [r.run_id, r.best_candidate]),
        );
        return store.listRuns(db, cid).map((r) => ({
          id: r.id,
          createdAt: r.createdAt,
          source: r.source,
          method: r.request.method,
          winner: r.verdict.winner,
          candidates: r.request.candidates.length,
          outcome: outcomes.get(r.id) ?? null,
        }));
      }),

    colonyRecordOutcome: async (raw) => {
      const o = obj(raw, 'outcome');
      requireKnownKeys(o, 'outcome', OUTCOME_KEYS);
      const runId = id(o.runId, 'runId');
      const eta = optionalNumber(o, 'eta', 0.3, { min: 0, max: 10 });
      const share = optionalNumber(o, 'share', 0.02, { min: 0, max: 0.5 });
      const { run, colony } = ctx.read((db) => {
        const r = store.loadRun(db, runId);
        return { run: r, colony: store.loadColony(db, r.colonyId) };
      });
      const cands = run.request.candidates;
      let best: string;
      let scores: Record<string, number> | null = null;
      if (o.bestCandidateId !== undefined) {
        best = requireString(o.bestCandidateId, 'bestCandidateId', { min: 1, max: 200 });
      } else if (o.scores !== undefined) {
        const s = obj(o.scores, 'scores');
        scores = {};
        for (const c of cands) scores[c.id] = requireNumber(s[c.id], `score of ${c.label}`);
        best = cands.reduce((b, c) => (scores![c.id]! > scores![b.id]! ? c : b), cands[0]!).id;
      } else {
        throw badInput('Give bestCandidateId or a score for every candidate.');
      }
      const bestIdx = cands.findIndex((c) => c.id === best);
      if (bestIdx < 0) throw badInput(`${best} is not one of this run's candidates.`);
      // The run's votes, recomputed from its seed with the same agents (perception never changes).
      const sc = scoreRequest({
        agents: colony.agents,
        config: colony.config,
        candidates: cands,
        weights: run.request.weights,
        seed: run.seed,
        ...(run.request.attackTarget ? { attackTarget: run.request.attackTarget } : {}),
      });
      const m = cands.length;
      const losses = colony.agents.map((_, i) => rankLoss(sc.scores, i * m, m, bestIdx));
      const reliability = hedgeUpdate(
        colony.agents.map((a) => a.reliability),
        losses,
        eta,
        share,
      );
      const correct = {
        majority: run.winners.majority === best,
        weighted: run.winners.weighted === best,
        byzantine: run.winners.byzantine === best,
      };
      const outcomeId = await ctx.write((db) => {
        store.setReliability(db, colony.id, reliability);
        const oid = store.insertOutcome(db, {
          colonyId: colony.id,
          runId,
          best,
          scores,
          correct,
          reliability,
          eta,
          share,
          createdAt: now(),
        });
        incrementCounter(db, 'colony_outcomes_total', 'Outcomes recorded.');
        return oid;
      });
      const agents: AgentInfo[] = colony.agents.map((a, i) => ({ ...a, reliability: reliability[i]! }));
      const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
      return {
        point: {
          outcomeId,
          runId,
          createdAt: now(),
          best,
          correct,
          meanReliabilityHonest:
            mean(agents.filter((a) => a.role === 'honest').map((a) => a.reliability)) ?? 0,
          meanReliabilityByzantine: mean(
            agents.filter((a) => a.role === 'byzantine').map((a) => a.reliability),
          ),
        },
        agents,
      };
    },

    colonyHistory: async (colonyId) =>
      ctx.read((db) => {
        const c = store.loadColony(db, id(colonyId, 'colonyId'));
        return store.loadHistory(db, c.id, c.agents);
      }),

    colonySelfTune: async (raw, opId) => {
      requireString(opId, 'opId', { min: 1, max: 128 });
      const o = obj(raw, 'options');
      requireKnownKeys(o, 'options', SELF_TUNE_KEYS);
      const colony = loadWithinPlan(o.colonyId);
      const seed = optSeed(o.seed, 'tune');
      const budget = optionalNumber(o, 'simulation_budget', 1000, { min: 10, max: 100_000, integer: true });
      const eta = optionalNumber(o, 'eta', 3, { min: 2, max: 8, integer: true });
      const problems = optionalNumber(o, 'problems', 27, { min: 1, max: 500, integer: true });
      const m = optionalNumber(o, 'candidatesPerProblem', 5, { min: 2, max: 50, integer: true });
      const space = parseSpace(o.space);
      return ctx.operations.run(opId, 'colony.self_tune', async (op) => {
        op.progress('preparing problems', 0, budget);
        const { train, heldOut } = ctx.read((db) => truthProblems(db, colony, o, seed, problems, m));
        await op.checkpoint();
        const res = await successiveHalving(
          colony.agents,
          { seed, budget, eta, space, base: DEFAULT_TUNE_CONFIG, problems: train, heldOut },
          op,
        );
        const tuneId = await ctx.write((db) => {
          db.run(
            'INSERT INTO colony_tunes (colony_id, seed, options, evaluations, default_held_out, rungs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
              colony.id,
              seed,
              JSON.stringify({ budget, eta, space, problems, m, truth: o.truth ?? 'synthetic' }),
              res.evaluations,
              res.defaultHeldOut,
              JSON.stringify(res.rungs),
              now(),
            ],
          );
          const tid = db.lastInsertRowid();
          for (const e of res.leaderboard) {
            db.run(
              'INSERT INTO colony_tune_leaderboard (tune_id, rank, config, score, rung, held_out) VALUES (?, ?, ?, ?, ?, ?)',
              [tid, e.rank, JSON.stringify(e.config), e.score, e.rung, e.heldOut],
            );
          }
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
    },

    colonyTunes: async (colonyId) =>
      ctx.read((db) =>
        db
          .all<{ id: number; created_at: number; evaluations: number; default_held_out: number }>(
            'SELECT id, created_at, evaluations, default_held_out FROM colony_tunes WHERE colony_id = ? ORDER BY id DESC LIMIT 50',
            [id(colonyId, 'colonyId')],
          )
          .map((t) => {
            const b = db.get<{
              rank: number;
              config: string;
              score: number;
              rung: number;
              held_out: number | null;
            }>(
              'SELECT rank, config, score, rung, held_out FROM colony_tune_leaderboard WHERE tune_id = ? AND rank = 1',
              [t.id],
            );
            return {
              tuneId: t.id,
              createdAt: t.created_at,
              evaluations: t.evaluations,
              defaultHeldOut: t.default_held_out,
              best: {
                rank: 1,
                config: JSON.parse(b?.config ?? 'null'),
                score: b?.score ?? 0,
                rung: b?.rung ?? 0,
                heldOut: b?.held_out ?? null,
              },
            };
          }),
      ),

    colonyLeaderboard: async (tuneId) =>
      ctx.read((db) =>
        db
          .all<{ rank: number; config: string; score: number; rung: number; held_out: number | null }>(
            'SELECT rank, config, score, rung, held_out FROM colony_tune_leaderboard WHERE tune_id = ? ORDER BY rank',
            [id(tuneId, 'tuneId')],
          )
          .map((r) => ({
            rank: r.rank,
            config: JSON.parse(r.config),
            score: r.score,
            rung: r.rung,
            heldOut: r.held_out,
          })),
      ),

    colonyEvolve: async (raw, opId) => {
      requireString(opId, 'opId', { min: 1, max: 128 });
      const o = obj(raw, 'options');
      requireKnownKeys(o, 'options', EVOLVE_KEYS);
      const colony = loadWithinPlan(o.colonyId);
      const seed = optSeed(o.seed, 'evolve');
      const generations = optionalNumber(o, 'generations', 20, { min: 1, max: 500, integer: true });
      const mutation = optionalNumber(o, 'mutation', 0.1, { min: 0, max: 1 });
      const problems = optionalNumber(o, 'problems', 20, { min: 1, max: 500, integer: true });
      const apply = Boolean(o.apply);
      return ctx.operations.run(opId, 'colony.evolve', async (op) => {
        const { train, weights } = ctx.read((db) => truthProblems(db, colony, o, seed, problems, 5));
        const res = await evolvePersonalities(
          colony.agents,
          { seed, generations, mutation, weights, problems: train },
          op,
        );
        const evolutionId = await ctx.write((db) => {
          db.run(
            'INSERT INTO colony_evolutions (colony_id, seed, options, applied, created_at) VALUES (?, ?, ?, ?, ?)',
            [
              colony.id,
              seed,
              JSON.stringify({ generations, mutation, problems, truth: o.truth ?? 'synthetic' }),
              apply ? 1 : 0,
              now(),
            ],
          );
          const eid = db.lastInsertRowid();
          for (const g of res.generations) {
            db.run(
              'INSERT INTO colony_evolution_generations (evolution_id, generation, best, mean, worst, colony_accuracy) VALUES (?, ?, ?, ?, ?, ?)',
              [eid, g.generation, g.best, g.mean, g.worst, g.colonyAccuracy],
            );
          }
          if (apply) store.setPersonalities(db, colony.id, res.personalities);
          return eid;
        });
        return {
          evolutionId,
          generations: res.generations,
          applied: apply,
          personalities: res.personalities,
        };
      });
    },

    colonyEvolutions: async (colonyId) =>
      ctx.read((db) =>
        db
          .all<{ id: number; created_at: number; applied: number }>(
            'SELECT id, created_at, applied FROM colony_evolutions WHERE colony_id = ? ORDER BY id DESC LIMIT 20',
            [id(colonyId, 'colonyId')],
          )
          .map((e) => ({
            id: e.id,
            createdAt: e.created_at,
            applied: e.applied === 1,
            generations: db
              .all<{
                generation: number;
                best: number;
                mean: number;
                worst: number;
                colony_accuracy: number;
              }>(
                'SELECT generation, best, mean, worst, colony_accuracy FROM colony_evolution_generations WHERE evolution_id = ? ORDER BY generation',
                [e.id],
              )
              .map((g) => ({
                generation: g.generation,
                best: g.best,
                mean: g.mean,
                worst: g.worst,
                colonyAccuracy: g.colony_accuracy,
              })),
          })),
      ),

    colonyRobustness: async (raw, opId) => {
      requireString(opId, 'opId', { min: 1, max: 128 });
      const o = obj(raw ?? {}, 'options');
      requireKnownKeys(o, 'options', ROBUSTNESS_KEYS);
      const d = ROBUSTNESS_DEFAULTS;
      // The study's default size is the teaching one, lowered to the plan's cap so a plain call works
      // on every plan; an explicit size above the cap is still refused.
      const size = optionalNumber(
        o,
        'size',
        Math.min(
          d.size,
          ctx.read((db) => PLAN_LIMITS[getPlan(db)].maxAgents),
        ),
        { min: 3, max: 1000, integer: true },
      );
      ctx.read((db) => checkPlan(db, size));
      const shares = o.shares === undefined ? d.shares : o.shares;
      if (!Array.isArray(shares) || shares.length === 0 || shares.length > 20)
        throw badInput('shares must be a list of 1 to 20 numbers.');
      const opts = {
        size,
        candidates: optionalNumber(o, 'candidates', d.candidates, { min: 2, max: 100, integer: true }),
        shares: shares.map((s: unknown) => requireNumber(s, 'share', { min: 0, max: 0.9 })),
        seeds: optionalNumber(o, 'seeds', d.seeds, { min: 1, max: 5000, integer: true }),
        strategy: o.strategy === undefined ? d.strategy : requireOneOf(o.strategy, 'strategy', STRATEGIES),
        noise: optionalNumber(o, 'noise', d.noise, { min: 0, max: 2 }),
        expertiseLevel: optionalNumber(o, 'expertiseLevel', d.expertiseLevel, { min: 0, max: 1 }),
        personalitySpread: optionalNumber(o, 'personalitySpread', d.personalitySpread, { min: 0, max: 1 }),
        seed: optSeed(o.seed, 'robustness'),
      };
      return ctx.operations.run(opId, 'colony.robustness', (op) => robustnessCurve(opts, op));
    },

    colonyEnhancementPackage: async (raw) => {
      const o = obj(raw, 'options');
      requireKnownKeys(o, 'options', ENHANCEMENT_KEYS);
      const question = requireString(o.question, 'question', { min: 1, max: 4000 });
      const profileId = requireOneOf(o.profile, 'profile', FAMILIES);
      const runId = id(o.runId, 'runId');
      const context = o.context === undefined ? undefined : obj(o.context, 'context');
      let contextKeys: string[] = Object.keys(context ?? {});
      const secrets = secretsOf(context);
      if (o.contextKeys !== undefined) {
        if (
          !Array.isArray(o.contextKeys) ||
          o.contextKeys.some((k) => typeof k !== 'string' || k.length > 100)
        ) {
          throw badInput('contextKeys must be a list of short texts.');
        }
        contextKeys = [...new Set([...contextKeys, ...(o.contextKeys as string[])])];
      }
      return ctx.read((db) => {
        const run = store.loadRun(db, runId);
        const profile = loadProfiles(db).find((p) => p.id === profileId)!;
        if (run.source) {
          // A lane result carries only its context's keys: the lane replaces the values at its gate,
          // so nothing stored can repeat them. The keys are shown.
          const result = loadDreamResult(db, run.source);
          if (result) contextKeys = [...new Set([...contextKeys, ...result.context_keys])];
        }
        return buildPackage({
          question,
          profile,
          candidates: run.request.candidates,
          weights: run.request.weights,
          verdict: run.verdict,
          contextKeys,
          secrets,
        });
      });
    },

    colonyLaneCandidates: async (jobId) => {
      const jid = requireString(jobId, 'jobId', { min: 1, max: 200 });
      return ctx.read((db) => {
        const result = loadDreamResult(db, jid);
        if (!result) throw new EngineError('NOT_FOUND', `There is no finished lane result for ${jid}.`);
        return {
          jobId: jid,
          goal: result.goal,
          contextKeys: result.context_keys,
          candidates: result.branches.map(candidateFromBranch),
        };
      });
    },
    colonyProfiles: async () => ctx.read(loadProfiles),
    colonySaveProfile: async (raw) => {
      const p = validateProfile(raw);
      await ctx.write((db) => saveProfile(db, p, now()));
      return p;
    },
    colonyResetProfile: async (raw) => {
      const pid = requireOneOf(raw, 'profile', FAMILIES);
      await ctx.write((db) => resetProfile(db, pid));
      return ctx.read(loadProfiles);
    },
  };
}
