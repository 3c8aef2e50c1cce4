import { canonicalJson } from '../core/canonicalJson';
import { EngineError } from '../core/errors';
import type { EngineContext } from '../runtime/context';
import { requireString } from '../runtime/validate';
import { getSetting, setSetting } from '../store/settings';
import type { LaneApi } from '../contract/lane';
import { verifyArtifactChain } from './artifacts';
import { admitCounters, ASKED_SETTING, checkGate, ENABLED_SETTING } from './gate';
import { getJob, insertJob, listJobs } from './jobs';
import { countDenial, countScheduled } from './laneMetrics';
import { assertValidNodes, validateNode } from './nodeValidation';
import { LaneRunner } from './runner';
import { normalizeSeed } from './seed';
import { readTrace, recordEvent } from './trace';
import type { DreamResult, DreamSeed, FormulaIssue, JobStatus, LaneSettings } from '../contract/lane';

const jobIdArg = (v: unknown) => requireString(v, 'jobId', { min: 1, max: 128 });

/** The lane's API: argument checks, the gate, and the job runner, over the engine context. */
export function createLaneService(ctx: EngineContext): Omit<LaneApi, 'laneSensitivity'> {
  const runner = new LaneRunner(ctx);

  const settings = (): LaneSettings =>
    ctx.read((db) => ({
      enabled: getSetting<boolean>(db, ENABLED_SETTING, false),
      asked: getSetting<boolean>(db, ASKED_SETTING, false),
    }));

  const status = (jobId: string): JobStatus => {
    const row = ctx.read((db) => getJob(db, jobId));
    if (!row) return { job_id: jobId, state: 'unknown', progress: 0 };
    const seed = JSON.parse(row.seed_json) as DreamSeed;
    const b = seed.constraints.budgets ?? {};
    const live = runner.live.get(jobId);
    const end = row.finished_ms ?? (row.started_ms !== null ? ctx.clock.now() : null);
    const secondsUsed = row.started_ms !== null && end !== null ? (end - row.started_ms) / 1000 : 0;
    return {
      job_id: row.job_id,
      state: row.state,
      trace_id: row.trace_id,
      progress: row.state === 'finished' ? 1 : (live?.progress ?? 0),
      created_ms: row.created_ms,
      started_ms: row.started_ms,
      finished_ms: row.finished_ms,
      budgets: {
        max_rollouts: { limit: b.max_rollouts ?? 0, used: live?.samples ?? row.samples_done },
        seconds: { limit: b.seconds ?? 0, used: secondsUsed },
        tokens: { limit: b.tokens ?? 0, used: row.tokens_used },
      },
      partial: row.partial === 1,
      result_hash: row.result_hash,
      error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    };
  };

  return {
    async laneSchedule(raw) {
      await runner.recover();
      const now = ctx.clock.now();
      const n = normalizeSeed(raw, now);
      const seedJson = canonicalJson(n.seed);
      const outcome = await ctx.write((db) => {
        const denial = checkGate(db, n.seed, now);
        if (denial) {
          recordEvent(db, null, n.traceId, {
            kind: 'gate_denied',
            at_ms: now,
            data: { reason: denial.reason, code: denial.code },
          });
          countDenial(db, denial.reason);
          return { denial };
        }
        const jobId = insertJob(db, n.seed, n.traceId, seedJson, now);
        admitCounters(db, n.seed.tenant ?? 'local', now);
        recordEvent(db, jobId, n.traceId, {
          kind: 'seed_scheduled',
          at_ms: now,
          data: { context_keys: n.contextKeys, default_model: n.modelIsDefault },
        });
        countScheduled(db);
        return { jobId };
      });
      if ('denial' in outcome) {
        const d = outcome.denial!;
        throw new EngineError(d.code, d.message, { reason: d.reason, hint: d.hint, ...(d.details ?? {}) });
      }
      runner.kick();
      return outcome.jobId;
    },

    async laneStatus(jobId) {
      return status(jobIdArg(jobId));
    },

    async laneCollect(jobId) {
      const id = jobIdArg(jobId);
      await runner.recover();
      if (!ctx.read((db) => getJob(db, id))) throw new EngineError('NOT_FOUND', `There is no job ${id}.`);
      while (runner.isOpen(id)) {
        const done = runner.wait(id);
        runner.kick();
        await done;
      }
      const row = ctx.read((db) => getJob(db, id))!;
      if (row.state === 'cancelled')
        throw new EngineError('CANCELLED', 'The job was cancelled before it finished.');
      if (row.state === 'failed')
        throw new EngineError(row.error_code ?? 'INTERNAL', row.error_message ?? 'The job failed.');
      const result = JSON.parse(row.result_json!) as DreamResult;
      // Checked again on the way out: a result changed in storage must not hand out invalid nodes.
      assertValidNodes(result.matada_nodes);
      await ctx.write((db) =>
        recordEvent(db, id, row.trace_id, {
          kind: 'seed_collected',
          at_ms: ctx.clock.now(),
          data: { result_hash: row.result_hash },
        }),
      );
      return result;
    },

    async laneCancel(jobId) {
      const id = jobIdArg(jobId);
      if (runner.live.has(id)) return ctx.operations.cancel(id);
      const now = ctx.clock.now();
      const changed = await ctx.write((db) => {
        const row = getJob(db, id);
        if (!row || row.state !== 'queued') return false;
        db.run(
          "UPDATE lane_jobs SET state = 'cancelled', finished_ms = ?, error_code = 'CANCELLED', error_message = ? WHERE job_id = ?",
          [now, 'Cancelled while queued.', id],
        );
        recordEvent(db, id, row.trace_id, {
          kind: 'job_cancelled',
          at_ms: now,
          data: { code: 'CANCELLED', samples: 0 },
        });
        return true;
      });
      if (changed) runner.kick();
      return changed;
    },

    async laneListJobs() {
      await runner.recover();
      return ctx.read((db) => listJobs(db));
    },

    async laneTrace(jobId) {
      const id = jobIdArg(jobId);
      return ctx.read((db) => readTrace(db, id));
    },

    async laneJobSeed(jobId) {
      const id = jobIdArg(jobId);
      const row = ctx.read((db) => getJob(db, id));
      if (!row) throw new EngineError('NOT_FOUND', `There is no job ${id}.`);
      return JSON.parse(row.seed_json) as DreamSeed;
    },

    async laneGetSettings() {
      return settings();
    },

    async laneSetEnabled(enabled) {
      if (typeof enabled !== 'boolean') throw new EngineError('BAD_INPUT', 'enabled must be true or false.');
      await ctx.write((db) => {
        setSetting(db, ENABLED_SETTING, enabled);
        setSetting(db, ASKED_SETTING, true);
      });
      return settings();
    },

    async laneVerifyArtifacts() {
      return ctx.read(verifyArtifactChain);
    },

    async laneCheckSeed(raw) {
      try {
        normalizeSeed(raw, 0);
        return [];
      } catch (err) {
        if (!(err instanceof EngineError) || err.code !== 'BAD_INPUT') throw err;
        const d = err.details ?? {};
        if (Array.isArray(d.issues)) return d.issues as FormulaIssue[];
        return [{ field: typeof d.field === 'string' ? d.field : 'seed', message: err.message }];
      }
    },

    async laneValidateNode(node) {
      return validateNode(node);
    },
  };
}
