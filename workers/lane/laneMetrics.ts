import { incrementCounter } from '../store/metrics';
import type { Db } from '../store/db';

/** The lane's counters (persisted with the data, exported as Prometheus text by the core API). */
export const countDream = (db: Db, outcome: 'finished' | 'failed' | 'cancelled') =>
  incrementCounter(db, 'lane_dreams_total', 'Simulation jobs that ended, by outcome.', { outcome });
export const countDenial = (db: Db, reason: string) =>
  incrementCounter(db, 'lane_denials_total', 'Seeds refused by the gate, by reason.', { reason });
export const countSamples = (db: Db, n: number) =>
  incrementCounter(db, 'lane_samples_total', 'Monte Carlo samples drawn.', {}, n);
export const countBudgetOverrun = (db: Db, budget: string) =>
  incrementCounter(db, 'lane_budget_overruns_total', 'Jobs that ran out of a budget, by budget.', { budget });
export const countScheduled = (db: Db) =>
  incrementCounter(db, 'lane_jobs_scheduled_total', 'Seeds accepted and queued.');
