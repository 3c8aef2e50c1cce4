import type { Distribution, DistributionKind, DreamSeed } from '../../../workers/contract';

/**
 * The seed editor's state: every field as the text a person types, so half-typed numbers do not
 * fight the inputs. `toSeed` turns it into a DreamSeed; the engine checks everything again.
 */
export interface FactorRow {
  name: string;
  kind: DistributionKind;
  params: Record<string, string>;
  /** Words for people, kept from an example or a share link and sent back with the seed. */
  description?: string;
}

export interface StakeholderRow {
  name: string;
  weight: string;
  formula: string;
  floor: string;
}

export interface SeedForm {
  goal: string;
  context: Array<{ key: string; value: string }>;
  useModel: boolean;
  factors: FactorRow[];
  outcome: string;
  direction: 'maximise' | 'minimise';
  threshold: string;
  stakeholders: StakeholderRow[];
  tokens: string;
  seconds: string;
  maxRollouts: string;
  onExceed: 'partial' | 'fail';
  scopes: string;
  duress: boolean;
  shadow: boolean;
  stepUp: boolean;
  scenarioCount: string;
  depth: string;
  edgeCases: boolean;
  samples: string;
  rngSeed: string;
  clockMs: string;
  tenant: string;
  labels: string;
}

export const PARAMS: Record<DistributionKind, Array<{ key: string; label: string }>> = {
  normal: [
    { key: 'mean', label: 'mean' },
    { key: 'sd', label: 'sd' },
  ],
  lognormal: [
    { key: 'mu', label: 'μ (log mean)' },
    { key: 'sigma', label: 'σ (log sd)' },
  ],
  uniform: [
    { key: 'min', label: 'min' },
    { key: 'max', label: 'max' },
  ],
  triangular: [
    { key: 'min', label: 'min' },
    { key: 'mode', label: 'mode' },
    { key: 'max', label: 'max' },
  ],
  beta: [
    { key: 'alpha', label: 'α' },
    { key: 'beta', label: 'β' },
  ],
  bernoulli: [{ key: 'p', label: 'p' }],
  interval: [
    { key: 'low', label: 'a (5%)' },
    { key: 'high', label: 'b (95%)' },
  ],
  constant: [{ key: 'value', label: 'value' }],
};

/** The parameters of a kind; none for a kind that is not one (never a lookup through Object.prototype). */
export function paramsOf(kind: string): ReadonlyArray<{ key: string; label: string }> {
  return Object.hasOwn(PARAMS, kind) ? PARAMS[kind as DistributionKind] : [];
}

export const KIND_LABELS: Record<DistributionKind, string> = {
  normal: 'normal',
  lognormal: 'lognormal',
  uniform: 'uniform',
  triangular: 'triangular',
  beta: 'beta',
  bernoulli: 'bernoulli (yes/no)',
  interval: '"a to b" (90% interval)',
  constant: 'constant',
};

export function emptyForm(): SeedForm {
  return {
    goal: '',
    context: [],
    useModel: true,
    factors: [{ name: 'x', kind: 'normal', params: { mean: '10', sd: '2' } }],
    outcome: 'x',
    direction: 'maximise',
    threshold: '',
    stakeholders: [],
    tokens: '4000',
    seconds: '30',
    maxRollouts: '1000000',
    onExceed: 'partial',
    scopes: 'simulation.read_context',
    duress: false,
    shadow: false,
    stepUp: false,
    scenarioCount: '5',
    depth: '1',
    edgeCases: false,
    samples: '10000',
    rngSeed: '1',
    clockMs: '',
    tenant: 'local',
    labels: '',
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function distOf(row: FactorRow): Distribution {
  const p: Record<string, number> = {};
  for (const { key } of PARAMS[row.kind]) p[key] = Number(row.params[key] ?? '');
  return { kind: row.kind, ...p } as Distribution;
}

export function toSeed(f: SeedForm): DreamSeed {
  const budgets: NonNullable<DreamSeed['constraints']['budgets']> = { on_exceed: f.onExceed };
  const tokens = num(f.tokens);
  const seconds = num(f.seconds);
  const maxRollouts = num(f.maxRollouts);
  if (tokens !== undefined) budgets.tokens = tokens;
  if (seconds !== undefined) budgets.seconds = seconds;
  if (maxRollouts !== undefined) budgets.max_rollouts = maxRollouts;
  const seed: DreamSeed = {
    goal: f.goal,
    context: Object.fromEntries(
      f.context.filter((c) => c.key.trim() !== '').map((c) => [c.key.trim(), c.value]),
    ),
    constraints: {
      budgets,
      consent: {
        scopes: f.scopes
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      },
      flags: { duress_active: f.duress, shadow: f.shadow },
      step_up_confirmed: f.stepUp,
    },
    include_edge_cases: f.edgeCases,
    tenant: f.tenant.trim() || 'local',
  };
  const sc = num(f.scenarioCount);
  const depth = num(f.depth);
  const samples = num(f.samples);
  const clock = num(f.clockMs);
  if (sc !== undefined) seed.scenario_count = sc;
  if (depth !== undefined) seed.depth = depth;
  if (samples !== undefined) seed.samples = samples;
  if (f.rngSeed.trim()) seed.rng_seed = f.rngSeed.trim();
  if (clock !== undefined) seed.clock_ms = clock;
  const labels = f.labels
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (labels.length) seed.labels = labels;
  if (f.useModel) {
    seed.model = {
      factors: f.factors.map((r) => ({
        name: r.name.trim(),
        dist: distOf(r),
        ...(r.description ? { description: r.description } : {}),
      })),
      outcome: f.outcome,
    };
    const threshold = num(f.threshold);
    seed.model.target =
      threshold === undefined ? { direction: f.direction } : { direction: f.direction, threshold };
  }
  if (f.stakeholders.length) {
    seed.stakeholders = f.stakeholders.map((s) => {
      const floor = num(s.floor);
      return {
        name: s.name,
        weight: num(s.weight) ?? 1,
        ...(s.formula.trim() ? { formula: s.formula } : {}),
        ...(floor !== undefined ? { floor } : {}),
      };
    });
  }
  return seed;
}

export function fromSeed(seed: DreamSeed): SeedForm {
  const f = emptyForm();
  const b = seed.constraints?.budgets ?? {};
  const m = seed.model;
  return {
    ...f,
    goal: seed.goal ?? '',
    context: Object.entries(seed.context ?? {}).map(([key, value]) => ({
      key,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
    useModel: m !== undefined,
    factors: m
      ? m.factors.map((fa) => ({
          name: fa.name,
          kind: fa.dist.kind,
          ...(fa.description ? { description: fa.description } : {}),
          params: Object.fromEntries(
            paramsOf(fa.dist.kind).map(({ key }) => [
              key,
              text((fa.dist as unknown as Record<string, unknown>)[key]),
            ]),
          ),
        }))
      : f.factors,
    outcome: m?.outcome ?? f.outcome,
    direction: m?.target?.direction ?? 'maximise',
    threshold: text(m?.target?.threshold),
    stakeholders: (seed.stakeholders ?? []).map((s) => ({
      name: s.name,
      weight: text(s.weight),
      formula:
        s.formula ??
        (s.criteria
          ? Object.entries(s.criteria)
              .map(([k, w]) => `(${w}) * ${k}`)
              .join(' + ')
          : ''),
      floor: text(s.floor),
    })),
    tokens: text(b.tokens ?? f.tokens),
    seconds: text(b.seconds ?? f.seconds),
    maxRollouts: text(b.max_rollouts ?? f.maxRollouts),
    onExceed: b.on_exceed ?? 'partial',
    scopes: (seed.constraints?.consent?.scopes ?? []).join(', '),
    duress: seed.constraints?.flags?.duress_active === true,
    shadow: seed.constraints?.flags?.shadow === true,
    stepUp: seed.constraints?.step_up_confirmed === true,
    scenarioCount: text(seed.scenario_count ?? 5),
    depth: text(seed.depth ?? 1),
    edgeCases: seed.include_edge_cases === true,
    samples: text(seed.samples ?? 10000),
    rngSeed: seed.rng_seed ?? '1',
    clockMs: text(seed.clock_ms),
    tenant: seed.tenant ?? 'local',
    labels: (seed.labels ?? []).join(', '),
  };
}

export function defaultParams(kind: DistributionKind): Record<string, string> {
  const d: Record<DistributionKind, Record<string, string>> = {
    normal: { mean: '0', sd: '1' },
    lognormal: { mu: '0', sigma: '0.5' },
    uniform: { min: '0', max: '1' },
    triangular: { min: '0', mode: '0.5', max: '1' },
    beta: { alpha: '2', beta: '2' },
    bernoulli: { p: '0.5' },
    interval: { low: '1', high: '10' },
    constant: { value: '1' },
  };
  return d[kind];
}
