import { canonicalJson } from '../core/canonicalJson';
import { EngineError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import type { EngineContext } from '../runtime/context';
import type { Db } from '../store/db';
import { appendArtifact } from './artifacts';
import { getJobState, nextQueued, type JobRow } from './jobs';
import type { JobSeeds } from './jobSeeds';
import { countBudgetOverrun, countDream, countSamples } from './laneMetrics';
import { simulate } from './simulate';
import { recordEvent, type PendingEvent } from './trace';
import type { DreamResult } from '../contract/lane';

export interface LiveJob {
  progress: number;
  samples: number;
  startedMs: number;
}

/**
 * Runs queued jobs one at a time. A job's rollouts run in batches with a checkpoint between them, so
 * status and cancel calls are answered while it runs; its result, trace and artifact are written in
 * one transaction at the end.
 */
export class LaneRunner {
  readonly live = new Map<string, LiveJob>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private active = false;
  private pending = false;
  private recovered = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly seeds: JobSeeds,
  ) {
    ctx.onReset(() => {
      this.recovered = false;
    });
  }

  /** Jobs left "running" by a closed tab go back to the queue, once per opened database. */
  async recover(): Promise<void> {
    if (this.recovered) return;
    this.recovered = true;
    const stale = this.ctx.read(
      (db) => db.get<{ n: number }>("SELECT count(*) AS n FROM lane_jobs WHERE state = 'running'")?.n ?? 0,
    );
    if (stale > 0 && this.live.size === 0) {
      await this.ctx.write((db) =>
        db.run("UPDATE lane_jobs SET state = 'queued', started_ms = NULL WHERE state = 'running'"),
      );
    }
    this.kick();
  }

  kick(): void {
    this.pending = true;
    if (this.active) return;
    this.active = true;
    void this.drain();
  }

  /** Resolves when the job is no longer queued or running. */
  wait(jobId: string): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(jobId) ?? [];
      list.push(resolve);
      this.waiters.set(jobId, list);
    });
  }

  private notify(jobId: string): void {
    const list = this.waiters.get(jobId) ?? [];
    this.waiters.delete(jobId);
    for (const w of list) w();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        this.pending = false;
        for (;;) {
          let job: JobRow | undefined;
          try {
            job = this.ctx.read(nextQueued);
          } catch {
            job = undefined; // the database is not open in this tab (standby): nothing to run here
          }
          if (!job) break;
          try {
            await this.run(job);
          } catch {
            return; // the database went away mid-job (tab hand-over); the job is requeued on next open
          }
        }
      }
    } finally {
      this.active = false;
    }
  }

  private async run(job: JobRow): Promise<void> {
    const { job_id: jobId, trace_id: traceId } = job;
    const ctx = this.ctx;
    const started = ctx.clock.now();
    const events: PendingEvent[] = [];
    const live: LiveJob = { progress: 0, samples: 0, startedMs: started };
    this.live.set(jobId, live);
    try {
      const changed = await ctx.write((db) => markRunning(db, jobId, started));
      if (changed === 0) return; // cancelled while waiting in the queue
      let result: DreamResult | null = null;
      let failure: EngineError | null = null;
      try {
        const n = this.seeds.of(job);
        result = await ctx.operations.run(jobId, 'lane.job', (op) =>
          simulate(n, {
            clock: ctx.clock,
            checkpoint: () => op.checkpoint(),
            progress: (step, current, total) => {
              live.progress = total > 0 ? current / total : 0;
              live.samples = current;
              op.progress(step, current, total);
            },
            event: (kind, data) => events.push({ kind, at_ms: ctx.clock.now(), data }),
          }),
        );
      } catch (err) {
        failure =
          err instanceof EngineError
            ? err
            : new EngineError(
                'INTERNAL',
                `The job failed: ${err instanceof Error ? err.message : String(err)}`,
              );
      }
      const now = ctx.clock.now();
      await ctx.write((db) => {
        for (const e of events) recordEvent(db, jobId, traceId, e);
        for (const e of events)
          if (e.kind === 'budget_exceeded') countBudgetOverrun(db, String(e.data.budget));
        if (result) {
          recordFinished(db, jobId, traceId, now, result);
        } else {
          const cancelled = failure!.code === 'CANCELLED';
          db.run(
            'UPDATE lane_jobs SET state = ?, finished_ms = ?, samples_done = ?, error_code = ?, error_message = ? WHERE job_id = ?',
            [cancelled ? 'cancelled' : 'failed', now, live.samples, failure!.code, failure!.message, jobId],
          );
          recordEvent(db, jobId, traceId, {
            kind: cancelled ? 'job_cancelled' : 'job_failed',
            at_ms: now,
            data: { code: failure!.code, samples: live.samples },
          });
          countDream(db, cancelled ? 'cancelled' : 'failed');
          if (live.samples > 0) countSamples(db, live.samples);
        }
      });
    } finally {
      this.live.delete(jobId);
      this.notify(jobId);
    }
  }

  /** Whether a job is queued or running (and so may still change). */
  isOpen(jobId: string): boolean {
    const state = this.ctx.read((db) => getJobState(db, jobId));
    return state === 'queued' || state === 'running';
  }
}

/** The queued job starts; 0 when it was cancelled while it waited. */
export function markRunning(db: Db, jobId: string, now: number): number {
  return db.run(
    "UPDATE lane_jobs SET state = 'running', started_ms = ? WHERE job_id = ? AND state = 'queued'",
    [now, jobId],
  );
}

/** A finished job's writes: its result and hash, the closing event, the artifact and the counters. */
export function recordFinished(
  db: Db,
  jobId: string,
  traceId: string,
  now: number,
  result: DreamResult,
): void {
  // One canonical form: stored, and hashed (hashValue would write it a second time).
  const json = canonicalJson(result);
  const hash = sha256Hex(json);
  db.run(
    `UPDATE lane_jobs SET state = 'finished', finished_ms = ?, result_json = ?, result_hash = ?, samples_planned = ?,
       samples_done = ?, tokens_used = ?, partial = ? WHERE job_id = ?`,
    [
      now,
      json,
      hash,
      result.samples.planned,
      result.samples.drawn,
      result.tokens_used,
      result.partial ? 1 : 0,
      jobId,
    ],
  );
  recordEvent(db, jobId, traceId, {
    kind: 'job_finished',
    at_ms: now,
    data: { result_hash: hash, partial: result.partial, branches: result.branches.length },
  });
  appendArtifact(db, traceId, 'dream_result', now, {
    trace_id: traceId,
    result_hash: hash,
    shards: result.shards,
    matada_nodes: result.matada_nodes,
    scores: result.scores,
  });
  countDream(db, 'finished');
  countSamples(db, result.samples.drawn);
}
