import { badInput } from '../core/errors';
import {
  optionalNumber,
  requireKnownKeys,
  requireNumber,
  requireOneOf,
  requireString,
} from '../runtime/validate';
import { validateCandidates } from './candidates';
import { normalizeWeights } from './criteria';
import { FAMILIES } from './profiles';
import { ROBUSTNESS_DEFAULTS } from './robustness';
import type {
  ByzantineAggregator,
  ByzantineStrategy,
  ColonyConfig,
  ConsensusMethod,
  CriteriaWeights,
  EnhancementOptions,
  EvaluateOptions,
  EvolveOptions,
  ModelFamily,
  RecordOutcomeOptions,
  RobustnessOptions,
  SelfTuneOptions,
  TuneSpace,
} from '../contract/colony';

// The option names and checks of every colony request: bad input is refused before anything runs.

export const METHODS: readonly ConsensusMethod[] = ['majority', 'weighted', 'byzantine'];
export const AGGREGATORS: readonly ByzantineAggregator[] = [
  'median',
  'trimmed_mean',
  'geometric_median',
  'krum',
];
export const STRATEGIES: readonly ByzantineStrategy[] = ['random', 'inverting', 'colluding'];

export const id = (v: unknown, name: string) => requireNumber(v, name, { min: 1, integer: true });
export const obj = (v: unknown, name: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badInput(`${name} must be an object.`);
  return v as Record<string, unknown>;
};
export const opId = (v: unknown) => requireString(v, 'opId', { min: 1, max: 128 });
export const optSeed = (v: unknown, fallback: string) =>
  v === undefined ? fallback : requireString(v, 'seed', { min: 1, max: 200 });

/** Every option name of `T`, listed once: the Record makes the compiler flag a name missing or extra. */
const keysOf = <T>(names: Record<keyof Required<T>, true>): readonly string[] => Object.keys(names);
export const CREATE_KEYS = keysOf<ColonyConfig & { name: string }>({
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
export const EVALUATE_KEYS = keysOf<EvaluateOptions>({
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
export const COMPARE_KEYS = EVALUATE_KEYS.filter((k) => k !== 'method' && k !== 'aggregator');
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
  simulationBudget: true,
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

/** An options object holding only the names in `allowed`. */
export function optionsOf(
  raw: unknown,
  allowed: readonly string[],
  name = 'options',
): Record<string, unknown> {
  const o = obj(raw, name);
  requireKnownKeys(o, name, allowed);
  return o;
}

/** The parts of an evaluation request that do not depend on the colony. */
export interface RunOptions {
  candidates: ReturnType<typeof validateCandidates>;
  weights: CriteriaWeights;
  threshold: number;
  trim: number;
  attackTarget: string | undefined;
  source: string | null;
  seed: string | undefined;
}

export function parseRunOptions(o: Record<string, unknown>): RunOptions {
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
  const seed = o.seed === undefined ? undefined : optSeed(o.seed, '');
  return { candidates, weights, threshold, trim, attackTarget, source, seed };
}

export function parseMethod(o: Record<string, unknown>): {
  method: ConsensusMethod;
  aggregator: ByzantineAggregator;
} {
  return {
    method: o.method === undefined ? 'byzantine' : requireOneOf(o.method, 'method', METHODS),
    aggregator:
      o.aggregator === undefined ? 'trimmed_mean' : requireOneOf(o.aggregator, 'aggregator', AGGREGATORS),
  };
}

export function parseOutcome(raw: unknown) {
  const o = optionsOf(raw, OUTCOME_KEYS, 'outcome');
  return {
    o,
    runId: id(o.runId, 'runId'),
    eta: optionalNumber(o, 'eta', 0.3, { min: 0, max: 10 }),
    share: optionalNumber(o, 'share', 0.02, { min: 0, max: 0.5 }),
  };
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

export const selfTuneOptions = (raw: unknown) => optionsOf(raw, SELF_TUNE_KEYS);

export function parseSelfTune(o: Record<string, unknown>) {
  return {
    seed: optSeed(o.seed, 'tune'),
    budget: optionalNumber(o, 'simulationBudget', 1000, { min: 10, max: 100_000, integer: true }),
    eta: optionalNumber(o, 'eta', 3, { min: 2, max: 8, integer: true }),
    problems: optionalNumber(o, 'problems', 27, { min: 1, max: 500, integer: true }),
    m: optionalNumber(o, 'candidatesPerProblem', 5, { min: 2, max: 50, integer: true }),
    space: parseSpace(o.space),
  };
}

export const evolveOptions = (raw: unknown) => optionsOf(raw, EVOLVE_KEYS);

export function parseEvolve(o: Record<string, unknown>) {
  return {
    seed: optSeed(o.seed, 'evolve'),
    generations: optionalNumber(o, 'generations', 20, { min: 1, max: 500, integer: true }),
    mutation: optionalNumber(o, 'mutation', 0.1, { min: 0, max: 1 }),
    problems: optionalNumber(o, 'problems', 20, { min: 1, max: 500, integer: true }),
    apply: Boolean(o.apply),
  };
}

export const robustnessOptions = (raw: unknown) => optionsOf(raw ?? {}, ROBUSTNESS_KEYS);

/** The robustness study's options; `size` is already checked against the plan by the caller. */
export function parseRobustness(o: Record<string, unknown>, size: number) {
  const d = ROBUSTNESS_DEFAULTS;
  const shares = o.shares === undefined ? d.shares : o.shares;
  if (!Array.isArray(shares) || shares.length === 0 || shares.length > 20)
    throw badInput('shares must be a list of 1 to 20 numbers.');
  return {
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
}

export function parseEnhancement(raw: unknown): {
  question: string;
  profileId: ModelFamily;
  runId: number;
  context: Record<string, unknown> | undefined;
  contextKeys: string[];
} {
  const o = optionsOf(raw, ENHANCEMENT_KEYS);
  const question = requireString(o.question, 'question', { min: 1, max: 4000 });
  const profileId = requireOneOf(o.profile, 'profile', FAMILIES);
  const runId = id(o.runId, 'runId');
  const context = o.context === undefined ? undefined : obj(o.context, 'context');
  let contextKeys: string[] = Object.keys(context ?? {});
  if (o.contextKeys !== undefined) {
    if (!Array.isArray(o.contextKeys) || o.contextKeys.some((k) => typeof k !== 'string' || k.length > 100)) {
      throw badInput('contextKeys must be a list of short texts.');
    }
    contextKeys = [...new Set([...contextKeys, ...(o.contextKeys as string[])])];
  }
  return { question, profileId, runId, context, contextKeys };
}
