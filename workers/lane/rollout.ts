import { EngineError } from '../core/errors';
import { createRng } from '../core/rng';
import { createSampler, type Sampler } from './samplers';
import { ColumnProgram } from './columnProgram';
import type { BranchPlan } from './branches';
import { MIN_INFLUENCE } from './branches';
import type { BranchSums } from './scores';
import type { CompiledModel } from './seed';
import type { SampleMemory } from './sampleMemory';
import { SortScratch, sortDoubles } from './sortDoubles';
import { meanSd, quantileSorted, ranks, sortedCopy, spearmanRanked, sumOf, sumOfSquares } from './stats';
import type { FactorInfluence } from '../contract/lane';

/**
 * Seeded Monte Carlo. Each (branch, factor) pair draws from its own stream derived from the run seed,
 * the branch id and the factor name, so a branch's samples do not depend on the order branches run
 * in, nor on how the work is cut into batches.
 */

/** The largest pilot: every job of at least 40,000 samples per branch draws this many. */
export const PILOT_SAMPLES = 2_000;
/** The smallest pilot: the standard error of its ρ is about 0.045. */
export const MIN_PILOT_SAMPLES = 500;
/** The pilot is at most this share of one branch's samples, down to MIN_PILOT_SAMPLES. */
const PILOT_SHARE = 20;

/**
 * A job's pilot size from its samples per branch: a twentieth of them, at least 500 and at most 2,000.
 * A fixed pilot of 2,000 cost a 10,000-sample job a fifth of its samples again (and its ranking) before
 * the first branch ran. The pilot's streams are the same at every size, so a smaller pilot draws the
 * first samples of the larger one.
 */
export function pilotSamples(samplesPerBranch: number): number {
  return Math.min(PILOT_SAMPLES, Math.max(MIN_PILOT_SAMPLES, Math.ceil(samplesPerBranch / PILOT_SHARE)));
}

/**
 * The |ρ| below which a factor does not matter, for a pilot of `n` samples: MIN_INFLUENCE (about 3.6
 * standard errors of ρ) for the full pilot, raised by √(2000 / n) for a smaller one, so a factor with
 * no influence is taken for one as rarely whatever the pilot's size.
 */
export function minInfluence(n: number): number {
  return n >= PILOT_SAMPLES ? MIN_INFLUENCE : MIN_INFLUENCE * Math.sqrt(PILOT_SAMPLES / n);
}

export interface Pilot {
  influence: FactorInfluence[];
  /** The failure threshold: the target's, or the baseline pilot's 10th (90th) percentile. */
  threshold: number;
}

/**
 * The buffers one batch of rollouts works in: a column per factor, the outcome and stakeholder
 * formulas with their own node columns, the failure flags. Branches run one batch at a time, so one
 * scratch serves every branch of a job.
 */
export class RolloutScratch {
  readonly cols: Float64Array[];
  readonly env = new Map<string, Float64Array>();
  readonly outcome: ColumnProgram;
  readonly views: ColumnProgram[];
  readonly fail: Uint8Array;
  /** The sort's key buffers, reused from branch to branch (and job to job when the thread's). */
  readonly sort: SortScratch;

  /**
   * `memory`: the thread's, which lends the columns and sort keys earlier jobs kept; `release` hands
   * the columns back. Without it, new buffers that the collector takes.
   */
  constructor(
    private readonly model: CompiledModel,
    readonly batch: number,
    private readonly memory?: SampleMemory,
  ) {
    this.sort = memory?.sort ?? new SortScratch();
    this.cols = model.factors.map(() => (memory ? memory.doubles(batch) : new Float64Array(batch)));
    this.outcome = new ColumnProgram(model.outcome, memory);
    this.views = model.stakeholders.map((st) => new ColumnProgram(st.view, memory));
    this.fail = memory ? memory.bytes(batch) : new Uint8Array(batch);
  }

  /** The batch is done with: its columns go back to the thread's memory. The scratch is not used again. */
  release(): void {
    this.outcome.release();
    for (const v of this.views) v.release();
    this.memory?.keep([...this.cols, this.fail]);
  }

  /** Draws `n` samples of every factor from `samplers` into the factor columns. */
  draw(samplers: Sampler[], n: number): Map<string, Float64Array> {
    const { env, cols } = this;
    const factors = this.model.factors;
    for (let k = 0; k < factors.length; k++) {
      const col = cols[k]!;
      samplers[k]!.fill(col, n);
      env.set(factors[k]!.name, n === col.length ? col : col.subarray(0, n));
    }
    env.delete('outcome');
    return env;
  }
}

/**
 * A pilot sample of the unrestricted model, `n` samples (pilotSamples() of the job): each factor's
 * rank correlation with the outcome.
 */
export function runPilot(
  model: CompiledModel,
  runSeed: string,
  n: number = PILOT_SAMPLES,
  memory?: SampleMemory,
): Pilot {
  const bar = minInfluence(n);
  const samplers = model.factors.map((f) => createSampler(f.dist, createRng(runSeed, 'pilot', f.name)));
  const scratch = new RolloutScratch(model, n, memory);
  const bufs = scratch.cols;
  const env = scratch.draw(samplers, n);
  const out = scratch.outcome.run(env, n);
  assertFinite(out, n, 'the pilot sample');
  const sign = model.maximise ? 1 : -1;
  // The outcome's ranks are the same for every factor: computed once.
  const outRanks = ranks(out);
  const outStats = meanSd(outRanks);
  const influence: FactorInfluence[] = model.factors.map((f, k) => {
    const rho = f.dist.kind === 'constant' ? 0 : spearmanRanked(bufs[k]!, outRanks, outStats);
    const r = Number(rho.toPrecision(6));
    const favourable: 1 | -1 | 0 = Math.abs(r) < bar ? 0 : r * sign > 0 ? 1 : -1;
    return { factor: f.name, rho: Object.is(r, -0) ? 0 : r, favourable };
  });
  influence.sort(
    (a, b) => Math.abs(b.rho) - Math.abs(a.rho) || (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0),
  );
  // Sorted only when the model sets no threshold of its own.
  const threshold = model.threshold ?? quantileSorted(sortedCopy(out), model.maximise ? 0.1 : 0.9);
  scratch.release();
  return { influence, threshold };
}

function assertFinite(xs: Float64Array, n: number, where: string): void {
  let bad = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(xs[i]!)) bad++;
  if (bad > 0) {
    throw new EngineError(
      'BAD_INPUT',
      `The outcome formula gave an impossible value (division by zero, log or square root of a negative number…) in ${bad} of ${n} samples of ${where}. Guard it, e.g. with max(x, 0.0001).`,
      { field: 'model.outcome' },
    );
  }
}

/** One branch's running state: its outcomes so far and the sums the scores need. */
export class BranchRollout {
  readonly outcome: Float64Array;
  drawn = 0;
  failures = 0;
  /** Per factor: sum over all samples, sum of squares, sum over failing samples. */
  readonly factorSum: Float64Array;
  readonly factorSq: Float64Array;
  readonly factorFailSum: Float64Array;
  /** Per stakeholder: sum and sum of squares of their view. */
  readonly viewSum: Float64Array;
  readonly viewSq: Float64Array;
  private readonly samplers: Sampler[];

  constructor(
    readonly plan: BranchPlan,
    private readonly model: CompiledModel,
    runSeed: string,
    readonly target: number,
    private readonly threshold: number,
    memory?: SampleMemory,
  ) {
    this.outcome = memory ? memory.doubles(target) : new Float64Array(target);
    const k = model.factors.length;
    this.factorSum = new Float64Array(k);
    this.factorSq = new Float64Array(k);
    this.factorFailSum = new Float64Array(k);
    this.viewSum = new Float64Array(model.stakeholders.length);
    this.viewSq = new Float64Array(model.stakeholders.length);
    this.samplers = model.factors.map((f) => {
      const s = plan.settings.get(f.name);
      const rng = createRng(runSeed, 'branch', plan.id, 'factor', f.name);
      if (s?.mode === 'pin') return createSampler({ kind: 'constant', value: s.value ?? 0 }, rng);
      return createSampler(f.dist, rng, s ? { lo: s.lo, hi: s.hi } : undefined);
    });
  }

  /**
   * Ends the rollout: its outcomes sorted ascending, in place (the order they were drawn in is not
   * needed any more, and a copy of a large branch costs as much as its sort), and the running sums.
   */
  sums(scratch?: RolloutScratch): BranchSums {
    return {
      sorted: sortDoubles(this.outcome.subarray(0, this.drawn), scratch?.sort),
      drawn: this.drawn,
      failures: this.failures,
      factorSum: this.factorSum,
      factorSq: this.factorSq,
      factorFailSum: this.factorFailSum,
      viewSum: this.viewSum,
      viewSq: this.viewSq,
    };
  }

  /** Stops this branch where it is (a budget ran out); the result is then marked partial. */
  truncate(): void {
    this.stopAt = this.drawn;
  }

  private stopAt = Infinity;

  get done(): boolean {
    if (this.drawn >= this.stopAt) return true;
    return this.drawn >= this.target;
  }

  /** Draws up to `batch` more samples (at most the scratch's batch) using the shared scratch buffers. */
  step(batch: number, scratch: RolloutScratch): number {
    const n = Math.min(batch, scratch.batch, this.target - this.drawn);
    if (n <= 0) return 0;
    const env = scratch.draw(this.samplers, n);
    const out = scratch.outcome.run(env, n);
    assertFinite(out, n, `branch "${this.plan.label}"`);
    this.outcome.set(out, this.drawn);
    const fail = scratch.fail;
    this.failures += markFailures(out, fail, n, this.threshold, this.model.maximise);
    const cols = scratch.cols;
    for (let k = 0; k < cols.length; k++) {
      addColumn(cols[k]!, fail, n, k, this.factorSum, this.factorSq, this.factorFailSum);
    }
    const stakeholders = this.model.stakeholders;
    if (stakeholders.length > 0) {
      env.set('outcome', out);
      for (let k = 0; k < stakeholders.length; k++) {
        const v = scratch.views[k]!.run(env, n);
        const s = sumOf(v, n);
        const sq = sumOfSquares(v, n);
        if (!Number.isFinite(s) || !Number.isFinite(sq)) {
          throw new EngineError(
            'BAD_INPUT',
            `The view of stakeholder "${stakeholders[k]!.name}" gave an impossible value.`,
            { field: 'stakeholders' },
          );
        }
        this.viewSum[k]! += s;
        this.viewSq[k]! += sq;
      }
    }
    this.drawn += n;
    return n;
  }
}

/*
 * A branch's passes over a batch, each loop in a function of its own. Inside `step`, V8 optimised the
 * whole method while its first long loop ran (on-stack replacement), with no feedback yet for the code
 * after that loop, and threw the code away on reaching it: in a job with nothing warmed, `step` was
 * compiled by TurboFan six times (40 ms of compiling, traced with --trace-opt --trace-deopt in Node).
 * Here each loop is optimised on its own, and `step` after a few calls with every path seen. The sums
 * are the same additions in the same order as before. What ends such a function matters as well: one
 * that returned its sums as an object was thrown away on reaching the object at nearly every call of
 * a cold job (118 times in one, --trace-deopt in Chromium), while stores into typed arrays cost at most two
 * deoptimisations (none in the last trace). A column's three sums stay one pass with such stores (three passes took
 * about 5% off the rollout bench); a view's two are a pass each (a few views a batch).
 */

/** Marks each sample that fails the threshold (1, else 0) in `fail`; returns how many did. */
function markFailures(
  out: Float64Array,
  fail: Uint8Array,
  n: number,
  thr: number,
  maximise: boolean,
): number {
  let failures = 0;
  if (maximise) {
    for (let i = 0; i < n; i++) {
      const f = out[i]! < thr ? 1 : 0;
      fail[i] = f;
      failures += f;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const f = out[i]! > thr ? 1 : 0;
      fail[i] = f;
      failures += f;
    }
  }
  return failures;
}

/**
 * Adds a factor's column to its sums at `k`: the sum, the sum of squares and the sum over the failing
 * samples, in one pass (the rollout's most frequent loop: one per factor per batch).
 */
function addColumn(
  col: Float64Array,
  fail: Uint8Array,
  n: number,
  k: number,
  sum: Float64Array,
  sq: Float64Array,
  failSum: Float64Array,
): void {
  let s = 0;
  let q = 0;
  let fs = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i]!;
    s += v;
    q += v * v;
    if (fail[i]) fs += v;
  }
  sum[k]! += s;
  sq[k]! += q;
  failSum[k]! += fs;
}
