import { describe, expect, it } from 'vitest';
import { warmUpSaver } from './saverWarmUp';
import type { SnapshotStore } from './snapshotStore';
import type { Timers } from './saver';

describe('warmUpSaver', () => {
  it('arms its timer through the timers it is given, clears it, and never takes or saves anything', async () => {
    const armed = new Set<number>();
    let set = 0;
    const timers: Timers = {
      setTimeout: () => {
        set++;
        armed.add(set);
        return set;
      },
      clearTimeout: (h) => void armed.delete(h as number),
    };
    let reached = 0;
    const store: SnapshotStore = {
      load: async () => {
        reached++;
        return null;
      },
      save: async () => void reached++,
    };
    // One state change: saved, then unsaved at the first write; never saving, never an error.
    expect(
      warmUpSaver(timers, store, async () => {
        reached++;
        return new Uint8Array(0);
      }),
    ).toBe(1);
    expect(set).toBeGreaterThan(0);
    expect(armed.size).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(reached).toBe(0);
  });

  it('runs with its own timers and store by default', () => {
    expect(warmUpSaver()).toBe(1);
  });
});
