import type { Branch, DreamResult } from '../../../workers/contract';

/**
 * What the outcome charts draw: each branch's share of samples per bin over a range that suits the
 * branches shown (the bins they occupy, not the whole tree's range), and the reference lines.
 */

export interface Series {
  id: string;
  label: string;
  /** Bin left edges, and one more for the right edge of the last bin. */
  edges: number[];
  /** Share of the branch's samples in each bin (sums to 1). */
  shares: number[];
}

export interface Marker {
  kind: 'threshold' | 'baseline' | 'floor';
  label: string;
  value: number;
}

export interface ChartData {
  series: Series[];
  lo: number;
  hi: number;
  markers: Marker[];
  /** Markers that lie far outside the branches' range, named instead of drawn. */
  offChart: Marker[];
  /** True when a branch's shape was estimated from its percentiles (its samples fill too few bins). */
  estimated: boolean;
}

const PCTS: Array<[keyof Branch['percentiles'], number]> = [
  ['p1', 0.01],
  ['p5', 0.05],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p95', 0.95],
  ['p99', 0.99],
];
const MIN_BINS = 6;
const EST_BINS = 20;

/** Piecewise-linear CDF through the percentiles (what a branch's shape is when its bins are too few). */
function cdfAt(b: Branch, x: number): number {
  const pts = PCTS.map(([k, q]) => [b.percentiles[k], q] as const);
  if (x <= pts[0]![0]) return x < pts[0]![0] ? 0 : pts[0]![1];
  for (let i = 1; i < pts.length; i++) {
    const [x1, q1] = pts[i]!;
    const [x0, q0] = pts[i - 1]!;
    if (x <= x1) return x1 > x0 ? q0 + ((x - x0) / (x1 - x0)) * (q1 - q0) : q1;
  }
  return 1;
}

function estimated(b: Branch, id: string): Series {
  let lo = b.percentiles.p1;
  let hi = b.percentiles.p99;
  if (!(hi > lo)) {
    const pad = Math.abs(lo) * 0.01 || 1;
    lo -= pad;
    hi += pad;
  }
  const w = (hi - lo) / EST_BINS;
  const edges = Array.from({ length: EST_BINS + 1 }, (_, i) => lo + i * w);
  const shares = edges.slice(0, -1).map((e, i) => cdfAt(b, edges[i + 1]!) - cdfAt(b, e));
  // The 1% below p1 and above p99 sit in the end bins, so the shares still sum to 1.
  shares[0]! += 0.01;
  shares[EST_BINS - 1]! += 0.01;
  return { id, label: b.label, edges, shares };
}

function binned(b: Branch, result: DreamResult): { series: Series; first: number; last: number } {
  const { min, max, bins } = result.histogram_range;
  const w = (max - min) / bins;
  const total = b.histogram.reduce((a, c) => a + c, 0) || 1;
  const first = b.histogram.findIndex((c) => c > 0);
  const last = b.histogram.length - 1 - [...b.histogram].reverse().findIndex((c) => c > 0);
  return {
    series: {
      id: b.id,
      label: b.label,
      edges: Array.from({ length: bins + 1 }, (_, i) => min + i * w),
      shares: b.histogram.map((c) => c / total),
    },
    first: Math.max(0, first),
    last: Math.max(0, last),
  };
}

/** Whether a stakeholder's view is the outcome itself (its mean equals the branch's in every branch). */
function viewIsOutcome(result: DreamResult, name: string): boolean {
  return result.branches.every((b) => {
    const s = b.stakeholders.find((x) => x.name === name);
    return s !== undefined && Math.abs(s.mean - b.mean) <= 1e-6 * Math.max(1, Math.abs(b.mean));
  });
}

export function markersOf(result: DreamResult): Marker[] {
  const out: Marker[] = [];
  const t = result.model.target?.threshold;
  if (t !== undefined) out.push({ kind: 'threshold', label: 'failure threshold', value: t });
  const base = result.branches.find((b) => b.variant === 'baseline') ?? result.branches[0];
  if (base) out.push({ kind: 'baseline', label: 'baseline mean', value: base.mean });
  for (const s of base?.stakeholders ?? []) {
    if (s.floor_raw !== undefined && viewIsOutcome(result, s.name)) {
      out.push({ kind: 'floor', label: `${s.name}'s floor`, value: s.floor_raw });
    }
  }
  return out;
}

export function chartData(result: DreamResult, branchIds: string[]): ChartData {
  const shown = branchIds
    .map((id) => result.branches.find((b) => b.id === id))
    .filter((b): b is Branch => b !== undefined);
  const markers = markersOf(result);
  if (shown.length === 0)
    return { series: [], lo: 0, hi: 1, markers: [], offChart: markers, estimated: false };
  const parts = shown.map((b) => binned(b, result));
  const first = Math.min(...parts.map((p) => p.first));
  const last = Math.max(...parts.map((p) => p.last));
  let series: Series[];
  let isEstimated = false;
  if (shown.length === 1 && last - first + 1 < MIN_BINS) {
    series = [estimated(shown[0]!, shown[0]!.id)];
    isEstimated = true;
  } else {
    // One empty bin either side, so the outermost bars do not touch the axis ends.
    const a = Math.max(0, first - 1);
    const z = Math.min(result.histogram_range.bins - 1, last + 1);
    series = parts.map(({ series: s }) => ({
      ...s,
      edges: s.edges.slice(a, z + 2),
      shares: s.shares.slice(a, z + 1),
    }));
  }
  let lo = series[0]!.edges[0]!;
  let hi = series[0]!.edges[series[0]!.edges.length - 1]!;
  const span = hi - lo || 1;
  // A reference line within one chart-width of the bars widens the range to show it; one further away
  // would squeeze the bars, so it is named below the chart instead.
  const near = markers.filter((m) => m.value >= lo - span && m.value <= hi + span);
  const offChart = markers.filter((m) => !near.includes(m));
  for (const m of near) {
    if (m.value < lo) lo = m.value - span * 0.03;
    if (m.value > hi) hi = m.value + span * 0.03;
  }
  return { series, lo, hi, markers: near, offChart, estimated: isEstimated };
}
