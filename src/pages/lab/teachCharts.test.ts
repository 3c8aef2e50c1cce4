import { readFileSync } from 'node:fs';
import { testBranch } from './testBranch';
import { describe, expect, it } from 'vitest';
import type { Branch, DreamResult } from '../../../workers/contract';
import { niceTicks, tickLabel } from './chartScale';
import { densityPicture, rowDistribution } from './density';
import { chartData, markersOf } from './histogramData';

describe('niceTicks', () => {
  it('gives round steps inside the range', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(3.2, 7.9, 4)).toEqual([4, 5, 6, 7]);
    expect(niceTicks(-1234, 5678, 5)).toEqual([-1000, 0, 1000, 2000, 3000, 4000, 5000]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(tickLabel(12500)).toBe('12.5k');
  });
});

describe('densityPicture', () => {
  it('draws a normal around its mean, peaked in the middle', () => {
    const p = densityPicture({ kind: 'normal', mean: 10, sd: 2 });
    expect(p?.kind).toBe('curve');
    if (p?.kind !== 'curve') return;
    expect(p.lo).toBeCloseTo(3);
    expect(p.hi).toBeCloseTo(17);
    const top = p.ys.indexOf(Math.max(...p.ys));
    expect(p.xs[top]).toBeCloseTo(10, 0);
  });

  it('reads an interval as lognormal when both ends are positive, so the picture leans right', () => {
    const p = densityPicture({ kind: 'interval', low: 800, high: 1500 });
    if (p?.kind !== 'curve') throw new Error('expected a curve');
    const top = p.xs[p.ys.indexOf(Math.max(...p.ys))]!;
    expect(top).toBeLessThan(Math.sqrt(800 * 1500));
    expect(p.lo).toBeLessThan(800);
    expect(p.hi).toBeGreaterThan(1500);
  });

  it('keeps a skewed beta in view and follows edits of a row', () => {
    const p = densityPicture({ kind: 'beta', alpha: 2, beta: 60 });
    if (p?.kind !== 'curve') throw new Error('expected a curve');
    expect(p.hi).toBeLessThan(0.2);
    const a = densityPicture(rowDistribution('uniform', { min: '1', max: '2' }, ['min', 'max']));
    const b = densityPicture(rowDistribution('uniform', { min: '1', max: '5' }, ['min', 'max']));
    expect(a).not.toEqual(b);
  });

  it('shows yes/no as two bars, a constant as a point, and nothing for half-typed numbers', () => {
    expect(densityPicture({ kind: 'bernoulli', p: 0.2 })).toEqual({
      kind: 'bars',
      values: [0, 1],
      probs: [0.8, 0.2],
    });
    expect(densityPicture({ kind: 'constant', value: 3 })).toEqual({ kind: 'point', value: 3 });
    expect(densityPicture(rowDistribution('normal', { mean: '1', sd: '' }, ['mean', 'sd']))).toBeNull();
    expect(densityPicture({ kind: 'uniform', min: 5, max: 1 })).toBeNull();
  });
});

/** This file's branches are a little riskier than the shared default. */
function branch(over: Partial<Branch>): Branch {
  return testBranch({
    scores: { utility: 0.5, risk: 0.1, novelty: 0, confidence: 0.9 },
    failure_probability: 0.1,
    ...over,
  });
}

function result(branches: Branch[], threshold?: number): DreamResult {
  return {
    model: {
      factors: [],
      outcome: 'x',
      ...(threshold !== undefined ? { target: { direction: 'maximise', threshold } } : {}),
    },
    branches,
    histogram_range: { min: 0, max: 100, bins: 10 },
    scores: { best_branch: branches[0]!.id },
  } as unknown as DreamResult;
}

describe('chartData', () => {
  const wide = branch({ id: 'a', histogram: [0, 0, 5, 20, 30, 25, 15, 5, 0, 0] });
  const narrow = branch({
    id: 'n',
    variant: 'edge',
    mean: 91,
    histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 100],
    percentiles: { p1: 90.2, p5: 90.5, p25: 90.8, p50: 91, p75: 91.2, p95: 91.6, p99: 91.9 },
  });

  it('crops the shared range to the bins a branch occupies, one empty bin either side', () => {
    const d = chartData(result([wide]), ['a']);
    expect(d.lo).toBe(10);
    expect(d.hi).toBe(90);
    expect(d.series[0]!.shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1);
  });

  it('draws a branch squeezed into one bin over its own range, from its percentiles', () => {
    const d = chartData(result([wide, narrow]), ['n']);
    expect(d.estimated).toBe(true);
    expect(d.hi - d.lo).toBeLessThan(5);
    expect(d.series[0]!.shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1);
    // The baseline's mean (50) is far from this narrow band: named, not drawn.
    expect(d.offChart.map((m) => m.kind)).toContain('baseline');
  });

  it('overlays several branches on one range and marks threshold, baseline mean and outcome floors', () => {
    const withFloor = branch({
      id: 'a',
      histogram: wide.histogram,
      stakeholders: [
        { name: 'office', utility: 0.5, below_floor: false, mean: 50, floor_raw: 40 },
        { name: 'kids', utility: 0.5, below_floor: false, mean: 7, floor_raw: 5 },
      ],
    });
    const other = branch({
      id: 'o',
      variant: 'focus',
      mean: 60,
      histogram: [0, 0, 0, 0, 10, 40, 40, 10, 0, 0],
      stakeholders: [
        { name: 'office', utility: 0.6, below_floor: false, mean: 60, floor_raw: 40 },
        { name: 'kids', utility: 0.5, below_floor: false, mean: 7, floor_raw: 5 },
      ],
    });
    const r = result([withFloor, other], 30);
    const d = chartData(r, ['a', 'o']);
    expect(d.series).toHaveLength(2);
    expect(d.series[0]!.edges).toEqual(d.series[1]!.edges);
    expect(markersOf(r).map((m) => `${m.kind}:${m.value}`)).toEqual([
      'threshold:30',
      'baseline:50',
      'floor:40',
    ]);
    expect(d.markers.map((m) => m.kind)).toEqual(['threshold', 'baseline', 'floor']);
  });
});

describe('shipped examples', () => {
  it('every plain example has a model whose factors all draw a picture', () => {
    const index = JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as Array<{
      file: string;
      advanced?: boolean;
    }>;
    for (const e of index.filter((x) => !x.advanced)) {
      const ex = JSON.parse(readFileSync(`public/examples/${e.file}`, 'utf8')) as DreamResult & {
        seed: { model: DreamResult['model'] };
      };
      for (const f of ex.seed.model.factors)
        expect(densityPicture(f.dist), `${e.file} ${f.name}`).not.toBeNull();
    }
  });
});
