/**
 * Crafted seeds that once blanked the Lab page, as plain data with no imports: the engine's unit
 * test checks each is refused naming the field, the browser test that a share link carrying it is
 * explained on the page.
 */

type Seed = Record<string, unknown>;

/** A good one-factor pricing seed, the ground every crafted seed is made from. */
export const pricingSeed = (clockMs: number): Seed => ({
  goal: 'Price the pro plan',
  context: { region: '[redacted]' },
  constraints: { consent: { scopes: ['simulation.read_context'] } },
  model: {
    factors: [{ name: 'price', dist: { kind: 'uniform', min: 10, max: 30 } }],
    outcome: 'price * 2',
  },
  samples: 500,
  clock_ms: clockMs,
});

/** `seed` with parts of its model replaced. */
export const withModel = (seed: Seed, model: Seed): Seed => ({
  ...seed,
  model: { ...(seed.model as object), ...model },
});

const withDist = (seed: Seed, dist: unknown) => withModel(seed, { factors: [{ name: 'price', dist }] });

const deep = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

/** Name, the crafted seed made from a good one, and the field its refusal must name. */
export const CRAFTED_SEEDS: ReadonlyArray<readonly [string, (good: Seed) => Seed, string]> = [
  ['labels not a list', (g) => ({ ...g, labels: 'ΛUSER' }), 'labels'],
  [
    'dist.kind __proto__',
    (g) => withDist(g, { kind: '__proto__', min: 1, max: 2 }),
    'model.factors[0].dist.kind',
  ],
  ['dist.kind constructor', (g) => withDist(g, { kind: 'constructor' }), 'model.factors[0].dist.kind'],
  ['dist.kind toString', (g) => withDist(g, { kind: 'toString' }), 'model.factors[0].dist.kind'],
  ['dist.kind unknown', (g) => withDist(g, { kind: 'zipf', s: 1 }), 'model.factors[0].dist.kind'],
  ['factors not a list', (g) => withModel(g, { factors: { price: 1 } }), 'model.factors'],
  [
    'scopes a string',
    (g) => ({ ...g, constraints: { consent: { scopes: 'simulation.read_context' } } }),
    'constraints.consent.scopes',
  ],
  ['stakeholders an object', (g) => ({ ...g, stakeholders: { name: 'team', weight: 1 } }), 'stakeholders'],
  ['5,000-deep labels', (g) => ({ ...g, labels: deep(5000) }), 'labels[0]'],
  ['5,000-deep model', (g) => ({ ...g, model: { factors: deep(5000), outcome: 'x' } }), 'model.factors[0]'],
  ['outcome constructor(1)', (g) => withModel(g, { outcome: 'constructor(1)' }), 'model.outcome'],
  ['outcome toString(price)', (g) => withModel(g, { outcome: 'toString(price)' }), 'model.outcome'],
  ['outcome __proto__(price)', (g) => withModel(g, { outcome: '__proto__(price)' }), 'model.outcome'],
  [
    'outcome 999 nested parentheses',
    (g) => withModel(g, { outcome: '('.repeat(999) + 'price' + ')'.repeat(999) }),
    'model.outcome',
  ],
  [
    'outcome 1,995 minus signs',
    (g) => withModel(g, { outcome: '-'.repeat(1995) + 'price' }),
    'model.outcome',
  ],
  [
    'criteria __proto__',
    (g) => ({ ...g, stakeholders: [{ name: 's', criteria: JSON.parse('{"__proto__": 1}') as unknown }] }),
    'stakeholders[0].criteria',
  ],
];
