import type { Clock } from '../core/clock';
import { OperationRegistry } from '../core/operation';
import type { EngineEvent } from '../contract';
import type { EngineContext } from '../runtime/context';
import type { Db } from '../store/db';
import { WriteQueue } from '../store/writeQueue';

/**
 * An engine context over one database, for Node tests and benchmarks: the real write queue,
 * transactions and operation registry, without the browser's persistence and tab lock.
 */
export function createLaneTestContext(db: Db, clock: Clock, events: EngineEvent[] = []): EngineContext {
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
