import { hashValue } from '../core/hash';
import { badInput } from '../core/errors';
import { defaultModel } from './defaultModel';
import { FormulaError, parseFormula, type FormulaNode } from './formula';
import type {
  Distribution,
  DistributionKind,
  DreamSeed,
  Factor,
  FormulaIssue,
  LaneBudgets,
  Stakeholder,
  WorldModel,
} from '../contract/lane';

/**
 * Checking the shape of a seed and filling its defaults. Shape errors are BAD_INPUT and change
 * nothing; policy (consent, budgets' bounds, unsafe goals…) is the gate's job, not this file's.
 */

export const DEFAULTS = {
  scenario_count: 5,
  depth: 1,
  samples: 10_000,
  include_edge_cases: false,
  rng_seed: '1',
  tenant: 'local',
  budgets: { tokens: 4_000, seconds: 30, max_rollouts: 1_000_000, on_exceed: 'partial' as const },
};
export const LIMITS = {
  scenarios: 32,
  depth: 6,
  samples: 1_000_000,
  minSamples: 100,
  factors: 32,
  stakeholders: 16,
};
export const REDACTED = '[redacted]';
const RESERVED = new Set(['min', 'max', 'abs', 'sqrt', 'log', 'exp', 'if', 'outcome']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (field: string, message: string) => badInput(message, { field });

function str(v: unknown, field: string, max: number, min = 0): string {
  if (typeof v !== 'string') throw fail(field, `${field} must be text.`);
  if (v.length < min) throw fail(field, `${field} must not be empty.`);
  if (v.length > max) throw fail(field, `${field} must have at most ${max} characters.`);
  return v;
}

function num(
  v: unknown,
  field: string,
  opts: { min?: number; max?: number; int?: boolean; gt?: number } = {},
): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(field, `${field} must be a number.`);
  if (opts.int && !Number.isInteger(v)) throw fail(field, `${field} must be a whole number.`);
  if (opts.gt !== undefined && !(v > opts.gt)) throw fail(field, `${field} must be greater than ${opts.gt}.`);
  if (opts.min !== undefined && v < opts.min) throw fail(field, `${field} must be at least ${opts.min}.`);
  if (opts.max !== undefined && v > opts.max) throw fail(field, `${field} must be at most ${opts.max}.`);
  // -0 becomes 0, as in the stored canonical form, so a job runs the same before and after a reload.
  return v === 0 ? 0 : v;
}

function optNum(v: unknown, field: string, def: number, opts: Parameters<typeof num>[2] = {}): number {
  return v === undefined ? def : num(v, field, opts);
}

function strList(v: unknown, field: string, maxItems: number, maxLen: number): string[] {
  if (!Array.isArray(v)) throw fail(field, `${field} must be a list of text.`);
  if (v.length > maxItems) throw fail(field, `${field} may have at most ${maxItems} entries.`);
  return v.map((x, i) => str(x, `${field}[${i}]`, maxLen, 1));
}

const KINDS: ReadonlySet<unknown> = new Set<DistributionKind>([
  'normal',
  'lognormal',
  'uniform',
  'triangular',
  'beta',
  'bernoulli',
  'interval',
  'constant',
]);

function distribution(v: unknown, field: string): Distribution {
  if (!isObj(v)) throw fail(field, `${field} must describe a distribution.`);
  // Checked against a Set first: a kind such as "__proto__" or "constructor" is unknown, never a lookup.
  if (!KINDS.has(v.kind))
    throw fail(`${field}.kind`, `${field}.kind must be one of ${[...KINDS].join(', ')}.`);
  const f = (k: string, o?: Parameters<typeof num>[2]) => num(v[k], `${field}.${k}`, o);
  switch (v.kind) {
    case 'normal':
      return { kind: 'normal', mean: f('mean'), sd: f('sd', { gt: 0 }) };
    case 'lognormal':
      return { kind: 'lognormal', mu: f('mu', { min: -50, max: 50 }), sigma: f('sigma', { gt: 0, max: 10 }) };
    case 'uniform': {
      const min = f('min');
      const max = f('max');
      if (!(max > min)) throw fail(field, `${field}: max must be greater than min.`);
      return { kind: 'uniform', min, max };
    }
    case 'triangular': {
      const min = f('min');
      const mode = f('mode');
      const max = f('max');
      if (!(min <= mode && mode <= max && max > min))
        throw fail(field, `${field}: needs min ≤ mode ≤ max and min < max.`);
      return { kind: 'triangular', min, mode, max };
    }
    case 'beta':
      return { kind: 'beta', alpha: f('alpha', { gt: 0, max: 1000 }), beta: f('beta', { gt: 0, max: 1000 }) };
    case 'bernoulli':
      return { kind: 'bernoulli', p: f('p', { min: 0, max: 1 }) };
    case 'interval': {
      const low = f('low');
      const high = f('high');
      if (!(high > low)) throw fail(field, `${field}: the 90% interval needs low < high.`);
      return { kind: 'interval', low, high };
    }
    case 'constant':
      return { kind: 'constant', value: f('value') };
    default:
      throw fail(`${field}.kind`, `${field}.kind must be one of ${[...KINDS].join(', ')}.`);
  }
}

function model(v: unknown): WorldModel {
  if (!isObj(v)) throw fail('model', 'model must be an object with factors and an outcome formula.');
  if (!Array.isArray(v.factors) || v.factors.length === 0)
    throw fail('model.factors', 'The model needs at least one factor.');
  if (v.factors.length > LIMITS.factors)
    throw fail('model.factors', `The model may have at most ${LIMITS.factors} factors.`);
  const seen = new Set<string>();
  const factors: Factor[] = v.factors.map((raw, i) => {
    const field = `model.factors[${i}]`;
    if (!isObj(raw)) throw fail(field, `${field} must be an object.`);
    const name = str(raw.name, `${field}.name`, 32, 1);
    if (!IDENT.test(name) || RESERVED.has(name)) {
      throw fail(
        `${field}.name`,
        `Factor name "${name}" must start with a letter and use only letters, digits and _ (and not be a function name).`,
      );
    }
    if (seen.has(name)) throw fail(`${field}.name`, `Factor name "${name}" is used twice.`);
    seen.add(name);
    const f: Factor = { name, dist: distribution(raw.dist, `${field}.dist`) };
    if (raw.description !== undefined) f.description = str(raw.description, `${field}.description`, 200);
    return f;
  });
  const outcome = str(v.outcome, 'model.outcome', 2000, 1);
  const out: WorldModel = { factors, outcome };
  if (v.target !== undefined) {
    if (!isObj(v.target)) throw fail('model.target', 'model.target must be an object.');
    const direction = v.target.direction ?? 'maximise';
    if (direction !== 'maximise' && direction !== 'minimise')
      throw fail('model.target.direction', 'The target direction is maximise or minimise.');
    out.target = { direction };
    if (v.target.threshold !== undefined)
      out.target.threshold = num(v.target.threshold, 'model.target.threshold');
  }
  return out;
}

function stakeholders(v: unknown): Stakeholder[] {
  if (!Array.isArray(v)) throw fail('stakeholders', 'stakeholders must be a list.');
  if (v.length > LIMITS.stakeholders)
    throw fail('stakeholders', `At most ${LIMITS.stakeholders} stakeholders.`);
  return v.map((raw, i) => {
    const field = `stakeholders[${i}]`;
    if (!isObj(raw)) throw fail(field, `${field} must be an object.`);
    const s: Stakeholder = {
      name: str(raw.name, `${field}.name`, 64, 1),
      weight: optNum(raw.weight, `${field}.weight`, 1, { gt: 0, max: 1000 }),
    };
    if (raw.formula !== undefined) s.formula = str(raw.formula, `${field}.formula`, 2000, 1);
    if (raw.criteria !== undefined) {
      if (!isObj(raw.criteria))
        throw fail(`${field}.criteria`, `${field}.criteria maps factor names to weights.`);
      // fromEntries defines own properties: a key "__proto__" stays a (refused) factor name.
      const c: Record<string, number> = Object.fromEntries(
        Object.entries(raw.criteria).map(([k, w]) => [k, num(w, `${field}.criteria.${k}`)]),
      );
      if (Object.keys(c).length === 0) throw fail(`${field}.criteria`, `${field}.criteria is empty.`);
      s.criteria = c;
    }
    if (raw.floor !== undefined) s.floor = num(raw.floor, `${field}.floor`);
    return s;
  });
}

export interface NormalizedSeed {
  seed: DreamSeed;
  traceId: string;
  contextKeys: string[];
  modelIsDefault: boolean;
}

/**
 * Checks `raw` and returns the seed with every default filled in and every context value replaced by
 * a marker: from here on only the context's keys exist. The trace id is a hash of this canonical
 * seed without its clock, so the same seed always gets the same `LT-…` ids.
 */
export function normalizeSeed(raw: unknown, now: number): NormalizedSeed {
  if (!isObj(raw)) throw badInput('The seed must be an object with a goal, context and constraints.');
  const goal = str(raw.goal, 'goal', 10_000, 1);
  if (goal.trim() === '') throw fail('goal', 'The goal must not be empty.');
  if (!isObj(raw.context)) throw fail('context', 'context must be an object of keys and values.');
  const contextKeys = Object.keys(raw.context).sort();
  if (contextKeys.length > 64) throw fail('context', 'context may have at most 64 keys.');
  contextKeys.forEach((k) => {
    if (k.length === 0 || k.length > 64)
      throw fail('context', 'Each context key must have 1 to 64 characters.');
  });
  const c = raw.constraints;
  if (!isObj(c)) throw fail('constraints', 'constraints must be an object with consent scopes.');
  if (!isObj(c.consent))
    throw fail('constraints.consent', 'constraints.consent.scopes is required (a list of scopes).');
  const scopes = [...new Set(strList(c.consent.scopes, 'constraints.consent.scopes', 32, 64))].sort();
  let flags: Record<string, boolean> = {};
  if (c.flags !== undefined) {
    if (!isObj(c.flags)) throw fail('constraints.flags', 'constraints.flags must map names to true/false.');
    const entries = Object.entries(c.flags);
    if (entries.length > 64) throw fail('constraints.flags', 'constraints.flags may have at most 64 flags.');
    for (const [k, v] of entries) {
      if (typeof v !== 'boolean') throw fail(`constraints.flags.${k}`, `Flag ${k} must be true or false.`);
      if (k.length > 64) throw fail('constraints.flags', 'Flag names have at most 64 characters.');
    }
    flags = Object.fromEntries(entries) as Record<string, boolean>;
  }
  const b = c.budgets === undefined ? {} : c.budgets;
  if (!isObj(b)) throw fail('constraints.budgets', 'constraints.budgets must be an object.');
  const onExceed: unknown = b.on_exceed ?? DEFAULTS.budgets.on_exceed;
  if (onExceed !== 'partial' && onExceed !== 'fail')
    throw fail('constraints.budgets.on_exceed', 'on_exceed is partial or fail.');
  const budgets: LaneBudgets = {
    tokens: optNum(b.tokens, 'constraints.budgets.tokens', DEFAULTS.budgets.tokens, { int: true }),
    seconds: optNum(b.seconds, 'constraints.budgets.seconds', DEFAULTS.budgets.seconds),
    max_rollouts: optNum(b.max_rollouts, 'constraints.budgets.max_rollouts', DEFAULTS.budgets.max_rollouts, {
      int: true,
    }),
    on_exceed: onExceed,
  };
  if (c.step_up_confirmed !== undefined && typeof c.step_up_confirmed !== 'boolean') {
    throw fail('constraints.step_up_confirmed', 'step_up_confirmed must be true or false.');
  }

  const modelIsDefault = raw.model === undefined;
  const seed: DreamSeed = {
    goal,
    context: Object.fromEntries(contextKeys.map((k) => [k, REDACTED])),
    constraints: { budgets, consent: { scopes }, flags, step_up_confirmed: c.step_up_confirmed === true },
    ...(modelIsDefault ? {} : { model: model(raw.model) }),
    stakeholders: raw.stakeholders === undefined ? [] : stakeholders(raw.stakeholders),
    scenario_count: optNum(raw.scenario_count, 'scenario_count', DEFAULTS.scenario_count, {
      int: true,
      min: 1,
      max: LIMITS.scenarios,
    }),
    include_edge_cases:
      raw.include_edge_cases === undefined ? DEFAULTS.include_edge_cases : raw.include_edge_cases === true,
    depth: optNum(raw.depth, 'depth', DEFAULTS.depth, { int: true, min: 1, max: LIMITS.depth }),
    samples: optNum(raw.samples, 'samples', DEFAULTS.samples, {
      int: true,
      min: LIMITS.minSamples,
      max: LIMITS.samples,
    }),
    rng_seed: raw.rng_seed === undefined ? DEFAULTS.rng_seed : str(raw.rng_seed, 'rng_seed', 64, 1),
    tenant: raw.tenant === undefined ? DEFAULTS.tenant : str(raw.tenant, 'tenant', 64, 1),
    labels: raw.labels === undefined ? [] : strList(raw.labels, 'labels', 12, 64),
    clock_ms:
      raw.clock_ms === undefined ? now : num(raw.clock_ms, 'clock_ms', { int: true, min: 0, max: 8.64e15 }),
  };
  if (raw.include_edge_cases !== undefined && typeof raw.include_edge_cases !== 'boolean') {
    throw fail('include_edge_cases', 'include_edge_cases must be true or false.');
  }
  if (!/^[A-Za-z0-9._-]+$/.test(seed.tenant!))
    throw fail('tenant', 'A tenant id uses letters, digits, dot, dash and underscore.');
  // Formulas are part of the shape: a seed whose formulas do not parse is refused here.
  const issues = checkFormulas(seed);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw badInput(`${first.field}: ${first.message}`, {
      field: first.field,
      position: first.position,
      issues,
    });
  }
  const { clock_ms: _clock, ...forId } = seed;
  const traceId = `LT-${hashValue(forId).slice(0, 16)}`;
  return { seed, traceId, contextKeys, modelIsDefault };
}

/** The seed's model, or the default one when it brings none (kept out of the seed so it stays default). */
export function seedModel(seed: DreamSeed): WorldModel {
  return seed.model ?? defaultModel();
}

export interface CompiledStakeholder {
  name: string;
  weight: number;
  view: FormulaNode;
  floor?: number;
}

export interface CompiledModel {
  factors: Factor[];
  outcome: FormulaNode;
  maximise: boolean;
  threshold: number | undefined;
  stakeholders: CompiledStakeholder[];
}

function stakeholderFormula(s: Stakeholder): string {
  if (s.formula) return s.formula;
  if (s.criteria) {
    return Object.entries(s.criteria)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, w]) => `(${w}) * ${k}`)
      .join(' + ');
  }
  return 'outcome';
}

/** Parses the model's formulas. Assumes a seed from normalizeSeed. */
export function compileModel(seed: DreamSeed): CompiledModel {
  const m = seedModel(seed);
  const names = new Set(m.factors.map((f) => f.name));
  const withOutcome = new Set([...names, 'outcome']);
  return {
    factors: m.factors,
    outcome: parseFormula(m.outcome, names),
    maximise: (m.target?.direction ?? 'maximise') === 'maximise',
    threshold: m.target?.threshold,
    stakeholders: (seed.stakeholders ?? []).map((s) => ({
      name: s.name,
      weight: s.weight,
      view: parseFormula(stakeholderFormula(s), withOutcome),
      ...(s.floor !== undefined ? { floor: s.floor } : {}),
    })),
  };
}

/** Every formula problem of a seed, with positions (for inline errors in the editor). */
export function checkFormulas(seed: DreamSeed): FormulaIssue[] {
  const issues: FormulaIssue[] = [];
  const m = seedModel(seed);
  const names = new Set(m.factors.map((f) => f.name));
  const tryParse = (field: string, src: string, allowed: Set<string>) => {
    try {
      parseFormula(src, allowed);
    } catch (err) {
      if (err instanceof FormulaError) issues.push({ field, message: err.message, position: err.position });
      else throw err;
    }
  };
  tryParse('model.outcome', m.outcome, names);
  (seed.stakeholders ?? []).forEach((s, i) => {
    if (s.criteria) {
      for (const k of Object.keys(s.criteria)) {
        if (!names.has(k))
          issues.push({ field: `stakeholders[${i}].criteria`, message: `Unknown factor "${k}"` });
      }
    } else if (s.formula) tryParse(`stakeholders[${i}].formula`, s.formula, new Set([...names, 'outcome']));
  });
  return issues;
}
