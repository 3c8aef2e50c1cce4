import { Saver, type Timers } from './saver';
import type { SnapshotStore } from './snapshotStore';

/** Timers that never fire: the throwaway saver below never starts a save. */
const NEVER: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

/** A store the throwaway saver never reaches (its timers never fire and no save is ever due). */
const UNREACHED: SnapshotStore = {
  load: () => Promise.reject(new Error('the warm-up saver reads nothing')),
  save: () => Promise.reject(new Error('the warm-up saver saves nothing')),
};

/**
 * `timers`, `store` and `snapshot` are for tests (the defaults never fire, and are never reached).
 *
 * Runs the write path of a throwaway saver (`markDirty`, its timer's arming, `saveIfDue` and its
 * checks), as every write to the lab does after its transaction, so the lab's saver finds them
 * compiled at a person's first write of a page load; that first write otherwise ran them cold (V8's
 * function log in Chromium: eight of them first ran inside the first job, in its scheduling
 * transaction). The lab's saver and store are not touched: nothing is saved or reported.
 */
export function warmUpSaver(
  timers: Timers = NEVER,
  store: SnapshotStore = UNREACHED,
  snapshot: () => Promise<Uint8Array> = () => Promise.reject(new Error('the warm-up saver takes nothing')),
): number {
  let now = 0;
  let states = 0;
  const saver = new Saver({
    store,
    snapshot,
    clock: { now: () => now },
    onState: () => void states++,
    generation: 1,
    timers,
  });
  // Ten milliseconds apart, eight writes stay far inside the longest wait (1 s): no save is ever due.
  for (let i = 0; i < 8; i++) {
    saver.saveIfDue(() => new Uint8Array(0));
    saver.markDirty(i % 4 === 3);
    now += 10;
  }
  saver.stop();
  return states;
}
