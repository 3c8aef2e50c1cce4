import type { Plan } from '../contract/base';

/**
 * The local plan (a teaching setting, not billing). Counting against it is real and persisted by
 * the engines that enforce it.
 */
export const PLANS: readonly Plan[] = ['free', 'pro', 'enterprise'];

export interface PlanLimits {
  /** Dreams (lane jobs) per calendar month; null = unlimited. */
  dreamsPerMonth: number | null;
  /** Largest colony. */
  maxAgents: number;
}

export const PLAN_LIMITS: Readonly<Record<Plan, PlanLimits>> = {
  free: { dreamsPerMonth: 1_000, maxAgents: 10 },
  pro: { dreamsPerMonth: 100_000, maxAgents: 100 },
  enterprise: { dreamsPerMonth: null, maxAgents: 1_000 },
};

export const PLAN_SETTING = 'plan';
export const DEFAULT_PLAN: Plan = 'free';
