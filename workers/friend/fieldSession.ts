import type { EngineContext, WriteOptions } from '../runtime/context';
import type { Db } from '../store/db';
import { AnsweringField } from './answeringField';
import { getMeta } from './fieldMeta';

/**
 * One answering field over the runtime's database, with the two ways the handlers reach it: a write
 * that drops the in-memory vocabulary if it rolled back, and a one-time bootstrap before a read.
 */
export function openFieldSession(ctx: EngineContext) {
  const field = new AnsweringField();
  field.clock = () => ctx.clock.now();
  // Import, erase or a hand-over replaced the database: an ingest under way must stop, and the
  // in-memory mirrors must be read again.
  ctx.onReset(() => {
    field.store.markReplaced();
    field.invalidate();
  });

  const write = <T>(fn: (db: Db) => T, options?: WriteOptions): Promise<T> =>
    ctx.write((db) => {
      try {
        return fn(db);
      } catch (err) {
        field.invalidate();
        throw err;
      }
    }, options);

  const ensureReady = async (): Promise<void> => {
    if (ctx.read((db) => getMeta(db, 'bootstrapped')) !== '1')
      await write((db) => field.ready(db, ctx.clock.now()));
  };

  return { field, write, ensureReady };
}
