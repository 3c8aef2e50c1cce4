import type { Clock } from '../core/clock';
import { OperationRegistry, type Emit } from '../core/operation';
import type { EngineContext } from '../runtime/context';
import type { Db } from '../store/db';

/**
 * An EngineContext over one open database, for Node tests and benchmarks: writes run one at a time,
 * each in its own transaction, exactly as the runtime's queue runs them.
 */
export function createMemoryContext(
  db: Db,
  clock: Clock,
  emit: Emit = () => {},
): EngineContext & { reset(): void } {
  const resets: Array<() => void> = [];
  let queue: Promise<unknown> = Promise.resolve();
  return {
    clock,
    db: () => db,
    write<T>(fn: (db: Db) => T): Promise<T> {
      const next = queue.then(() => db.transaction(() => fn(db)));
      queue = next.catch(() => undefined);
      return next;
    },
    read: (fn) => fn(db),
    operations: new OperationRegistry(emit),
    emit,
    onReset: (l) => void resets.push(l),
    reset: () => resets.forEach((l) => l()),
  };
}
