import { exp } from '../core/detMath';
import { fillOpenUniform, type Rng } from '../core/rng';
import { BetaSampler } from './betaSampler';
import { normalQuantile, resolveInterval } from './distributions';
import type { Distribution } from '../contract/lane';

/**
 * The samplers behind the Monte Carlo: one per (branch, factor) stream. Each fills the batch with the
 * generator's uniform draws, then maps them in one typed pass: the window and the quantile are written
 * out in place (no per-sample closure or switch), with the same operations in the same order as
 * `quantile()`, so every sample is the same double as the generic form gives.
 */

export interface Sampler {
  /** Writes the next `n` samples of this stream into `out[0..n)`. */
  fill(out: Float64Array, n: number): void;
}

class ConstantSampler implements Sampler {
  constructor(private readonly value: number) {}
  fill(out: Float64Array, n: number): void {
    out.fill(this.value, 0, n);
  }
}

class NormalSampler implements Sampler {
  constructor(
    private readonly rng: Rng,
    private readonly lo: number,
    private readonly span: number,
    private readonly mean: number,
    private readonly sd: number,
  ) {}
  fill(out: Float64Array, n: number): void {
    fillOpenUniform(this.rng, out, n);
    normalFromUniform(out, n, this.lo, this.span, this.mean, this.sd);
  }
}

class LognormalSampler implements Sampler {
  constructor(
    private readonly rng: Rng,
    private readonly lo: number,
    private readonly span: number,
    private readonly mu: number,
    private readonly sigma: number,
  ) {}
  fill(out: Float64Array, n: number): void {
    fillOpenUniform(this.rng, out, n);
    lognormalFromUniform(out, n, this.lo, this.span, this.mu, this.sigma);
  }
}

class UniformSampler implements Sampler {
  constructor(
    private readonly rng: Rng,
    private readonly lo: number,
    private readonly span: number,
    private readonly min: number,
    private readonly width: number,
  ) {}
  fill(out: Float64Array, n: number): void {
    fillOpenUniform(this.rng, out, n);
    uniformFromUniform(out, n, this.lo, this.span, this.min, this.width);
  }
}

class TriangularSampler implements Sampler {
  constructor(
    private readonly rng: Rng,
    private readonly lo: number,
    private readonly span: number,
    private readonly d: { min: number; mode: number; max: number },
  ) {}
  fill(out: Float64Array, n: number): void {
    const { lo, span } = this;
    const { min, mode, max } = this.d;
    const w = max - min;
    // One draw per sample even when the triangle is a point, so the stream stays aligned with quantile()'s.
    fillOpenUniform(this.rng, out, n);
    if (w === 0) {
      out.fill(min, 0, n);
      return;
    }
    triangularFromUniform(out, n, lo, span, min, mode, max, w);
  }
}

class BernoulliSampler implements Sampler {
  private readonly cut: number;
  constructor(
    private readonly rng: Rng,
    private readonly lo: number,
    private readonly span: number,
    p: number,
  ) {
    this.cut = 1 - p;
  }
  fill(out: Float64Array, n: number): void {
    fillOpenUniform(this.rng, out, n);
    bernoulliFromUniform(out, n, this.lo, this.span, this.cut);
  }
}

/*
 * Each sampler's pass from uniform draws to its distribution is a function of its own, apart from the
 * draws' loop (the generator's `fillOpen`): with the pass in `fill`, and the draws' loop inlined there
 * by V8, V8 optimised `fill` in the middle of the draws (on-stack replacement) with no feedback yet for
 * the pass, and threw the code away on reaching it. In a job sent at once after opening, TurboFan
 * compiled the samplers' `fill` five times, 91 ms of its time (--trace-opt in Chromium), on two cores
 * beside the job.
 */

function normalFromUniform(
  out: Float64Array,
  n: number,
  lo: number,
  span: number,
  mean: number,
  sd: number,
): void {
  for (let i = 0; i < n; i++) out[i] = mean + sd * normalQuantile(lo + span * out[i]!);
}

function lognormalFromUniform(
  out: Float64Array,
  n: number,
  lo: number,
  span: number,
  mu: number,
  sigma: number,
): void {
  for (let i = 0; i < n; i++) out[i] = exp(mu + sigma * normalQuantile(lo + span * out[i]!));
}

function uniformFromUniform(
  out: Float64Array,
  n: number,
  lo: number,
  span: number,
  min: number,
  width: number,
): void {
  for (let i = 0; i < n; i++) out[i] = min + (lo + span * out[i]!) * width;
}

function triangularFromUniform(
  out: Float64Array,
  n: number,
  lo: number,
  span: number,
  min: number,
  mode: number,
  max: number,
  w: number,
): void {
  const left = mode - min;
  const right = max - mode;
  const fc = left / w;
  for (let i = 0; i < n; i++) {
    const q = lo + span * out[i]!;
    out[i] = q < fc ? min + Math.sqrt(q * w * left) : max - Math.sqrt((1 - q) * w * right);
  }
}

function bernoulliFromUniform(out: Float64Array, n: number, lo: number, span: number, cut: number): void {
  for (let i = 0; i < n; i++) out[i] = lo + span * out[i]! > cut ? 1 : 0;
}

/**
 * A sampler for one factor of one branch: the full distribution, a quantile window [lo, hi], or a
 * pinned value.
 */
export function createSampler(
  dist: Distribution,
  rng: Rng,
  window: { lo: number; hi: number } = { lo: 0, hi: 1 },
): Sampler {
  const d = dist.kind === 'interval' ? resolveInterval(dist.low, dist.high) : dist;
  const { lo, hi } = window;
  const span = hi - lo;
  switch (d.kind) {
    case 'constant':
      return new ConstantSampler(d.value);
    case 'beta':
      return new BetaSampler(rng, d.alpha, d.beta, lo, hi);
    case 'normal':
      return new NormalSampler(rng, lo, span, d.mean, d.sd);
    case 'lognormal':
      return new LognormalSampler(rng, lo, span, d.mu, d.sigma);
    case 'uniform':
      return new UniformSampler(rng, lo, span, d.min, d.max - d.min);
    case 'triangular':
      return new TriangularSampler(rng, lo, span, d);
    case 'bernoulli':
      return new BernoulliSampler(rng, lo, span, d.p);
    case 'interval':
      throw new Error('unreachable: intervals are resolved above');
  }
}
