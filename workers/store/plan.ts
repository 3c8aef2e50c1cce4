import type { Plan } from '../contract/base';
import { DEFAULT_PLAN, PLANS, PLAN_SETTING } from '../core/plans';
import type { Db } from './db';
import { getSetting, setSetting } from './settings';

/** The stored plan; an unknown stored value reads as the default rather than failing every engine. */
export function getPlan(db: Db): Plan {
  const p = getSetting<string>(db, PLAN_SETTING, DEFAULT_PLAN);
  return (PLANS as readonly string[]).includes(p) ? (p as Plan) : DEFAULT_PLAN;
}

export function setPlan(db: Db, plan: Plan): void {
  setSetting(db, PLAN_SETTING, plan);
}
