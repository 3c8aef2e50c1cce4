import { log, pow } from '../core/detMath';
import { fillOpenUniform, type Rng } from '../core/rng';
import { betaQuantile, normalQuantile } from './distributions';

/**
 * Beta draws, as the ratio of two Marsaglia–Tsang gammas: x / (x + y) with x ~ gamma(alpha) and
 * y ~ gamma(beta). A draw takes a varying number of uniforms, so the stream is read ahead in blocks.
 */

/**
 * A stream's open uniforms read ahead in blocks. Only for a stream one sampler owns alone: the draws
 * come out in the same order as one call at a time, whichever batch consumes them.
 */
class UniformQueue {
  readonly buf = new Float64Array(1024);
  pos = 1024;
  constructor(readonly rng: Rng) {}
  next(): number {
    if (this.pos === 1024) {
      fillOpenUniform(this.rng, this.buf, 1024);
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
}

/**
 * Marsaglia–Tsang gamma(shape, 1) draws. d and c depend on the shape alone, so they are worked out
 * once per sampler (the same doubles as working them out per draw); below shape 1 the draw is
 * gamma(shape + 1) scaled by u^(1/shape).
 */
class GammaDraw {
  readonly d: number;
  readonly c: number;
  readonly boost: GammaDraw | null;
  private readonly invShape: number;
  constructor(shape: number) {
    this.boost = shape < 1 ? new GammaDraw(shape + 1) : null;
    this.invShape = 1 / shape;
    this.d = shape - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }
  draw(u: UniformQueue): number {
    if (this.boost) return this.boost.draw(u) * pow(u.next(), this.invShape);
    const { d, c } = this;
    for (;;) {
      const x = normalQuantile(u.next());
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const w = u.next();
      if (w < 1 - 0.0331 * x * x * x * x) return d * v;
      if (acceptsByLog(w, x, v, d)) return d * v;
    }
  }
}

/**
 * Marsaglia–Tsang's exact test, reached by the few draws the squeeze above does not accept; apart, so
 * its two logarithms do not crowd the common path out of being inlined.
 */
function acceptsByLog(w: number, x: number, v: number, d: number): boolean {
  return log(w) < 0.5 * x * x + d * (1 - v + log(v));
}

export class BetaSampler {
  private readonly full: boolean;
  private readonly vlo: number;
  private readonly vhi: number;
  private readonly u: UniformQueue;
  private readonly gx: GammaDraw;
  private readonly gy: GammaDraw;
  constructor(rng: Rng, alpha: number, beta: number, lo: number, hi: number) {
    this.full = lo <= 0 && hi >= 1;
    this.vlo = this.full ? 0 : betaQuantile(lo, alpha, beta);
    this.vhi = this.full ? 1 : betaQuantile(hi, alpha, beta);
    // A beta draw takes a varying number of uniforms; the stream is this sampler's alone, so it reads ahead.
    this.u = new UniformQueue(rng);
    this.gx = new GammaDraw(alpha);
    this.gy = new GammaDraw(beta);
  }
  private draw(): number {
    const x = this.gx.draw(this.u);
    const y = this.gy.draw(this.u);
    return x / (x + y);
  }
  fill(out: Float64Array, n: number): void {
    if (!this.gx.boost && !this.gy.boost) {
      this.fillFused(out, n);
      return;
    }
    const { full, vlo, vhi } = this;
    for (let i = 0; i < n; i++) {
      let v = this.draw();
      // Windows are at least a few percent wide, so this loop ends quickly.
      if (!full) for (let k = 0; (v < vlo || v > vhi) && k < 10_000; k++) v = this.draw();
      out[i] = v;
    }
  }

  /**
   * `fill` for shapes of at least 1 (no boost), written out as one loop over the read-ahead buffer
   * with the queue's position in a local: the same uniforms in the same order, half the time.
   */
  private fillFused(out: Float64Array, n: number): void {
    const { full, vlo, vhi, u } = this;
    const { buf, rng } = u;
    const { d: dx, c: cx } = this.gx;
    const { d: dy, c: cy } = this.gy;
    let pos = u.pos;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let k = 0; ; k++) {
        let x = 0;
        for (;;) {
          if (pos === 1024) {
            fillOpenUniform(rng, buf, 1024);
            pos = 0;
          }
          const z = normalQuantile(buf[pos++]!);
          const v0 = 1 + cx * z;
          if (v0 <= 0) continue;
          const vv = v0 * v0 * v0;
          if (pos === 1024) {
            fillOpenUniform(rng, buf, 1024);
            pos = 0;
          }
          const w = buf[pos++]!;
          if (w < 1 - 0.0331 * z * z * z * z || acceptsByLog(w, z, vv, dx)) {
            x = dx * vv;
            break;
          }
        }
        let y = 0;
        for (;;) {
          if (pos === 1024) {
            fillOpenUniform(rng, buf, 1024);
            pos = 0;
          }
          const z = normalQuantile(buf[pos++]!);
          const v0 = 1 + cy * z;
          if (v0 <= 0) continue;
          const vv = v0 * v0 * v0;
          if (pos === 1024) {
            fillOpenUniform(rng, buf, 1024);
            pos = 0;
          }
          const w = buf[pos++]!;
          if (w < 1 - 0.0331 * z * z * z * z || acceptsByLog(w, z, vv, dy)) {
            y = dy * vv;
            break;
          }
        }
        v = x / (x + y);
        // As in `fill`: a draw outside the window is redrawn, at most 10,000 times.
        if (full || !(v < vlo || v > vhi) || k === 10_000) break;
      }
      out[i] = v;
      // Kept current inside the loop: optimised on-stack mid-loop, a store after it would have no type
      // feedback yet and throw the compiled loop away at the end of every batch.
      u.pos = pos;
    }
  }
}
