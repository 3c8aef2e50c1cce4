import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import type { DreamSeed } from '../contract/lane';
import { validateNode } from './nodeValidation';
import { compileModel, normalizeSeed } from './seed';
import { sensitivity } from './sensitivity';
import { simulate } from './simulate';
import { checkPolicy } from './policy';

const index = JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as Array<{
  file: string;
  title: string;
  advanced?: boolean;
}>;

const load = (file: string) =>
  JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as {
    title: string;
    description: string;
    seed: DreamSeed;
  };

describe('the worked examples in public/examples', () => {
  it.each(index)('$file passes the gate and runs to a complete result', async ({ file, title }) => {
    const ex = load(file);
    expect(ex.title).toBe(title);
    const n = normalizeSeed(ex.seed, 0);
    expect(checkPolicy(n.seed)).toBeNull();
    const r = await simulate(n, { clock: new ManualClock() });
    expect(r.partial).toBe(false);
    expect(r.branches.length).toBeGreaterThanOrEqual(5);
    expect(new Set(r.branches.map((b) => b.scores.utility)).size).toBeGreaterThan(1);
    for (const node of r.matada_nodes) expect(validateNode(node)).toEqual({ valid: true, errors: [] });
  });

  const plain = index.filter((e) => !e.advanced);
  it('at least three examples are written for people, each with its own model', () => {
    expect(plain.length).toBeGreaterThanOrEqual(3);
    const outcomes = plain.map((e) => load(e.file).seed.model?.outcome);
    expect(outcomes.every((o) => typeof o === 'string')).toBe(true);
    expect(new Set(outcomes).size).toBe(plain.length);
  });

  it.each(plain)(
    '$file explains every factor in words, has a stakeholder floor and a tree that moves',
    async ({ file }) => {
      const ex = load(file);
      expect(ex.description.length).toBeGreaterThan(40);
      const model = ex.seed.model!;
      for (const f of model.factors) expect(f.description, f.name).toMatch(/\w{3}/);
      expect(ex.seed.stakeholders?.some((s) => s.floor !== undefined)).toBe(true);
      const n = normalizeSeed(ex.seed, 0);
      const r = await simulate(n, { clock: new ManualClock() });
      // A small tree that fits a laptop screen: at most 16 branches.
      expect(r.branches.length).toBeLessThanOrEqual(16);
      // Some branches fail more often than others: the example has something to teach.
      const risks = r.branches.map((b) => b.scores.risk);
      expect(Math.max(...risks) - Math.min(...risks)).toBeGreaterThan(0.05);
      // The tornado names a leading factor that moves the outcome.
      const t = sensitivity(compileModel(n.seed), n.seed.rng_seed!, r.trace_id);
      expect(Math.abs(t.factors[0]!.swing)).toBeGreaterThan(0);
      expect(t.factors[0]!.share).toBeGreaterThan(0.2);
    },
  );
});
