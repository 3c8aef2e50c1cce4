import type { Clock } from '../core/clock';
import { ManualClock } from '../core/clock';
import { OperationRegistry } from '../core/operation';
import type { EngineEvent } from '../contract';
import type { EngineContext } from '../runtime/context';
import type { Db } from '../store/db';
import { WriteQueue } from '../store/writeQueue';
import { createColonyApi } from './api';

/** An engine context over one database for Node tests and benchmarks: real write queue and operations. */
export function createColonyTestContext(
  db: Db,
  clock: Clock = new ManualClock(),
  events: EngineEvent[] = [],
): EngineContext {
  const queue = new WriteQueue();
  const emit = (e: EngineEvent) => void events.push(e);
  return {
    clock,
    db: () => db,
    write: (fn) => queue.enqueue(() => db.transaction(() => fn(db))),
    read: (fn) => fn(db),
    operations: new OperationRegistry(emit),
    emit,
    onReset: () => undefined,
  };
}

export function createColonyTestApi(db: Db, events: EngineEvent[] = []) {
  const ctx = createColonyTestContext(db, new ManualClock(), events);
  return { api: createColonyApi(ctx), ctx };
}
