import { PLAN_LIMITS } from '../core/plans';
import type { Db } from '../store/db';
import { getSetting } from '../store/settings';
import { getPlan } from '../store/plan';
import { checkPolicy, type Denial } from './policy';
import type { DreamSeed } from '../contract/lane';

/**
 * The whole gate, run inside the scheduling transaction: the feature flag, the seed's static rules
 * (policy.ts), the rate limit and the monthly quota. `admitCounters` then charges an accepted seed
 * against the rate limit and quota in the same transaction.
 *
 * A tenant is a label the user types on the seed, not an identity: anyone can type a new one. So the
 * rate limit and the quota are the lab's, whatever the tenant: one token bucket (the `lane_rate` row
 * keyed LAB_BUCKET, which no tenant id can spell) and one monthly count (the sum over the per-tenant
 * rows of `lane_quota`, which stay as a per-label tally).
 */
export const ENABLED_SETTING = 'lane.enabled';
export const ASKED_SETTING = 'lane.asked';
/** Token bucket: up to 30 jobs at once, refilled at 30 a minute. */
export const RATE = { capacity: 30, perMs: 30 / 60_000 };

/** The rate bucket's key: "*" is not a valid tenant id (letters, digits, dot, dash, underscore). */
export const LAB_BUCKET = '*';

/** The last month asked for, as [start, end) in ms: every job of a month asks, and ISO strings are slow. */
let lastMonth = { start: 0, end: 0, label: '' };

/** `YYYY-MM` of a time in UTC. */
export function monthOf(ms: number): string {
  if (!(ms >= lastMonth.start && ms < lastMonth.end)) {
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    lastMonth = { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1), label: d.toISOString().slice(0, 7) };
  }
  return lastMonth.label;
}

function bucket(db: Db, now: number): number {
  const row = db.get<{ tokens: number; updated_ms: number }>(
    'SELECT tokens, updated_ms FROM lane_rate WHERE tenant = ?',
    [LAB_BUCKET],
  );
  if (!row) return RATE.capacity;
  const elapsed = Math.max(0, now - row.updated_ms);
  return Math.min(RATE.capacity, row.tokens + elapsed * RATE.perMs);
}

export function checkGate(db: Db, seed: DreamSeed, now: number): Denial | null {
  if (!getSetting<boolean>(db, ENABLED_SETTING, false)) {
    return {
      code: 'SIMULATION_DISABLED',
      reason: 'disabled',
      message: 'Simulation is switched off in this lab.',
      hint: 'Turn simulation on in the Lab page (it stays on until you turn it off).',
    };
  }
  const policy = checkPolicy(seed);
  if (policy) return policy;
  const tokens = bucket(db, now);
  if (tokens < 1) {
    const retryAfterMs = Math.ceil((1 - tokens) / RATE.perMs);
    return {
      code: 'RATE_LIMITED',
      reason: 'rate_limit',
      message: `Too many simulations at once in this lab (at most ${RATE.capacity} a minute, whatever the tenant).`,
      hint: `Try again in ${Math.ceil(retryAfterMs / 1000)} s; another tenant name does not get another allowance.`,
      details: { retry_after_ms: retryAfterMs },
    };
  }
  const plan = getPlan(db);
  const limit = PLAN_LIMITS[plan].dreamsPerMonth;
  if (limit !== null) {
    const used =
      db.get<{ used: number | null }>('SELECT SUM(used) AS used FROM lane_quota WHERE month = ?', [
        monthOf(now),
      ])?.used ?? 0;
    if (used >= limit) {
      return {
        code: 'QUOTA_EXCEEDED',
        reason: 'quota',
        message: `The ${plan} plan allows ${limit} dreams a month in this lab and this month's are used up.`,
        hint: 'Wait for next month, or choose a larger plan on the Data page (a local teaching setting).',
        details: { plan, limit, used },
      };
    }
  }
  return null;
}

/** Charges an admitted seed: one token from the lab's bucket, one dream on the tenant's monthly tally. */
export function admitCounters(db: Db, tenant: string, now: number): void {
  const tokens = bucket(db, now) - 1;
  db.run(
    `INSERT INTO lane_rate (tenant, tokens, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT(tenant) DO UPDATE SET tokens = excluded.tokens, updated_ms = excluded.updated_ms`,
    [LAB_BUCKET, tokens, now],
  );
  db.run(
    `INSERT INTO lane_quota (tenant, month, used) VALUES (?, ?, 1)
     ON CONFLICT(tenant, month) DO UPDATE SET used = used + 1`,
    [tenant, monthOf(now)],
  );
}
