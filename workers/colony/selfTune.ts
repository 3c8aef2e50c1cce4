import { log, pow } from '../core/detMath';
import type { Operation } from '../core/operation';
import { createRng } from '../core/rng';
import { leader } from './consensus';
import { CRITERIA, DEFAULT_WEIGHTS, normalizeWeights, weightVector } from './criteria';
import { expertiseOn } from './evaluate';
import { scoreMatrix } from './perception';
import type { Problem } from './problems';
import type {
  AgentInfo,
  ByzantineAggregator,
  ConsensusMethod,
  CriteriaWeights,
  LeaderboardEntry,
  RungReport,
  TuneConfig,
  TuneSpace,
} from '../contract/colony';

export const DEFAULT_TUNE_CONFIG: TuneConfig = {
  weights: DEFAULT_WEIGHTS,
  method: 'weighted',
  aggregator: 'trimmed_mean',
  trim: 0,
};

const METHODS: readonly ConsensusMethod[] = ['majority', 'weighted', 'byzantine'];
const AGGREGATORS: readonly ByzantineAggregator[] = ['median', 'trimmed_mean', 'geometric_median', 'krum'];

/** A random configuration from its own stream; dimensions outside the space keep the default. */
export function randomConfig(
  space: TuneSpace,
  base: TuneConfig,
  ...seed: Array<string | number>
): TuneConfig {
  const rng = createRng(...seed);
  let weights: CriteriaWeights = base.weights;
  if (space.weights) {
    // Uniform on the simplex (normalised exponentials, via -log(u)) so no criterion is favoured.
    const raw = {} as CriteriaWeights;
    for (const c of CRITERIA) raw[c] = -log(1 - rng.next()) + 1e-9;
    weights = normalizeWeights(raw);
  }
  return {
    weights,
    method: space.method ? METHODS[rng.int(METHODS.length)]! : base.method,
    aggregator: space.aggregator ? AGGREGATORS[rng.int(AGGREGATORS.length)]! : base.aggregator,
    trim: space.trim ? Math.round(rng.next() * 0.45 * 100) / 100 : base.trim,
  };
}

/** Whether a configuration picks the known best on one problem. */
export function solves(agents: readonly AgentInfo[], config: TuneConfig, p: Problem): boolean {
  const n = agents.length;
  const m = p.candidates.length;
  const s = scoreMatrix(p.perception, agents, weightVector(config.weights), p.seed, p.target);
  const winner = leader(s, n, m, {
    method: config.method,
    aggregator: config.aggregator,
    trim: config.trim,
    weights: agents.map((a) => a.reliability * expertiseOn(a, config.weights)),
    reliability: agents.map((a) => a.reliability),
  });
  return winner === p.truthBest;
}

export function accuracy(
  agents: readonly AgentInfo[],
  config: TuneConfig,
  problems: readonly Problem[],
): number {
  if (problems.length === 0) return 0;
  let ok = 0;
  for (const p of problems) if (solves(agents, config, p)) ok++;
  return ok / problems.length;
}

export interface HalvingPlan {
  configurations: number;
  resources: number[];
  survivors: number[];
  heldOut: number;
  evaluations: number;
}

/**
 * How many configurations successive halving can start with inside the budget. Every (configuration,
 * rung) evaluation counts one, and so does every held-out check at the end.
 */
export function planHalving(budget: number, problems: number, eta: number, heldOutTop: number): HalvingPlan {
  const rungs = Math.max(1, Math.floor(log(problems) / log(eta) + 1e-9) + 1);
  const r0 = Math.max(1, Math.floor(problems / pow(eta, rungs - 1)));
  const resources = Array.from({ length: rungs }, (_, k) => Math.min(problems, r0 * pow(eta, k)));
  const cost = (n0: number) => {
    const survivors = resources.map((_, k) => Math.max(1, Math.ceil(n0 / pow(eta, k))));
    const held = Math.min(heldOutTop, n0) + 1;
    return { survivors, held, total: survivors.reduce((a, b) => a + b, 0) + held };
  };
  let n0 = Math.max(1, budget);
  while (n0 > 1 && cost(n0).total > budget) n0 = Math.max(1, Math.min(n0 - 1, Math.floor(n0 * 0.98)));
  const c = cost(n0);
  return { configurations: n0, resources, survivors: c.survivors, heldOut: c.held, evaluations: c.total };
}

export interface TuneOutcome {
  evaluations: number;
  rungs: RungReport[];
  leaderboard: LeaderboardEntry[];
  defaultHeldOut: number;
}

/**
 * Successive halving (Jamieson & Talwalkar 2016): start many random configurations on few problems,
 * keep the best 1/η on η times more problems, and so on. Configuration 0 is the default, so the search
 * can only report something better than what it started from. Deterministic under the seed.
 */
export async function successiveHalving(
  agents: readonly AgentInfo[],
  opts: {
    seed: string;
    budget: number;
    eta: number;
    space: TuneSpace;
    base: TuneConfig;
    problems: readonly Problem[];
    heldOut: readonly Problem[];
  },
  op: Operation,
): Promise<TuneOutcome> {
  const heldOutTop = 5;
  const plan = planHalving(opts.budget, opts.problems.length, opts.eta, heldOutTop);
  if (plan.evaluations > opts.budget) {
    throw new Error('internal: the halving plan exceeds the budget');
  }
  const configs = Array.from({ length: plan.configurations }, (_, i) =>
    i === 0 ? opts.base : randomConfig(opts.space, opts.base, opts.seed, 'config', i),
  );
  type Entry = { idx: number; score: number; rung: number };
  const best = new Map<number, Entry>();
  let alive = configs.map((_, i) => i);
  let evaluations = 0;
  const rungs: RungReport[] = [];
  for (let k = 0; k < plan.resources.length; k++) {
    const problems = opts.problems.slice(0, plan.resources[k]);
    const scored: Entry[] = [];
    for (let q = 0; q < alive.length; q++) {
      const idx = alive[q]!;
      scored.push({ idx, score: accuracy(agents, configs[idx]!, problems), rung: k });
      evaluations++;
      if (evaluations % 20 === 0) {
        op.progress(`rung ${k + 1} of ${plan.resources.length}`, evaluations, plan.evaluations);
        await op.checkpoint();
      }
    }
    scored.sort((a, b) => b.score - a.score || a.idx - b.idx);
    for (const e of scored) best.set(e.idx, e);
    rungs.push({
      rung: k,
      configurations: alive.length,
      problems: problems.length,
      bestScore: scored[0]?.score ?? 0,
    });
    const keep = plan.survivors[k + 1];
    if (keep === undefined) break;
    alive = scored.slice(0, keep).map((e) => e.idx);
  }
  const ordered = [...best.values()].sort((a, b) => b.rung - a.rung || b.score - a.score || a.idx - b.idx);
  const leaderboard: LeaderboardEntry[] = ordered.slice(0, 20).map((e, r) => ({
    rank: r + 1,
    config: configs[e.idx]!,
    score: e.score,
    rung: e.rung,
    heldOut: null,
  }));
  for (const entry of leaderboard.slice(0, Math.min(heldOutTop, plan.configurations))) {
    entry.heldOut = accuracy(agents, entry.config, opts.heldOut);
    evaluations++;
  }
  const defaultHeldOut = accuracy(agents, opts.base, opts.heldOut);
  evaluations++;
  op.progress('held-out check', evaluations, plan.evaluations);
  return { evaluations, rungs, leaderboard, defaultHeldOut };
}
