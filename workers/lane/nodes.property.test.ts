import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { validateNode } from './nodeValidation';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import type { Distribution, DreamSeed } from '../contract/lane';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const dist: fc.Arbitrary<Distribution> = fc.oneof(
  fc.record({ kind: fc.constant('normal' as const), mean: finite(-100, 100), sd: finite(0.01, 50) }),
  fc.record({ kind: fc.constant('lognormal' as const), mu: finite(-2, 3), sigma: finite(0.05, 1.5) }),
  finite(-50, 50).chain((min) =>
    finite(0.1, 100).map((w) => ({ kind: 'uniform' as const, min, max: min + w })),
  ),
  fc
    .tuple(finite(-10, 10), finite(0, 1), finite(0.1, 20))
    .map(([min, f, w]) => ({ kind: 'triangular' as const, min, mode: min + f * w, max: min + w })),
  fc.record({ kind: fc.constant('beta' as const), alpha: finite(0.3, 20), beta: finite(0.3, 20) }),
  fc.record({ kind: fc.constant('bernoulli' as const), p: finite(0, 1) }),
  finite(-20, 80).chain((low) =>
    finite(0.5, 100).map((w) => ({ kind: 'interval' as const, low, high: low + w })),
  ),
  fc.record({ kind: fc.constant('constant' as const), value: finite(-10, 10) }),
);

const seedArb: fc.Arbitrary<DreamSeed> = fc
  .record({
    dists: fc.array(dist, { minLength: 1, maxLength: 6 }),
    ops: fc.array(fc.constantFrom('+', '-', '*'), { minLength: 6, maxLength: 6 }),
    scenario_count: fc.integer({ min: 1, max: 12 }),
    depth: fc.integer({ min: 1, max: 4 }),
    include_edge_cases: fc.boolean(),
    rng_seed: fc.string({ minLength: 1, maxLength: 12 }),
    maximise: fc.boolean(),
    keys: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 20 }),
    labels: fc.array(fc.string({ minLength: 1, maxLength: 80 }), { maxLength: 14 }),
    tenant: fc.constantFrom('local', 'acme', 't-1'),
  })
  .map((r) => {
    const factors = r.dists.map((d, i) => ({ name: `f${i}`, dist: d }));
    const outcome = factors.map((f, i) => (i === 0 ? f.name : `${r.ops[i]} ${f.name}`)).join(' ');
    return {
      goal: 'Random model',
      context: Object.fromEntries(r.keys.map((k) => [k, 'value'])),
      constraints: { consent: { scopes: ['simulation.read_context'] } },
      model: { factors, outcome, target: { direction: r.maximise ? 'maximise' : 'minimise' } },
      scenario_count: r.scenario_count,
      depth: r.depth,
      include_edge_cases: r.include_edge_cases,
      samples: 200,
      rng_seed: r.rng_seed,
      tenant: r.tenant,
      labels: r.labels.map((l) => l.replace(/Λ/g, 'L').slice(0, 64)),
      clock_ms: 1_700_000_000_000,
    } satisfies DreamSeed;
  });

describe('MATADA nodes for random seeds', () => {
  it('every node passes the schema, with capped labels and links and breadth-first ids', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, async (raw) => {
        const n = normalizeSeed(raw, 0);
        const r = await simulate(n, { clock: new ManualClock() });
        expect(r.branches.length).toBeLessThanOrEqual(256);
        expect(r.matada_nodes).toHaveLength(r.branches.length);
        r.matada_nodes.forEach((node, i) => {
          expect(validateNode(node)).toEqual({ valid: true, errors: [] });
          expect(node.id).toBe(`${r.trace_id}#N${i}`);
          expect(node.labels.length).toBeLessThanOrEqual(12);
          expect(node.links.length).toBeLessThanOrEqual(32);
        });
        r.branches.forEach((b, i) => {
          for (const v of Object.values(b.scores)) expect(v >= 0 && v <= 1).toBe(true);
          if (b.parent_id) expect(Number(b.parent_id.split('#N')[1])).toBeLessThan(i);
          else expect(b.depth).toBe(0);
        });
        expect(r.branches[0]!.label).toBe('baseline');
      }),
      { numRuns: 60 },
    );
  });

  it('a node that breaks the schema is caught by the validator', () => {
    const ok = {
      version: 1,
      id: 'LT-x#N0',
      type: 'HYPOTHESIS',
      state: { confidence: 0.5, salience: 0.5 },
      timestamps: { created_ts: 1 },
      provenance: { producer: 'p', capabilities: ['c'], tenant: 't', trace_id: 'LT-x', consent_scopes: [] },
    };
    expect(validateNode(ok).valid).toBe(true);
    expect(validateNode({ ...ok, labels: Array.from({ length: 13 }, () => 'x') }).valid).toBe(false);
    expect(validateNode({ ...ok, state: { confidence: 1.5, salience: 0 } }).errors.join()).toContain(
      '/state/confidence',
    );
    expect(validateNode({ ...ok, extra: 1 }).valid).toBe(false);
    expect(validateNode({ ...ok, timestamps: { created_ts: 1.5 } }).valid).toBe(false);
    expect(validateNode({ ...ok, labels: ['x'.repeat(65)] }).valid).toBe(false);
  });
});
