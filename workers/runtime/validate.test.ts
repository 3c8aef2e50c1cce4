import { describe, expect, it } from 'vitest';
import { optionalNumber } from './validate';

describe('optionalNumber', () => {
  it('gives the fallback when the key is absent and checks the value when present', () => {
    expect(optionalNumber({}, 'eta', 3, { min: 2 })).toBe(3);
    expect(optionalNumber({ eta: 5 }, 'eta', 3, { min: 2 })).toBe(5);
    expect(() => optionalNumber({ eta: 1 }, 'eta', 3, { min: 2 })).toThrow(/eta must be at least 2/);
    expect(() => optionalNumber({ eta: 2.5 }, 'eta', 3, { integer: true })).toThrow(/whole number/);
    expect(() => optionalNumber({ eta: 'x' }, 'eta', 3)).toThrow(/eta must be a number/);
  });
});
