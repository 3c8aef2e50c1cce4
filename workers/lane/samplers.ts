import { exp, log, pow } from '../core/detMath';
import { fillOpenUniform, type Rng } from '../core/rng';
import { betaQuantile, normalQuantile, resolveInterval } from './distributions';
import type { Distribution } from '../contract/lane';

/**
 * The samplers behind the Monte Carlo: one per (branch, factor) stream. Each is one typed loop over
 * the batch: the uniform, the window and the quantile are written out in place (no per-sample closure
 * or switch), with the same operations in the same order as `quantile()`, so every sample is the same
 * double as the generic form gives.
 */

/**
 * A stream's open uniforms read ahead in blocks. Only for a stream one sampler owns alone: the draws
 * come out in the same order as one call at a time, whichever batch consumes them.
 */
class UniformQueue {
  private readonly buf = new Float64Array(1024);
  private pos = 1024;
  constructor(private readonly rng: Rng) {}
  next(): number {
    if (this.pos === 1024) {
      fillOpenUniform(this.rng, this.buf, 1024);
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
}

/** Marsaglia–Tsang gamma(shape, 1) draw. */
function gammaDraw(shape: number, u: UniformQueue): number {
  if (shape < 1) return gammaDraw(shape + 1, u) * pow(u.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalQuantile(u.next());
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const w = u.next();
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (log(w) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

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
    const { lo, span, mean, sd } = this;
    fillOpenUniform(this.rng, out, n);
    for (let i = 0; i < n; i++) out[i] = mean + sd * normalQuantile(lo + span * out[i]!);
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
    const { lo, span, mu, sigma } = this;
    fillOpenUniform(this.rng, out, n);
    for (let i = 0; i < n; i++) out[i] = exp(mu + sigma * normalQuantile(lo + span * out[i]!));
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
    const { lo, span, min, width } = this;
    fillOpenUniform(this.rng, out, n);
    for (let i = 0; i < n; i++) out[i] = min + (lo + span * out[i]!) * width;
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
    const left = mode - min;
    const right = max - mode;
    const fc = left / w;
    for (let i = 0; i < n; i++) {
      const q = lo + span * out[i]!;
      out[i] = q < fc ? min + Math.sqrt(q * w * left) : max - Math.sqrt((1 - q) * w * right);
    }
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
    const { lo, span, cut } = this;
    fillOpenUniform(this.rng, out, n);
    for (let i = 0; i < n; i++) out[i] = lo + span * out[i]! > cut ? 1 : 0;
  }
}

class BetaSampler implements Sampler {
  private readonly full: boolean;
  private readonly vlo: number;
  private readonly vhi: number;
  private readonly u: UniformQueue;
  constructor(
    rng: Rng,
    private readonly alpha: number,
    private readonly beta: number,
    lo: number,
    hi: number,
  ) {
    this.full = lo <= 0 && hi >= 1;
    this.vlo = this.full ? 0 : betaQuantile(lo, alpha, beta);
    this.vhi = this.full ? 1 : betaQuantile(hi, alpha, beta);
    // A beta draw takes a varying number of uniforms; the stream is this sampler's alone, so it reads ahead.
    this.u = new UniformQueue(rng);
  }
  private draw(): number {
    const x = gammaDraw(this.alpha, this.u);
    const y = gammaDraw(this.beta, this.u);
    return x / (x + y);
  }
  fill(out: Float64Array, n: number): void {
    const { full, vlo, vhi } = this;
    for (let i = 0; i < n; i++) {
      let v = this.draw();
      // Windows are at least a few percent wide, so this loop ends quickly.
      if (!full) for (let k = 0; (v < vlo || v > vhi) && k < 10_000; k++) v = this.draw();
      out[i] = v;
    }
  }
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
