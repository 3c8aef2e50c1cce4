import { canonicalJson } from '../core/canonicalJson';
import { EngineError } from '../core/errors';
import { admitCounters, checkGate } from './gate';
import { insertJob } from './jobs';
import type { LaneContext } from './laneContext';
import { countDenial, countScheduled } from './laneMetrics';
import { normalizeSeed, type NormalizedSeed } from './seed';
import type { Denial } from './policy';
import type { Db } from '../store/db';
import { recordEvent } from './trace';

/**
 * Checks a seed's shape, runs the gate and queues the job, in one transaction. This is the one place
 * a job's seed is normalised: the canonical form is stored and the object goes on to the runner.
 */
export async function scheduleSeed(lane: LaneContext, raw: unknown): Promise<string> {
  const { ctx, runner, seeds } = lane;
  await runner.recover();
  const now = ctx.clock.now();
  const n = normalizeSeed(raw, now);
  const seedJson = canonicalJson(n.seed);
  const outcome = await ctx.write((db) => admitSeed(db, n, seedJson, now));
  if ('denial' in outcome) {
    const d = outcome.denial!;
    throw new EngineError(d.code, d.message, { reason: d.reason, hint: d.hint, ...(d.details ?? {}) });
  }
  seeds.remember(outcome.jobId, n);
  runner.kick();
  return outcome.jobId;
}

/**
 * The scheduling transaction's work: the gate, then the job's row, the rate and quota charge, the
 * trace event and the counter; or the denial, recorded.
 */
export function admitSeed(
  db: Db,
  n: NormalizedSeed,
  seedJson: string,
  now: number,
): { denial: Denial } | { jobId: string } {
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
}
