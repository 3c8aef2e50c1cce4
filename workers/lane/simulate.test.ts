import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import { FIVE_FACTOR_OUTCOME, FIVE_SAMPLER_FACTORS } from './testFactors';

describe('simulate', () => {
  it('gives a small job run as one batch the result it gives cut into batches', async () => {
    const n = normalizeSeed(
      {
        goal: 'One small branch',
        context: {},
        constraints: { consent: { scopes: [] } },
        model: { factors: FIVE_SAMPLER_FACTORS, outcome: FIVE_FACTOR_OUTCOME },
        scenario_count: 1,
        samples: 10_000,
        rng_seed: 'one-batch',
        clock_ms: 0,
      },
      0,
    );
    const events: string[] = [];
    const one = await simulate(n, {
      clock: new ManualClock(),
      pool: null,
      progress: (s) => void events.push(s),
    });
    // One batch: progress at the start and after the only round.
    expect(events).toHaveLength(2);
    const cut = await simulate(n, { clock: new ManualClock(), pool: null, batch: 8192 });
    expect(hashValue(one)).toBe(hashValue(cut));
  });
});
