import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonicalJson';
import { ManualClock } from '../core/clock';
import { EngineError } from '../core/errors';
import type { SqlJsDb } from '../store/db';
import { openTestDb } from '../store/testDb';
import type { LaneApi } from '../contract/lane';
import { createLaneApi } from './api';
import { createTestContext } from '../runtime/testContext';
import type { DreamSeed } from '../contract/lane';
import { validateNode } from './nodeValidation';

// The lane's canaries (seeds/002_simulation_lane.md), kept and made real.

const example = JSON.parse(readFileSync('public/examples/onboarding.json', 'utf8')) as { seed: DreamSeed };

function seed(
  opts: { consented?: boolean; duress?: boolean; context?: Record<string, unknown> } = {},
): DreamSeed {
  const s = structuredClone(example.seed);
  s.constraints.consent.scopes = opts.consented === false ? [] : ['simulation.read_context'];
  s.constraints.flags = { duress_active: opts.duress === true };
  if (opts.context) s.context = opts.context;
  return s;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as EngineError).code;
  }
  return 'resolved';
}

let db: SqlJsDb;
let api: LaneApi;
let clock: ManualClock;

beforeEach(async () => {
  db = await openTestDb();
  clock = new ManualClock(1_767_225_600_000);
  api = createLaneApi(createTestContext(db, clock));
  await api.laneSetEnabled(true);
});

describe('lane canaries', () => {
  it('happy path: schedule → status → collect gives shards, an LT- trace id and valid nodes', async () => {
    const jobId = await api.laneSchedule(seed());
    const st = await api.laneStatus(jobId);
    expect(['queued', 'running', 'finished']).toContain(st.state);
    const result = await api.laneCollect(jobId);
    expect(result.trace_id).toMatch(/^LT-[0-9a-f]{16}$/);
    expect(result.shards).toHaveLength(5);
    expect(result.shards.every((s) => s.type === 'dream_shard')).toBe(true);
    expect(result.matada_nodes).toHaveLength(5);
    for (const node of result.matada_nodes) {
      expect(node.id.startsWith(`${result.trace_id}#N`)).toBe(true);
      expect(node.type).toBe('HYPOTHESIS');
      expect(validateNode(node)).toEqual({ valid: true, errors: [] });
    }
    expect(result.schema_ref).toBe('lukhas://schemas/matada_node_v1.json');
    expect(result.partial).toBe(false);
    const done = await api.laneStatus(jobId);
    expect(done.state).toBe('finished');
    expect(done.progress).toBe(1);
    expect(done.result_hash).toMatch(/^[0-9a-f]{64}$/);
    const kinds = (await api.laneTrace(jobId)).map((e) => e.kind);
    expect(kinds).toEqual([
      'seed_scheduled',
      'rollout_started',
      'rollout_finished',
      'job_finished',
      'seed_collected',
    ]);
  });

  it('denies a seed without consent', async () => {
    await expect(api.laneSchedule(seed({ consented: false }))).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
      details: { reason: 'consent' },
    });
  });

  it('denies a seed under duress', async () => {
    await expect(api.laneSchedule(seed({ duress: true }))).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
      details: { reason: 'duress' },
    });
  });

  it('is blocked while the feature flag is off (the default)', async () => {
    const fresh = createLaneApi(createTestContext(await openTestDb(), clock));
    expect(await fresh.laneGetSettings()).toEqual({ enabled: false, asked: false });
    expect(await code(fresh.laneSchedule(seed()))).toBe('SIMULATION_DISABLED');
    await api.laneSetEnabled(false);
    expect(await code(api.laneSchedule(seed()))).toBe('SIMULATION_DISABLED');
  });

  it('imports no adapter, network or UI module', () => {
    const forbidden = [
      /adapters?\//,
      /gmail_/,
      /drive_/,
      /dropbox_/,
      /perplexity_/,
      /openai_/,
      /anthropic_/,
      /gemini_/,
      /from 'react/,
      /\/src\//,
      /\bfetch\(/,
      /XMLHttpRequest/,
      /WebSocket/,
    ];
    const dir = 'workers/lane';
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('Plugin.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      const imports = src
        .split('\n')
        .filter((l) => /^\s*import\b|require\(/.test(l))
        .join('\n');
      for (const re of forbidden)
        expect(re.test(imports) || (re.source.includes('fetch') && re.test(src)), `${f} ${re}`).toBe(false);
    }
  });

  it('same seed ⇒ byte-identical result (and the same trace id)', async () => {
    const a = await api.laneCollect(await api.laneSchedule(seed()));
    clock.advance(3_600_000);
    const other = createLaneApi(createTestContext(await openTestDb(), new ManualClock(5)));
    await other.laneSetEnabled(true);
    const b = await other.laneCollect(await other.laneSchedule(seed()));
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    const s2 = seed();
    s2.rng_seed = 'another';
    const c = await api.laneCollect(await api.laneSchedule(s2));
    expect(c.trace_id).not.toBe(a.trace_id);
    expect(canonicalJson(c.branches)).not.toBe(canonicalJson(a.branches));
  });

  it('budget exceeded is reported, not hidden', async () => {
    // The reference's own canary budget: 3 rollouts cannot cover 5 branches of samples.
    const s = seed();
    s.constraints.budgets = { tokens: 1500, seconds: 1, max_rollouts: 3 };
    const jobId = await api.laneSchedule(s);
    await expect(api.laneCollect(jobId)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    const st = await api.laneStatus(jobId);
    expect(st.state).toBe('failed');
    expect(st.error?.code).toBe('BUDGET_EXCEEDED');
    expect((await api.laneTrace(jobId)).map((e) => e.kind)).toContain('budget_exceeded');
    // With room for a smaller sample, the result is explicitly partial.
    s.constraints.budgets = { tokens: 1500, seconds: 1, max_rollouts: 5_000 };
    const partial = await api.laneCollect(await api.laneSchedule(s));
    expect(partial.partial).toBe(true);
    expect(partial.budget_exceeded).toEqual(['max_rollouts']);
    expect(partial.samples.per_branch).toBe(1_000);
    expect(partial.warnings.some((w) => w.startsWith('Partial result'))).toBe(true);
    const metrics = db.all<{ labels: string; value: number }>(
      "SELECT labels, value FROM metrics WHERE name = 'lane_budget_overruns_total'",
    );
    expect(metrics).toEqual([{ labels: '{"budget":"max_rollouts"}', value: 2 }]);
  });

  it('never lets a context secret into the output, trace, status, jobs or artifacts', async () => {
    const secret = 'sk-LIVE-7f3a9c-SECRET';
    const jobId = await api.laneSchedule(
      seed({ context: { api_key: secret, nested: { token: `${secret}-2` } } }),
    );
    const result = await api.laneCollect(jobId);
    expect(result.context_keys).toEqual(['api_key', 'nested']);
    const everything = [
      JSON.stringify(result),
      JSON.stringify(await api.laneStatus(jobId)),
      JSON.stringify(await api.laneTrace(jobId)),
      JSON.stringify(await api.laneListJobs()),
      JSON.stringify(await api.laneJobSeed(jobId)),
      JSON.stringify(db.raw.exec('SELECT * FROM lane_jobs, lane_trace, lane_artifacts')),
      Buffer.from(db.export()).toString('latin1'),
    ].join('\n');
    expect(everything).not.toContain('sk-LIVE');
    expect(everything).toContain('api_key');
  });
});

describe('artifacts chain', () => {
  it('appends one row per result and detects tampering', async () => {
    await api.laneCollect(await api.laneSchedule(seed()));
    await api.laneCollect(await api.laneSchedule({ ...seed(), rng_seed: 'x' }));
    expect(await api.laneVerifyArtifacts()).toMatchObject({ ok: true, rows: 2, broken_at: null });
    db.run('DROP TRIGGER lane_artifacts_no_update');
    db.run("UPDATE lane_artifacts SET payload_json = '{}' WHERE id = 1");
    expect(await api.laneVerifyArtifacts()).toMatchObject({ ok: false, broken_at: 1 });
  });

  it('refuses updates and deletes of artifacts', async () => {
    await api.laneCollect(await api.laneSchedule(seed()));
    expect(() => db.run("UPDATE lane_artifacts SET kind = 'x'")).toThrow(/append-only/);
    expect(() =>
      db.run('DELETE FROM lane_artifacts WHERE id = (SELECT MAX(id) FROM lane_artifacts)'),
    ).toThrow(/append-only/);
    expect(await api.laneVerifyArtifacts()).toMatchObject({ ok: true, rows: 1 });
  });
});

describe('errors', () => {
  it('EngineError is what crosses', () => {
    expect(new EngineError('BAD_INPUT', 'x').code).toBe('BAD_INPUT');
  });
});
