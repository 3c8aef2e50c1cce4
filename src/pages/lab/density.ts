import type { Distribution, DistributionKind } from '../../../workers/contract';

/**
 * A picture of a factor's distribution drawn straight from its parameters (no sampling, no engine
 * call), so the sparkline beside a factor follows every keystroke. The formulas mirror the engine's
 * definitions: "interval" is a 90% interval, lognormal when both ends are positive, normal otherwise.
 */

const Z95 = 1.6448536269514722;

export type DensityPicture =
  | { kind: 'curve'; xs: number[]; ys: number[]; lo: number; hi: number }
  | { kind: 'bars'; values: number[]; probs: number[] }
  | { kind: 'point'; value: number };

function resolve(d: Distribution): Distribution {
  if (d.kind !== 'interval') return d;
  if (d.low > 0 && d.high > 0) {
    const mu = (Math.log(d.low) + Math.log(d.high)) / 2;
    return { kind: 'lognormal', mu, sigma: (Math.log(d.high) - Math.log(d.low)) / (2 * Z95) };
  }
  return { kind: 'normal', mean: (d.low + d.high) / 2, sd: (d.high - d.low) / (2 * Z95) };
}

function curve(lo: number, hi: number, pdf: (x: number) => number, n = 48): DensityPicture | null {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= n; i++) {
    const x = lo + ((hi - lo) * i) / n;
    const y = pdf(x);
    xs.push(x);
    ys.push(Number.isFinite(y) && y > 0 ? y : 0);
  }
  return ys.some((y) => y > 0) ? { kind: 'curve', xs, ys, lo, hi } : null;
}

/** The picture for a distribution, or null when its parameters do not describe one yet. */
export function densityPicture(dist: Distribution): DensityPicture | null {
  const d = resolve(dist);
  switch (d.kind) {
    case 'normal':
      if (!(d.sd > 0)) return null;
      return curve(d.mean - 3.5 * d.sd, d.mean + 3.5 * d.sd, (x) =>
        Math.exp(-0.5 * ((x - d.mean) / d.sd) ** 2),
      );
    case 'lognormal': {
      if (!(d.sigma > 0)) return null;
      // From the 0.1th to the 99th percentile: the long right tail would flatten the picture.
      const lo = Math.exp(d.mu - 3.1 * d.sigma);
      const hi = Math.exp(d.mu + 2.33 * d.sigma);
      return curve(lo, hi, (x) => Math.exp(-0.5 * ((Math.log(x) - d.mu) / d.sigma) ** 2) / x);
    }
    case 'uniform':
      if (!(d.max > d.min)) return null;
      return curve(d.min, d.max, () => 1, 2);
    case 'triangular': {
      const { min, mode, max } = d;
      if (!(max > min) || mode < min || mode > max) return null;
      return curve(min, max, (x) =>
        x <= mode ? (mode > min ? (x - min) / (mode - min) : 1) : max > mode ? (max - x) / (max - mode) : 1,
      );
    }
    case 'beta': {
      const { alpha: a, beta: b } = d;
      if (!(a > 0) || !(b > 0)) return null;
      // Around the mass (mean ± 4 sd within (0, 1)), so beta(2, 60) is not a spike at the left edge.
      const mean = a / (a + b);
      const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
      const lo = Math.max(1e-3, mean - 4 * sd);
      const hi = Math.min(1 - 1e-3, mean + 4 * sd);
      // In log space relative to the mode, so large shape parameters neither overflow nor vanish.
      const logPdf = (x: number) => (a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x);
      const mode = a > 1 && b > 1 ? (a - 1) / (a + b - 2) : mean;
      const top = logPdf(Math.min(hi, Math.max(lo, mode)));
      return curve(lo, hi, (x) => Math.exp(logPdf(x) - top));
    }
    case 'bernoulli':
      if (!(d.p >= 0 && d.p <= 1)) return null;
      return { kind: 'bars', values: [0, 1], probs: [1 - d.p, d.p] };
    case 'constant':
      return Number.isFinite(d.value) ? { kind: 'point', value: d.value } : null;
    case 'interval':
      return null;
  }
}

/** The distribution a factor row describes, as the engine will read it (blank or bad numbers are NaN). */
export function rowDistribution(
  kind: DistributionKind,
  params: Record<string, string>,
  keys: string[],
): Distribution {
  const p: Record<string, number> = {};
  for (const key of keys) p[key] = (params[key] ?? '').trim() === '' ? NaN : Number(params[key]);
  return { kind, ...p } as Distribution;
}
