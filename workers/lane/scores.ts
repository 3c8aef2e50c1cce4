import { describeSetting } from './branches';
import type { BranchPlan } from './branches';
import type { CompiledModel } from './seed';
import { clamp01, cvar, histogram, ksDistance, meanSd, quantileSorted, round, squash } from './stats';
import type { Branch, BranchRisk, BranchStakeholder, FactorInfluence } from '../contract/lane';

/** Scores in [0, 1], all computed from the samples; the baseline (branch 0) is the reference. */

export const HISTOGRAM_BINS = 30;
const CVAR_ALPHA = 0.05;

/** What a finished rollout hands over: its outcomes sorted ascending, and the sums the scores need. */
export interface BranchSums {
  sorted: Float64Array;
  drawn: number;
  failures: number;
  factorSum: Float64Array;
  factorSq: Float64Array;
  factorFailSum: Float64Array;
  viewSum: Float64Array;
  viewSq: Float64Array;
}

/**
 * The passes scoring makes over a branch's whole sorted outcomes. The pool works them out as each
 * branch arrives, while the partitions sort the next ones; the same functions on the same arrays, so
 * the same doubles as scoring them at the end.
 */
export interface BranchSummary {
  mean: number;
  sd: number;
  /** Kolmogorov–Smirnov distance from the baseline's outcomes (0 for the baseline itself). */
  ks: number;
}

export function summariseBranch(sorted: Float64Array, baseline: Float64Array | null): BranchSummary {
  const { mean, sd } = meanSd(sorted);
  return { mean, sd, ks: baseline ? ksDistance(sorted, baseline) : 0 };
}

/** One branch's finished rollout as the scores need it, with the plan it ran. */
export interface BranchSamples extends BranchSums {
  plan: BranchPlan;
  /** Worked out already (by the pool); scoring makes the passes itself when it is missing. */
  summary?: BranchSummary;
}

interface Sorted {
  r: BranchSamples;
  sorted: Float64Array;
  mean: number;
  sd: number;
}

const r4 = (x: number) => round(clamp01(x), 6);

function viewStats(r: BranchSamples, k: number): { mean: number; sd: number } {
  const n = r.drawn;
  const mean = r.viewSum[k]! / n;
  const v = n > 1 ? (r.viewSq[k]! - n * mean * mean) / (n - 1) : 0;
  return { mean, sd: Math.sqrt(Math.max(0, v)) };
}

function drivers(r: BranchSamples, model: CompiledModel): BranchRisk[] {
  if (r.failures === 0 || r.failures === r.drawn) return [];
  const n = r.drawn;
  const out: BranchRisk[] = [];
  model.factors.forEach((f, k) => {
    const mean = r.factorSum[k]! / n;
    const sd = Math.sqrt(Math.max(0, (r.factorSq[k]! - n * mean * mean) / Math.max(1, n - 1)));
    if (sd === 0) return;
    const failMean = r.factorFailSum[k]! / r.failures;
    const shift = (failMean - mean) / sd;
    if (Math.abs(shift) < 0.1) return;
    const dir = shift < 0 ? 'low' : 'high';
    out.push({
      label: `${dir === 'low' ? 'Low' : 'High'} ${f.name} drives failures`,
      factor: f.name,
      shift: round(shift, 4),
      mitigation:
        dir === 'low'
          ? `Set an early warning when ${f.name} falls below ${round(failMean, 4)} (its mean among failures) and prepare a fallback.`
          : `Cap or hedge ${f.name}: failures cluster when it rises above ${round(failMean, 4)}.`,
    });
  });
  out.sort((a, b) => Math.abs(b.shift) - Math.abs(a.shift) || (a.factor < b.factor ? -1 : 1));
  return out.slice(0, 3);
}

export interface ScoredBranches {
  branches: Branch[];
  range: { min: number; max: number; bins: number };
}

export function scoreBranches(
  rollouts: BranchSamples[],
  model: CompiledModel,
  influence: FactorInfluence[],
): ScoredBranches {
  const infl = new Map(influence.map((i) => [i.factor, i]));
  const sorted: Sorted[] = rollouts.map((r) => {
    const { mean, sd } = r.summary ?? meanSd(r.sorted);
    return { r, sorted: r.sorted, mean, sd };
  });
  const base = sorted[0]!;
  const sign = model.maximise ? 1 : -1;
  const baseSd = base.sd > 0 ? base.sd : 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of sorted) {
    lo = Math.min(lo, quantileSorted(s.sorted, 0.005));
    hi = Math.max(hi, quantileSorted(s.sorted, 0.995));
  }
  if (!(hi > lo)) hi = lo + 1;
  const baseViews = model.stakeholders.map((_, k) => viewStats(base.r, k));
  const totalWeight = model.stakeholders.reduce((a, s) => a + s.weight, 0);

  const branches = sorted.map((s): Branch => {
    const { r } = s;
    const n = r.drawn;
    const stakeholders: BranchStakeholder[] = model.stakeholders.map((st, k) => {
      const v = viewStats(r, k);
      const b = baseViews[k]!;
      const scale = b.sd > 0 ? b.sd : Math.abs(b.mean) > 0 ? Math.abs(b.mean) : 1;
      const out: BranchStakeholder = {
        name: st.name,
        utility: r4(squash((v.mean - b.mean) / scale)),
        below_floor: st.floor !== undefined && v.mean < st.floor,
        mean: round(v.mean),
      };
      if (st.floor !== undefined) {
        out.floor = r4(squash((st.floor - b.mean) / scale));
        out.floor_raw = st.floor;
      }
      return out;
    });
    const outcomeUtility = squash((sign * (s.mean - base.mean)) / baseSd);
    const stakeUtility =
      totalWeight > 0
        ? stakeholders.reduce((a, st, k) => a + st.utility * model.stakeholders[k]!.weight, 0) / totalWeight
        : 0;
    const utility = totalWeight > 0 ? 0.5 * outcomeUtility + 0.5 * stakeUtility : outcomeUtility;
    const se = s.sd / Math.sqrt(n);
    const confidence = base.sd > 0 ? 1 - (1.96 * se) / base.sd : s.sd > 0 ? 0.5 : 1;
    const failure = r.failures / n;
    const settings = [...r.plan.settings.values()].sort((a, b) => (a.factor < b.factor ? -1 : 1));
    const assumptions = settings.length
      ? settings.map((x) => describeSetting(x, infl.get(x.factor)))
      : ['every factor as described by the model'];
    const ethics = stakeholders
      .filter((st) => st.below_floor)
      .map(
        (st) =>
          `${st.name}'s view falls below their floor (${st.floor_raw}) in this branch (mean ${round(st.mean, 4)}).`,
      );
    return {
      id: r.plan.id,
      label: r.plan.label,
      variant: r.plan.variant,
      parent_id: r.plan.parent === null ? null : rollouts[r.plan.parent]!.plan.id,
      depth: r.plan.depth,
      settings: settings.map((x) => ({
        ...x,
        lo: round(x.lo),
        hi: round(x.hi),
        ...(x.value !== undefined ? { value: round(x.value) } : {}),
      })),
      assumptions,
      scores: {
        utility: r4(utility),
        risk: r4(failure),
        novelty: r.plan.index === 0 ? 0 : r4(r.summary?.ks ?? ksDistance(s.sorted, base.sorted)),
        confidence: r4(confidence),
      },
      stakeholders,
      samples: n,
      mean: round(s.mean),
      sd: round(s.sd),
      percentiles: {
        p1: round(quantileSorted(s.sorted, 0.01)),
        p5: round(quantileSorted(s.sorted, 0.05)),
        p25: round(quantileSorted(s.sorted, 0.25)),
        p50: round(quantileSorted(s.sorted, 0.5)),
        p75: round(quantileSorted(s.sorted, 0.75)),
        p95: round(quantileSorted(s.sorted, 0.95)),
        p99: round(quantileSorted(s.sorted, 0.99)),
      },
      histogram: histogram(s.sorted, lo, hi, HISTOGRAM_BINS),
      failure_probability: round(failure),
      cvar: round(cvar(s.sorted, CVAR_ALPHA, model.maximise)),
      risks: drivers(r, model),
      ethics_warnings: ethics,
    };
  });
  return { branches, range: { min: round(lo), max: round(hi), bins: HISTOGRAM_BINS } };
}
