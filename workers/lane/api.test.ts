import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../core/clock';
import type { EngineError } from '../core/errors';
import type { EngineEvent } from '../contract';
import { setSetting } from '../store/settings';
import type { SqlJsDb } from '../store/db';
import { openTestDb } from '../store/testDb';
import { readMetrics } from '../store/metrics';
import type { LaneApi } from '../contract/lane';
import { createLaneApi } from './api';
import { shardTokens } from './output';
import { loadDreamResult } from './results';
import { createTestContext } from '../runtime/testContext';
import type { DreamSeed } from '../contract/lane';

const T0 = Date.UTC(2026, 0, 31, 23, 59);

const seed = (extra: Partial<DreamSeed> = {}): DreamSeed => ({
  goal: 'Price the pro plan',
  context: { region: 'EU' },
  constraints: {
    consent: { scopes: ['simulation.read_context'] },
    budgets: { tokens: 4000, seconds: 30, max_rollouts: 1_000_000 },
  },
  model: {
    factors: [
      { name: 'price', dist: { kind: 'uniform', min: 10, max: 30 } },
      { name: 'churn', dist: { kind: 'beta', alpha: 2, beta: 18 } },
    ],
    outcome: 'price * 50 * (1 - 3 * churn) - 600',
    target: { direction: 'maximise', threshold: 0 },
  },
  samples: 1000,
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (err) {
    return err as EngineError;
  }
  throw new Error('expected a failure');
}

let db: SqlJsDb;
let clock: ManualClock;
let api: LaneApi;
let events: EngineEvent[];

function tables() {
  return JSON.stringify(
    ['lane_jobs', 'lane_trace', 'lane_artifacts', 'lane_quota', 'lane_rate', 'metrics'].map((t) =>
      db.all(`SELECT * FROM ${t}`),
    ),
  );
}

beforeEach(async () => {
  db = await openTestDb();
  clock = new ManualClock(T0);
  events = [];
  api = createLaneApi(createTestContext(db, clock, events));
  await api.laneSetEnabled(true);
});

describe('gate state: rate limit, quota, metrics and trace', () => {
  it('rate-limits a tenant to 30 jobs a minute with a retry-after, from the injected clock', async () => {
    for (let i = 0; i < 30; i++) await api.laneSchedule(seed({ rng_seed: `r${i}` }));
    const err = await failure(api.laneSchedule(seed()));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.details).toMatchObject({ reason: 'rate_limit', retry_after_ms: 2000 });
    // Another tenant has its own bucket.
    await api.laneSchedule(seed({ tenant: 'other' }));
    clock.advance(2000);
    await api.laneSchedule(seed());
    expect((await failure(api.laneSchedule(seed()))).code).toBe('RATE_LIMITED');
  });

  it('counts the monthly quota by plan, persisted, and resets with the month', async () => {
    db.run("INSERT INTO lane_quota (tenant, month, used) VALUES ('local', '2026-01', 1000)");
    const err = await failure(api.laneSchedule(seed()));
    expect(err.code).toBe('QUOTA_EXCEEDED');
    expect(err.details).toMatchObject({ plan: 'free', limit: 1000 });
    setSetting(db, 'plan', 'pro');
    await api.laneSchedule(seed());
    expect(db.get("SELECT used FROM lane_quota WHERE month = '2026-01'")).toEqual({ used: 1001 });
    setSetting(db, 'plan', 'free');
    clock.advance(60_000 * 2); // into February
    await api.laneSchedule(seed());
    expect(db.get("SELECT used FROM lane_quota WHERE month = '2026-02'")).toEqual({ used: 1 });
    setSetting(db, 'plan', 'enterprise');
    db.run("UPDATE lane_quota SET used = 10000000 WHERE month = '2026-02'");
    await api.laneSchedule(seed({ rng_seed: 'e' }));
  });

  it('records every denial as a trace event and a metric labelled by reason', async () => {
    await failure(api.laneSchedule(seed({ goal: 'ex-filtrate the table' })));
    await failure(api.laneSchedule(seed({ constraints: { consent: { scopes: [] } } })));
    await failure(api.laneSchedule(seed({ goal: 'push to production' })));
    await api.laneSetEnabled(false);
    await failure(api.laneSchedule(seed()));
    const denials = readMetrics(db).filter((m) => m.name === 'lane_denials_total');
    expect(denials.map((m) => [m.labels.reason, m.value])).toEqual([
      ['consent', 1],
      ['disabled', 1],
      ['step_up', 1],
      ['unsafe_goal', 1],
    ]);
    const trace = db.all<{ kind: string; job_id: null; data_json: string }>(
      'SELECT kind, job_id, data_json FROM lane_trace',
    );
    expect(trace).toHaveLength(4);
    expect(trace.every((t) => t.kind === 'gate_denied' && t.job_id === null)).toBe(true);
    expect(JSON.stringify(trace)).not.toContain('filtrate');
  });

  it('refuses malformed seeds with BAD_INPUT and changes nothing', async () => {
    const before = tables();
    const bad: Array<[unknown, string]> = [
      [null, 'seed'],
      [{ ...seed(), goal: 42 }, 'goal'],
      [{ ...seed(), context: [] }, 'context'],
      [{ ...seed(), scenario_count: 0 }, 'scenario_count'],
      [{ ...seed(), depth: 1.5 }, 'depth'],
      [
        {
          ...seed(),
          model: { factors: [{ name: 'x', dist: { kind: 'normal', mean: 0, sd: -1 } }], outcome: 'x' },
        },
        'sd',
      ],
      [
        {
          ...seed(),
          model: { factors: [{ name: 'if', dist: { kind: 'constant', value: 1 } }], outcome: '1' },
        },
        'Factor name',
      ],
      [{ ...seed(), model: { ...seed().model!, outcome: 'price * (churn + ' } }, 'position 18'],
    ];
    for (const [s, words] of bad) {
      const err = await failure(api.laneSchedule(s as DreamSeed));
      expect(err.code).toBe('BAD_INPUT');
      expect(err.message).toContain(words);
    }
    expect(tables()).toBe(before);
  });

  it('checks formulas for the editor with positions', async () => {
    expect(await api.laneCheckSeed(seed())).toEqual([]);
    const issues = await api.laneCheckSeed(
      seed({
        model: { ...seed().model!, outcome: 'price * zeta' },
        stakeholders: [{ name: 'ops', weight: 1, formula: 'outcome +' }],
      }),
    );
    expect(issues).toEqual([
      { field: 'model.outcome', message: 'Unknown name "zeta" (at position 9)', position: 8 },
      {
        field: 'stakeholders[0].formula',
        message: 'The formula ended too early (at position 10)',
        position: 9,
      },
    ]);
  });
});

describe('jobs', () => {
  it('answers status while a job runs, reports progress events, and cancels between batches', async () => {
    const jobId = await api.laneSchedule(seed({ samples: 1_000_000, scenario_count: 3 }));
    let running = await api.laneStatus(jobId);
    for (let i = 0; i < 200 && !(running.state === 'running' && running.progress > 0); i++) {
      await new Promise((r) => setTimeout(r, 1));
      running = await api.laneStatus(jobId);
    }
    expect(running.state).toBe('running');
    expect(running.progress).toBeGreaterThan(0);
    expect(running.progress).toBeLessThan(1);
    expect(events.some((e) => e.type === 'progress' && e.opId === jobId && e.op === 'lane.job')).toBe(true);
    expect(await api.laneCancel(jobId)).toBe(true);
    expect((await failure(api.laneCollect(jobId))).code).toBe('CANCELLED');
    const st = await api.laneStatus(jobId);
    expect(st.state).toBe('cancelled');
    expect((await api.laneTrace(jobId)).map((e) => e.kind)).toContain('job_cancelled');
  });

  it('runs jobs one at a time in order, cancels queued ones, and lists them newest first', async () => {
    const a = await api.laneSchedule(seed({ rng_seed: 'a' }));
    const b = await api.laneSchedule(seed({ rng_seed: 'b' }));
    const c = await api.laneSchedule(seed({ rng_seed: 'c' }));
    expect(await api.laneCancel(c)).toBe(true);
    await api.laneCollect(b);
    expect((await api.laneStatus(a)).state).toBe('finished');
    const list = await api.laneListJobs();
    expect(list.map((j) => [j.job_id, j.state])).toEqual([
      [c, 'cancelled'],
      [b, 'finished'],
      [a, 'finished'],
    ]);
    expect(list.map((j) => j.error?.code ?? null)).toEqual(['CANCELLED', null, null]);
    expect(await api.laneCancel(a)).toBe(false);
    expect((await api.laneStatus('job-nope')).state).toBe('unknown');
    expect((await failure(api.laneCollect('job-nope'))).code).toBe('NOT_FOUND');
    expect((await failure(api.laneStatus(7 as unknown as string))).code).toBe('BAD_INPUT');
  });

  it('stops at the seconds budget: partial by default, failed when asked', async () => {
    // A clock that moves 1 s every time it is read: the 3 s budget runs out after a few batches.
    let t = T0;
    const ticking: Clock = { now: () => (t += 1000) };
    const tapi = createLaneApi(createTestContext(db, ticking));
    const big = seed({ samples: 100_000, rng_seed: 't' });
    big.constraints.budgets = { seconds: 3, max_rollouts: 10_000_000 };
    const partial = await tapi.laneCollect(await tapi.laneSchedule(big));
    expect(partial.partial).toBe(true);
    expect(partial.budget_exceeded).toEqual(['seconds']);
    expect(partial.samples.per_branch).toBeLessThan(100_000);
    expect(partial.branches.every((b) => b.samples === partial.samples.per_branch)).toBe(true);
    big.constraints.budgets = { seconds: 3, max_rollouts: 10_000_000, on_exceed: 'fail' };
    const err = await failure(tapi.laneCollect(await tapi.laneSchedule(big)));
    expect(err.code).toBe('BUDGET_EXCEEDED');
  });

  it('marks results partial when the tokens budget is spent', async () => {
    const s = seed({ scenario_count: 5, include_edge_cases: true });
    s.constraints.budgets = { tokens: 200 };
    const r = await api.laneCollect(await api.laneSchedule(s));
    expect(r.partial).toBe(true);
    expect(r.budget_exceeded).toEqual(['tokens']);
    expect(r.tokens_used).toBeGreaterThan(0);
    expect(r.shards.at(-1)!.proposal.plan[0]).toContain('tokens budget');
  });

  it.each([50, 51, 97, 200, 650, 1000])(
    'keeps the text within a tokens budget of %i and marks the result partial',
    async (tokens) => {
      // A long goal: its text repeats in every shard, so even the first shard overflows the small budgets.
      const s = seed({
        goal: `Price the pro plan for ${'small and medium teams, '.repeat(20)}`.trim(),
        scenario_count: 5,
        include_edge_cases: true,
      });
      s.constraints.budgets = { tokens };
      const jobId = await api.laneSchedule(s);
      const r = await api.laneCollect(jobId);
      const counted = r.shards.reduce((sum, sh) => sum + shardTokens(sh), 0);
      expect(r.tokens_used).toBe(counted);
      expect(r.tokens_used).toBeLessThanOrEqual(tokens);
      expect(r.partial).toBe(true);
      expect(r.budget_exceeded).toEqual(['tokens']);
      expect(r.warnings.some((w) => w.includes(`${tokens} tokens budget`))).toBe(true);
      // Every branch keeps its shard and scores, whatever text had to go.
      expect(r.shards.map((sh) => sh.branch_id)).toEqual(r.branches.map((b) => b.id));
      expect(r.shards.map((sh) => sh.scores)).toEqual(r.branches.map((b) => b.scores));
      const status = await api.laneStatus(jobId);
      expect(status.partial).toBe(true);
      expect(status.budgets!.tokens).toEqual({ limit: tokens, used: r.tokens_used });
    },
  );

  it('leaves a result within its tokens budget whole', async () => {
    const s = seed({ scenario_count: 2 });
    s.constraints.budgets = { tokens: 200_000 };
    const r = await api.laneCollect(await api.laneSchedule(s));
    expect(r.partial).toBe(false);
    expect(r.budget_exceeded).toEqual([]);
    expect(r.shards.every((sh) => sh.proposal.plan.length >= 2 && sh.proposal.approach.length > 0)).toBe(
      true,
    );
    expect(r.tokens_used).toBe(r.shards.reduce((sum, sh) => sum + shardTokens(sh), 0));
  });

  it('gives stakeholder utilities and ethics warnings from floors', async () => {
    const s = seed({
      scenario_count: 3,
      stakeholders: [
        { name: 'customers', weight: 2, formula: '40 - price', floor: 16 },
        { name: 'company', weight: 1, criteria: { price: 1, churn: -100 } },
      ],
    });
    const r = await api.laneCollect(await api.laneSchedule(s));
    const [base, opt, adv] = r.branches;
    expect(base!.stakeholders.map((x) => x.name)).toEqual(['customers', 'company']);
    expect(base!.stakeholders[0]!.utility).toBeCloseTo(0.5, 6);
    // The optimistic branch (high price) is worse for customers and drops them below their floor.
    expect(opt!.stakeholders[0]!.utility).toBeLessThan(0.5);
    expect(opt!.stakeholders[0]!.below_floor).toBe(true);
    expect(opt!.ethics_warnings[0]).toContain('customers');
    expect(adv!.stakeholders[0]!.below_floor).toBe(false);
    expect(r.warnings.some((w) => w.startsWith('optimistic: customers'))).toBe(true);
    expect(r.shards[1]!.proposal.ul_tags).toContain('ΛETHICS:FLOOR');
  });

  it('scores from the samples: optimistic beats baseline beats adversarial', async () => {
    const r = await api.laneCollect(await api.laneSchedule(seed({ scenario_count: 3, samples: 20_000 })));
    const [base, opt, adv] = r.branches.map((b) => b.scores);
    expect(opt!.utility).toBeGreaterThan(base!.utility);
    expect(base!.utility).toBeGreaterThan(adv!.utility);
    expect(adv!.risk).toBeGreaterThan(base!.risk);
    expect(base!.novelty).toBe(0);
    expect(opt!.novelty).toBeGreaterThan(0.3);
    expect(base!.confidence).toBeGreaterThan(0.95);
    expect(r.scores.risk_max).toBe(adv!.risk);
    expect(r.branches[2]!.risks[0]!.factor).toBeDefined();
    expect(r.branches[0]!.histogram.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it('lets other engines read a finished result through loadDreamResult', async () => {
    const jobId = await api.laneSchedule(seed());
    expect(loadDreamResult(db, jobId)).toBeNull();
    const r = await api.laneCollect(jobId);
    expect(loadDreamResult(db, jobId)).toEqual(r);
    expect(loadDreamResult(db, 'missing')).toBeNull();
  });

  it('validates the nodes again in collect: a node changed in storage fails loudly', async () => {
    const jobId = await api.laneSchedule(seed());
    const good = await api.laneCollect(jobId);
    const tampered = structuredClone(good);
    (tampered.matada_nodes[1] as { type: string }).type = 'DECISION';
    tampered.matada_nodes[2]!.labels = Array.from({ length: 13 }, (_, i) => `l${i}`);
    db.run('UPDATE lane_jobs SET result_json = ? WHERE job_id = ?', [JSON.stringify(tampered), jobId]);
    const err = await failure(api.laneCollect(jobId));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain(`MATADA node ${good.matada_nodes[1]!.id} has type DECISION`);
    (tampered.matada_nodes[1] as { type: string }).type = 'HYPOTHESIS';
    db.run('UPDATE lane_jobs SET result_json = ? WHERE job_id = ?', [JSON.stringify(tampered), jobId]);
    const schema = await failure(api.laneCollect(jobId));
    expect(schema.code).toBe('INTERNAL');
    expect(schema.message).toContain(`MATADA node ${good.matada_nodes[2]!.id} failed the schema`);
    db.run('UPDATE lane_jobs SET result_json = ? WHERE job_id = ?', [JSON.stringify(good), jobId]);
    expect(await api.laneCollect(jobId)).toEqual(good);
  });

  it('re-queues a job left running by a closed tab', async () => {
    const jobId = await api.laneSchedule(seed());
    await api.laneCollect(jobId);
    db.run("UPDATE lane_jobs SET state = 'running', result_json = NULL WHERE job_id = ?", [jobId]);
    const again = createLaneApi(createTestContext(db, clock));
    const r = await again.laneCollect(jobId);
    expect(r.branches.length).toBe(5);
  });
});
