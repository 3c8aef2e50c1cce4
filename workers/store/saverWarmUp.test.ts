import { describe, expect, it, vi } from 'vitest';
import { warmUpSaver } from './saverWarmUp';

describe('warmUpSaver', () => {
  it('saves nothing and leaves no timer behind', () => {
    vi.useFakeTimers();
    try {
      // One state change: saved, then unsaved at the first write, never saving.
      expect(warmUpSaver()).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
