import { describe, expect, it } from 'vitest';
import { MAX_NODES, planBranches } from './branches';
import { runPilot } from './rollout';
import { compileModel, normalizeSeed } from './seed';
import type { DreamSeed } from '../contract/lane';

function seedWith(extra: Partial<DreamSeed>): DreamSeed {
  return {
    goal: 'Price the pro plan',
    context: {},
    constraints: { consent: { scopes: ['simulation.read_context'] } },
    model: {
      factors: [
        { name: 'price', dist: { kind: 'uniform', min: 10, max: 30 } },
        { name: 'churn', dist: { kind: 'beta', alpha: 2, beta: 18 } },
        { name: 'noise', dist: { kind: 'normal', mean: 0, sd: 0.001 } },
        { name: 'fixed', dist: { kind: 'constant', value: 100 } },
      ],
      outcome: 'price * 50 * (1 - 3 * churn) - fixed + noise',
    },
    ...extra,
  };
}

function plan(extra: Partial<DreamSeed>) {
  const n = normalizeSeed(seedWith(extra), 0);
  const model = compileModel(n.seed);
  const pilot = runPilot(model, n.seed.rng_seed!);
  return { pilot, ...planBranches(n.seed, model, pilot.influence, n.traceId), traceId: n.traceId };
}

describe('branch planning', () => {
  it('decides "favourable" from the model, not from names', () => {
    const { pilot } = plan({});
    const byName = Object.fromEntries(pilot.influence.map((i) => [i.factor, i]));
    expect(byName.price!.favourable).toBe(1);
    expect(byName.churn!.favourable).toBe(-1);
    expect(byName.fixed!.favourable).toBe(0);
    expect(pilot.influence[0]!.factor).toBe('price');
    // Minimising flips which side is favourable.
    const min = plan({ model: { ...seedWith({}).model!, target: { direction: 'minimise' } } });
    expect(min.pilot.influence.find((i) => i.factor === 'price')!.favourable).toBe(-1);
  });

  it('orders scenarios baseline, optimistic, adversarial, edges, then focus, and ids breadth first', () => {
    const { plans, traceId } = plan({ scenario_count: 6, include_edge_cases: true });
    expect(plans.map((p) => p.label)).toEqual([
      'baseline',
      'optimistic',
      'adversarial',
      'edge: price low',
      'edge: churn high',
      'focus: price favourable',
    ]);
    expect(plans.map((p) => p.id)).toEqual(plans.map((_, i) => `${traceId}#N${i}`));
    const opt = plans[1]!.settings;
    expect(opt.get('price')).toMatchObject({ lo: 0.5, hi: 1 });
    expect(opt.get('churn')).toMatchObject({ lo: 0, hi: 0.5 });
    expect(plans[3]!.settings.get('price')).toMatchObject({ mode: 'pin', lo: 0.01 });
  });

  it('splits each branch on its next most influential factor with depth', () => {
    const { plans } = plan({ scenario_count: 3, depth: 3 });
    expect(plans).toHaveLength(3 + 6 + 12);
    expect(plans[3]!.label).toBe('baseline › price low');
    expect(plans[3]!.parent).toBe(0);
    expect(plans[9]!.label).toBe('baseline › price low › churn low');
    expect(plans[9]!.depth).toBe(2);
    // A windowed factor splits within its window.
    expect(plans[5]!.settings.get('price')).toMatchObject({ lo: 0.5, hi: 0.75 });
    for (const p of plans) if (p.parent !== null) expect(p.parent).toBeLessThan(p.index);
  });

  it('never exceeds 256 nodes', () => {
    const factors = Array.from({ length: 8 }, (_, i) => ({
      name: `f${i}`,
      dist: { kind: 'uniform' as const, min: 0, max: i + 1 },
    }));
    const model = { factors, outcome: factors.map((f) => f.name).join(' + ') };
    const { plans, warnings } = plan({ scenario_count: 32, depth: 6, include_edge_cases: true, model });
    expect(plans[0]!.label).toBe('baseline');
    expect(plans.length).toBe(MAX_NODES);
    expect(warnings.join(' ')).toContain('256');
  });

  it('says when the model supports fewer scenarios than asked', () => {
    const { plans, warnings } = plan({ scenario_count: 30 });
    expect(plans.length).toBeLessThan(30);
    expect(warnings[0]).toContain('Asked for 30 scenarios');
  });
});
