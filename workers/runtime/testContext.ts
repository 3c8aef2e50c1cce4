import { ManualClock, type Clock } from '../core/clock';
import { OperationRegistry } from '../core/operation';
import type { EngineEvent } from '../contract/base';
import type { Db } from '../store/db';
import { WriteQueue } from '../store/writeQueue';
import type { EngineContext } from './context';

/**
 * An engine context over one open database, for Node tests and benchmarks: the runtime's real
 * write queue, transactions and operation registry, without the browser's persistence and tab
 * lock. Events are collected in `events`; `reset()` plays the part of an import or erase.
 */
export function createTestContext(
  db: Db,
  clock: Clock = new ManualClock(),
  events: EngineEvent[] = [],
): EngineContext & { reset(): void } {
  const queue = new WriteQueue();
  const resets: Array<() => void> = [];
  const emit = (e: EngineEvent) => void events.push(e);
  return {
    clock,
    db: () => db,
    write: (fn, _options) => queue.enqueue(() => db.transaction(() => fn(db))),
    read: (fn) => fn(db),
    holdQuietSaves: () => () => undefined,
    operations: new OperationRegistry(emit),
    emit,
    onReset: (listener) => void resets.push(listener),
    reset: () => resets.forEach((l) => l()),
  };
}
