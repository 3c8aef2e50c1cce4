import { EngineError } from '../core/errors';
import { PLAN_LIMITS } from '../core/plans';
import type { Db } from '../store/db';
import { getPlan } from '../store/plan';

/** The largest colony the stored plan allows. */
export function planMaxAgents(db: Db): number {
  return PLAN_LIMITS[getPlan(db)].maxAgents;
}

/** Refuse a colony bigger than the plan allows (the same plan setting the lane counts against). */
export function checkPlan(db: Db, size: number): void {
  const plan = getPlan(db);
  const max = PLAN_LIMITS[plan].maxAgents;
  if (size > max) {
    throw new EngineError(
      'PLAN_LIMIT',
      `The ${plan} plan allows colonies of at most ${max} agents; this one has ${size}.`,
      { plan, maxAgents: max, size },
    );
  }
}
