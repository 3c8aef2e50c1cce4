import { EngineError } from '../core/errors';
import { createRng } from '../core/rng';
import { quantile } from './distributions';
import { createSampler } from './samplers';
import { evaluateColumns } from './formula';
import { getJob } from './jobs';
import type { LaneContext } from './laneContext';
import { compileModel, DEFAULTS, type CompiledModel } from './seed';
import { meanSd, ranks, round, spearmanRanked } from './stats';
import type { Distribution, FactorSensitivity, SensitivityReport } from '../contract/lane';

/**
 * The tornado: for each factor, the outcome's mean with that factor held at its 10th percentile and
 * then at its 90th, every other factor drawn as usual. The same draws of the other factors are reused
 * for both ends and for every factor (common random numbers), so a bar's length is the factor's own
 * effect and not sampling noise between two runs. Streams are named for the run seed, so the same seed
 * always gives the same chart.
 */

export const SENSITIVITY_SAMPLES = 4_000;
const LOW_Q = 0.1;
const HIGH_Q = 0.9;

/** The values a factor is held at: its 10th and 90th percentiles, or no and yes for a yes/no factor. */
export function tornadoEnds(dist: Distribution): { low: number; high: number } {
  if (dist.kind === 'bernoulli') return { low: 0, high: 1 };
  return { low: quantile(dist, LOW_Q), high: quantile(dist, HIGH_Q) };
}

function meanOf(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : 0;
}

export function sensitivity(
  model: CompiledModel,
  runSeed: string,
  traceId: string,
  n: number = SENSITIVITY_SAMPLES,
): SensitivityReport {
  const cols = model.factors.map((f) => {
    const out = new Float64Array(n);
    createSampler(f.dist, createRng(runSeed, 'sensitivity', f.name)).fill(out, n);
    return out;
  });
  const env = new Map(model.factors.map((f, k) => [f.name, cols[k]!] as const));
  const base = evaluateColumns(model.outcome, env, n);
  const baseRanks = ranks(base);

  const rows: Omit<FactorSensitivity, 'share'>[] = model.factors.map((f, k) => {
    const { low, high } = tornadoEnds(f.dist);
    const held = (v: number) => {
      const e = new Map(env);
      e.set(f.name, new Float64Array(n).fill(v));
      return meanOf(evaluateColumns(model.outcome, e, n));
    };
    const atLow = f.dist.kind === 'constant' ? meanOf(base) : held(low);
    const atHigh = f.dist.kind === 'constant' ? atLow : held(high);
    const rho =
      f.dist.kind === 'constant' || meanSd(cols[k]!).sd === 0 ? 0 : spearmanRanked(cols[k]!, baseRanks);
    return {
      factor: f.name,
      low_value: round(low, 6),
      high_value: round(high, 6),
      outcome_at_low: round(atLow, 6),
      outcome_at_high: round(atHigh, 6),
      swing: round(atHigh - atLow, 6),
      rho: round(rho, 4),
    };
  });
  const total = rows.reduce((a, r) => a + r.swing * r.swing, 0);
  const factors = rows
    .map((r) => ({ ...r, share: total > 0 ? round((r.swing * r.swing) / total, 4) : 0 }))
    .sort(
      (a, b) =>
        Math.abs(b.swing) - Math.abs(a.swing) || (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0),
    );
  return {
    trace_id: traceId,
    samples: n,
    base_mean: round(meanOf(base), 6),
    maximise: model.maximise,
    factors,
  };
}

/**
 * The tornado for a job, from its stored normalised seed. Read-only and cheap (a few thousand samples
 * per factor): it explains a job the gate has already admitted.
 */
export function jobSensitivity(lane: LaneContext, jobId: string): SensitivityReport {
  const row = lane.ctx.read((db) => getJob(db, jobId));
  if (!row) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
  const { seed, traceId } = lane.seeds.of(row);
  return sensitivity(compileModel(seed), seed.rng_seed ?? DEFAULTS.rng_seed, traceId);
}
