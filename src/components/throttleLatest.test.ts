import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleLatest } from './throttleLatest';

describe('throttleLatest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the first value at once, then the latest at most every interval, and the last one in the end', () => {
    const seen: number[] = [];
    const t = throttleLatest((v: number) => seen.push(v), 100);
    t.push(1);
    expect(seen).toEqual([1]);
    // 75 values a second for half a second: about five shown, the last among them.
    for (let i = 2; i <= 38; i++) {
      vi.advanceTimersByTime(13);
      t.push(i);
    }
    vi.advanceTimersByTime(500);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(7);
    expect(seen.at(-1)).toBe(38);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Quiet: the next value is shown at once again.
    t.push(39);
    expect(seen.at(-1)).toBe(39);
  });

  it('drops a waiting value when cancelled', () => {
    const seen: number[] = [];
    const t = throttleLatest((v: number) => seen.push(v), 100);
    t.push(1);
    t.push(2);
    t.cancel();
    vi.advanceTimersByTime(300);
    expect(seen).toEqual([1]);
  });
});
