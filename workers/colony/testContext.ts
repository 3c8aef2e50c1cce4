import { ManualClock } from '../core/clock';
import type { EngineEvent } from '../contract';
import { createTestContext } from '../runtime/testContext';
import type { Db } from '../store/db';
import { createColonyApi } from './api';

/** The colony's API over one database, for Node tests and benchmarks. */
export function createColonyTestApi(db: Db, events: EngineEvent[] = []) {
  const ctx = createTestContext(db, new ManualClock(), events);
  return { api: createColonyApi(ctx), ctx };
}
