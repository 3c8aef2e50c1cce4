import { describe, expect, it } from 'vitest';
import { monthOf } from './gate';

describe('monthOf', () => {
  it('names the UTC month of each time, back and forth across month and year ends', () => {
    const times = [
      Date.UTC(2026, 0, 31, 23, 59, 59, 999),
      Date.UTC(2026, 1, 1),
      Date.UTC(2026, 0, 15),
      Date.UTC(2025, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 11, 31, 12),
      Date.UTC(2027, 0, 1),
      Date.UTC(2024, 1, 29, 6),
      0,
      -1,
    ];
    for (const t of [...times, ...times.reverse()]) {
      expect(monthOf(t)).toBe(new Date(t).toISOString().slice(0, 7));
    }
  });
});
