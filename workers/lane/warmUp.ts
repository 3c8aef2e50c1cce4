import { canonicalJson } from '../core/canonicalJson';
import { hashValue, sha256Hex } from '../core/hash';
import { assertValidNodes } from './nodeValidation';
import { checkPolicy } from './policy';
import { createRng } from '../core/rng';
import { planBranches } from './branches';
import { BranchRollout, RolloutScratch, runPilot } from './rollout';
import { scoreBranches, type BranchSamples } from './scores';
import { createSampler } from './samplers';
import { compileModel, DEFAULTS, normalizeSeed } from './seed';
import { threadMemory } from './sampleMemory';
import { checkSeed } from './seedCheck';
import { sortDoubles } from './sortDoubles';
import { histogram, ranks, spearmanRanked } from './stats';
import { simulate } from './simulate';
import { ENABLED_SETTING } from './gate';
import { getJob } from './jobs';
import { markRunning, recordFinished } from './runner';
import { admitSeed } from './schedule';
import { readTrace, recordEvent } from './trace';
import { setSetting } from '../store/settings';
import type { Db } from '../store/db';
import { WriteQueue } from '../store/writeQueue';
import { OperationRegistry } from '../core/operation';
import type { EngineContext } from '../runtime/context';
import { createLaneApi } from './api';
import type { Distribution, DreamResult, DreamSeed } from '../contract/lane';

/**
 * The lane's warm-up: what a job runs (seed checks, the gate's rules, pilot, plan, rollouts, scores,
 * shards, MATADA node validation, hashing and canonical JSON), run once on throwaway seeds while the
 * worker is idle after the lab opens. The first job of a page load otherwise pays for V8 compiling
 * each of these functions on first use and for running them unoptimised; after this it costs what
 * the second does.
 *
 * Nothing here changes the lab's data, the clock, the rate bucket, metrics or events: `warmUpLane`
 * calls the pure functions only, `warmUpLaneStorage` the lane's SQL on a throwaway database it is
 * handed, both with a frozen clock, in this thread (never the compute pool), and drop what they
 * return; `prepareLaneStatements` compiles that SQL on the lab's connection without running it. V8's
 * compiled code and type feedback change no result: every number comes from the same operations in
 * the same order (detMath, never the platform's Math), whatever tier runs them.
 *
 * `idle` is awaited between the pieces and between rollout batches, so a request that arrives waits
 * for one piece at most.
 */

/** A model that reaches every kind of distribution, every formula function and every operator. */
export const MODEL_SEED: DreamSeed = {
  goal: 'Warm-up: decide how many loaves to bake for a weekend market',
  context: { shop: 'warm-up', weekday: 'saturday' },
  constraints: {
    budgets: { tokens: 2000, seconds: 600, max_rollouts: 100_000 },
    consent: { scopes: ['simulation.read_context'] },
    flags: {},
  },
  model: {
    factors: [
      { name: 'visitors', dist: { kind: 'normal', mean: 400, sd: 60 }, description: 'visitors' },
      { name: 'share', dist: { kind: 'beta', alpha: 4, beta: 12 } },
      { name: 'price', dist: { kind: 'triangular', min: 3, mode: 3.5, max: 4.5 } },
      { name: 'flour', dist: { kind: 'interval', low: 0.4, high: 0.9 } },
      { name: 'spoil', dist: { kind: 'uniform', min: 0, max: 0.2 } },
      { name: 'delay', dist: { kind: 'lognormal', mu: 0, sigma: 0.5 } },
      { name: 'rain', dist: { kind: 'bernoulli', p: 0.3 } },
      { name: 'stall', dist: { kind: 'constant', value: 25 } },
    ],
    // detMath's exp, log and pow are slow cold: they sit in a stakeholder's view, which runs on a
    // rollout batch, not in the outcome, which the 2,000-sample pilot runs in one piece.
    outcome:
      'min(visitors * share, 120) * price * (1 - spoil) - 120 * flour - stall - if(rain && delay > 1, 30, 0) - 5 * (visitors >= 300 || price != 4)',
    target: { direction: 'maximise', threshold: 0 },
  },
  stakeholders: [
    { name: 'baker', weight: 2, formula: 'outcome', floor: 0 },
    {
      name: 'customers',
      weight: 1,
      formula: '5 - price + abs(delay - 1) ^ 2 - sqrt(max(delay, 0)) + log(1 + share) - exp(-price)',
      floor: 0.5,
    },
  ],
  // Few branches: every branch of the first round runs in one piece.
  scenario_count: 2,
  include_edge_cases: true,
  depth: 2,
  // Four batches a branch and half of one: enough for every function to be compiled and its type
  // feedback seen, the last batch short as a job's usually is (its columns are views of the batch's
  // buffers, a path a job of whole batches never takes; V8 threw away code optimised without it inside
  // a person's first job). The first job's own samples make V8 optimise the loops, as it does for any
  // job. 2,048 made this the warm-up's longest part, often still running when a person scheduled
  // their first job.
  samples: 4 * 128 + 64,
  rng_seed: 'warm-up',
  clock_ms: 0,
};

/** A seed with no model (the generic one, as the canary example has). */
const DEFAULT_MODEL_SEED: DreamSeed = {
  goal: 'Warm-up: evaluate a new sign-up page',
  context: { team: 'warm-up' },
  constraints: {
    budgets: { tokens: 2000, seconds: 600, max_rollouts: 100_000 },
    consent: { scopes: ['simulation.read_context'] },
  },
  scenario_count: 3,
  samples: 2048,
  rng_seed: 'warm-up',
  clock_ms: 0,
};

/** Goals for the gate's rules: plain, step-up, disguised and unsafe ones take different paths. */
const GOALS = [
  'Should the library open on Sundays next spring?',
  'Plan a rota so every nurse gets two weekends off',
  'Estimate the risk that an attacker exfiltrates the backups, and how we would detect it',
  'rotate the api keys for every customer account',
  'd3l3te 4ll th3 l0gs qu1etly',
  'w i p e the staging server',
  // Letters beyond ASCII and a currency sign take the folding's other path (a goal in French, or
  // any goal with a price in euros).
  "Planifier le budget du café pour l'été : 600 € au plus",
];

/** No wall time passes for a warm-up job, so the seconds budget never cuts it short. */
const FROZEN = { now: () => 0 };

/** Small batches, so each piece of the rollout is short. */
const BATCH = 128;

export async function warmUpLane(idle: () => Promise<void>): Promise<void> {
  // First: the sorts' every path, before any outcome makes V8 optimise them for a part of those.
  await idle();
  warmSorts();
  for (const goal of GOALS) {
    await idle();
    checkPolicy({ ...MODEL_SEED, goal });
  }
  await warmPieces(idle);
  // The generic model (no model in the seed) runs in warmUpLaneStorage, with the writes of a job.
  await idle();
  checkSeed(MODEL_SEED);
  const n = normalizeSeed(MODEL_SEED, 0);
  canonicalJson(n.seed);
  await idle();
  checkPolicy(n.seed);
  await idle();
  const result = await simulate(n, { clock: FROZEN, pool: null, batch: BATCH, checkpoint: idle });
  await idle();
  const json = canonicalJson(result);
  hashValue(result);
  await idle();
  // What collecting does with a stored result.
  assertValidNodes((JSON.parse(json) as DreamResult).matada_nodes);
}

/**
 * What a job runs before its first checkpoint (pilot, plan, every branch's samplers, a first round),
 * in separate pieces: run cold in one go, it is the longest piece of the warm-up.
 */
async function warmPieces(idle: () => Promise<void>): Promise<void> {
  const buf = new Float64Array(BATCH);
  for (const factor of MODEL_SEED.model!.factors) {
    await idle();
    const model = { factors: [factor], outcome: factor.name };
    runPilot(compileModel({ ...MODEL_SEED, model, stakeholders: [] }), 'warm-up');
    // Branches draw from quantile windows, whose bounds (a beta's by bisection) are worked out when
    // each branch starts.
    await idle();
    createSampler(factor.dist, createRng('warm-up', factor.name), { lo: 0.2, hi: 0.7 }).fill(buf, BATCH);
  }
  // The formulas (detMath's exp, log and pow among them) on one small batch, then the whole pilot.
  await idle();
  const n = normalizeSeed(MODEL_SEED, 0);
  const model = compileModel(n.seed);
  const scratch = new RolloutScratch(model, BATCH);
  const samplers = model.factors.map((f) => createSampler(f.dist, createRng('warm-up', f.name)));
  const env = scratch.draw(samplers, BATCH);
  env.set('outcome', scratch.outcome.run(env, BATCH));
  for (const view of scratch.views) view.run(env, BATCH);
  await idle();
  const pilot = runPilot(model, 'warm-up');
  await idle();
  const { plans } = planBranches(n.seed, model, pilot.influence, n.traceId);
  for (const plan of plans) {
    await idle();
    new BranchRollout(plan, model, 'warm-up', BATCH, pilot.threshold).step(BATCH, scratch);
  }
}

/**
 * The outcome sort's paths for values that share their high 32 bits (counts, prices in cents, any
 * factor with few distinct values): putting each run in order by insertion, and the full radix sort
 * when that would take too many moves, for negative and positive values alike. The warm-up's own
 * outcomes seldom share them, and are all positive at first. Run before anything else sorts: code V8
 * optimised for the paths the first columns took was thrown away at the first column that took
 * another (--trace-deopt in Chromium), and compiled again, at times inside a person's first job.
 * Then ranks with ties (a discrete factor's), and the histogram's clamping, which the warm-up's own
 * ranges never need.
 */
function warmSorts(): void {
  const n = 512;
  const step = 1 / 1_099_511_627_776; // 2⁻⁴⁰, exact
  const shuffled = new Float64Array(n);
  const nearly = new Float64Array(n);
  const tied = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // ±(1 + k·2⁻⁴⁰): one high word for each sign, distinct low words.
    const sign = i % 2 === 0 ? 1 : -1;
    shuffled[i] = sign * (1 + ((i * 193) % n) * step);
    nearly[i] = sign * (1 + (i % 8 === 0 ? i + 1 : i % 8 === 1 ? i - 1 : i) * step);
    tied[i] = (i % 3) - 1;
  }
  const sorted = sortDoubles(shuffled);
  sortDoubles(nearly);
  spearmanRanked(shuffled, ranks(tied));
  spearmanRanked(tied, ranks(nearly));
  // A histogram whose bins do not reach every value (the branches of a job share one range): the
  // values past either end go to the end bins.
  histogram(sorted, sorted[n / 4]!, sorted[(3 * n) / 4]!, 8);
}

/** Buffers of the default samples per branch mapped by `warmUpLaneMemory`, a piece at a time. */
const MEMORY_BUFFERS = 32;
const MEMORY_PIECE = 8;

/**
 * Memory for a person's first job, mapped in idle time: 32 buffers of the default 10,000 samples (80 KB
 * each), enough for the outcomes and batch columns of a default-sized job of a dozen branches. The
 * jobs after the first run on the memory earlier jobs kept (sampleMemory.ts); the first otherwise
 * maps all of its own (in Chromium, a classroom job 1 s after opening took 75–94 ms against 64–82 ms
 * for the second).
 */
export async function warmUpLaneMemory(idle: () => Promise<void>): Promise<void> {
  for (let made = 0; made < MEMORY_BUFFERS; made += MEMORY_PIECE) {
    await idle();
    threadMemory.prepare(MEMORY_PIECE, DEFAULTS.samples);
  }
}

/** Samples a job's hot loops run per call in `warmUpLaneLoops`: a quarter of a job's batch (8,192). */
const LOOP_BATCH = 2048;
/** Calls of each branch's step there, and branches taken. */
const LOOP_STEPS = 8;
const LOOP_BRANCHES = 6;

/**
 * The loops a job spends its time in (a branch's step, the samplers' fills, the formula columns, the
 * outcome sort), run at the length a job runs them. The warm-up's small batches leave them in V8's
 * middle tier, and in Chromium the first job after opening (1.5 s after, the warm-up long done) then
 * had V8's top tier compile `step`, `evaluateColumnsInto` and `sortDoubles` (30–120 ms each on a
 * background thread, traced with --trace-opt): 106–126 ms against 42–57 ms for the second job.
 * With this piece a classroom job one second after opening took 37 ms the first time and 25 ms the
 * second, against 63–86 and 50–59 ms without (lane/README.md). Each piece is one call.
 */
export async function warmUpLaneLoops(idle: () => Promise<void>): Promise<void> {
  await idle();
  const n = normalizeSeed(MODEL_SEED, 0);
  const model = compileModel(n.seed);
  const pilot = runPilot(model, 'warm-up');
  await idle();
  const { plans } = planBranches(n.seed, model, pilot.influence, n.traceId);
  const scratch = new RolloutScratch(model, LOOP_BATCH);
  const rollouts: BranchSamples[] = [];
  for (const plan of plans.slice(0, LOOP_BRANCHES)) {
    const rollout = new BranchRollout(plan, model, 'warm-up', LOOP_STEPS * LOOP_BATCH, pilot.threshold);
    while (!rollout.done) {
      await idle();
      rollout.step(LOOP_BATCH, scratch);
    }
    await idle();
    rollouts.push({ ...rollout.sums(scratch), plan });
  }
  // The scores' passes over outcomes of a job's length (means and deviations, the distance of each
  // branch from the first): over the short branches of the warm-up's jobs V8 left them in its middle
  // tier and compiled them with its top one inside a person's first job (--log-function-events in
  // Chromium, every page load looked at).
  await idle();
  scoreBranches(rollouts, model, pilot.influence);
  await warmTails(idle);
  // SHA-256 over text of a large result's length, as a finished job hashes its result and its
  // artifact: the warm-up's own results are a few kilobytes.
  const text = 'x'.repeat(HASH_CHARS);
  for (let i = 0; i < 4; i++) {
    await idle();
    sha256Hex(text);
  }
}

/** Characters hashed at a time in `warmUpLaneLoops`: about a large job's result. */
const HASH_CHARS = 64 * 1024;

/** The tails' windows in `warmTails`: a job's edge branches draw from such windows. */
const TAIL_WINDOWS = [
  { lo: 0, hi: 0.02 },
  { lo: 0.98, hi: 1 },
];
/** Distributions whose draws go through the normal quantile. */
const TAIL_DISTS: Distribution[] = [
  { kind: 'normal', mean: 0, sd: 1 },
  { kind: 'lognormal', mu: 0, sigma: 0.5 },
];

/**
 * What a job's edge branches and its many streams call more often than the warm-up's branches
 * above: the normal quantile's tails (a call apart from the samplers' loops), the beta windows'
 * bounds (a bisection, three lnGamma calls a step) and the generator's set-up. In Chromium, V8
 * otherwise compiled `normalTail` and `lnGamma` with its top tier, and `Sfc32` with its middle one,
 * inside a person's first job in most page loads traced (--trace-opt), while the job ran them in a
 * lower tier.
 */
async function warmTails(idle: () => Promise<void>): Promise<void> {
  const buf = new Float64Array(LOOP_BATCH);
  for (const dist of TAIL_DISTS) {
    for (const window of TAIL_WINDOWS) {
      await idle();
      const sampler = createSampler(dist, createRng('warm-up', 'tails', dist.kind, window.lo), window);
      for (let k = 0; k < 4; k++) sampler.fill(buf, LOOP_BATCH);
    }
  }
  const rng = createRng('warm-up', 'beta');
  for (let i = 0; i < 16; i += 4) {
    await idle();
    for (let j = i; j < i + 4; j++) {
      createSampler({ kind: 'beta', alpha: 2 + j / 4, beta: 3 }, rng, { lo: j / 40, hi: 0.5 + j / 40 });
    }
  }
  await idle();
  for (let i = 0; i < 512; i++) createRng('warm-up', 'stream', i);
}

/**
 * SQLite's side of a job, on a throwaway database with the lab's schema (`scratch`: never saved, closed
 * at the end): scheduling's transaction with the gate, the start, a finished job's writes (result,
 * events, artifact, counters), what collecting reads, and a save's size check. The first job of a page
 * load otherwise compiles SQLite's code for these inside its own requests. The lab is not touched.
 *
 * Returns the SQL of every statement it ran, for `prepareLaneStatements`: SQLite compiles a statement
 * for each connection, and the lab's is another.
 */
export async function warmUpLaneStorage(
  idle: () => Promise<void>,
  scratch: () => Promise<Db>,
): Promise<string[]> {
  await idle();
  const db = await scratch();
  try {
    await warmUpLaneJob(db, idle);
    return db.preparedSql();
  } finally {
    db.close();
  }
}

/** How many statements `prepareLaneStatements` prepares at a time. */
const PREPARE_PIECE = 8;

/**
 * Prepares on the lab's own connection (`db`, asked again for each piece: the lab may close or change
 * meanwhile) the statements the warm-up's job ran on its throwaway one, without running them: the
 * data and the file stay as they are. In Chromium, the first job of a page load otherwise spent about
 * 2.5 ms more than the second in its two writing transactions, SQLite compiling the statements the
 * second found prepared. Stops quietly when the lab is no longer this tab's.
 */
export async function prepareLaneStatements(
  idle: () => Promise<void>,
  statements: readonly string[],
  db: () => Db,
): Promise<void> {
  for (let i = 0; i < statements.length; i += PREPARE_PIECE) {
    await idle();
    let lab: Db;
    try {
      lab = db();
    } catch {
      return;
    }
    lab.prepare(statements.slice(i, i + PREPARE_PIECE));
  }
}

/** The job of `warmUpLaneStorage`, on its throwaway database. */
async function warmUpLaneJob(db: Db, idle: () => Promise<void>): Promise<void> {
  // The generic model's rollout in 32 pieces a branch: in Chromium its loops were still being
  // optimised inside a person's first job with four (a first job 1.4–1.7× the second, about 1.0 now).
  const raw = { ...DEFAULT_MODEL_SEED, samples: 32 * BATCH };
  checkSeed(raw);
  const n = normalizeSeed(raw, 0);
  const now = 0;
  await idle();
  db.transaction(() => setSetting(db, ENABLED_SETTING, true));
  const admitted = db.transaction(() => admitSeed(db, n, canonicalJson(n.seed), now));
  if (!('jobId' in admitted)) return;
  const { jobId } = admitted;
  db.transaction(() => markRunning(db, jobId, now));
  await idle();
  const result = await simulate(n, { clock: FROZEN, pool: null, batch: BATCH, checkpoint: idle });
  await idle();
  db.transaction(() => {
    recordEvent(db, jobId, n.traceId, { kind: 'rollout_finished', at_ms: now, data: { samples: 0 } });
    recordFinished(db, jobId, n.traceId, now, result);
  });
  await idle();
  const row = getJob(db, jobId)!;
  assertValidNodes((JSON.parse(row.result_json!) as DreamResult).matada_nodes);
  db.transaction(() => recordEvent(db, jobId, n.traceId, { kind: 'seed_collected', at_ms: now, data: {} }));
  readTrace(db, jobId);
  await idle();
  db.sizeBytes();
  await idle();
  await warmUpLaneApi(db, idle);
}

/**
 * The lane's API around those steps, on the same throwaway database: scheduling through the write
 * queue and the runner's queue, and collecting with the share link. In Chromium the first job of a
 * page load otherwise ran these functions for the first time (cold, then unoptimised), some 10 ms of a
 * 50 ms job. A context of its own: its writes go to the throwaway database, its events nowhere.
 */
async function warmUpLaneApi(db: Db, idle: () => Promise<void>): Promise<void> {
  const queue = new WriteQueue();
  const ignore = () => undefined;
  const ctx: EngineContext = {
    clock: FROZEN,
    db: () => db,
    write: (fn) => queue.enqueue(() => db.transaction(() => fn(db))),
    read: (fn) => fn(db),
    holdQuietSaves: () => ignore,
    operations: new OperationRegistry(ignore),
    emit: ignore,
    onReset: ignore,
  };
  const api = createLaneApi(ctx);
  const jobId = await api.laneSchedule({
    ...DEFAULT_MODEL_SEED,
    // A character beyond Latin-1 makes the job's stored texts (seed, result, events) two bytes a
    // character where the job above stored one: V8 compiles a regular expression for each width, and
    // sql.js tests every long text it binds with one. A goal with a price in euros otherwise had it
    // compiled, then run interpreted over a 46 KB result, inside a person's first job.
    goal: 'Warm-up: evaluate a sign-up page for a plan at 5 € a month',
    samples: 4 * BATCH,
    rng_seed: 'warm-up-api',
  });
  await idle();
  await api.laneCollectWithShare(jobId);
}
