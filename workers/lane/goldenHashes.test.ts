import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import { FIVE_FACTOR_OUTCOME, FIVE_SAMPLER_FACTORS } from './testFactors';
import type { DreamSeed } from '../contract/lane';

/**
 * The result hashes of the shipped examples and of seeds that reach every sampler (windows, pins,
 * beta windows, deeper trees, stakeholders, the default model). A change to the Monte Carlo, the
 * scores or the statistics that moves any of these numbers changes shared results, so it must be a
 * deliberate, documented change, never a side effect of making the code faster.
 */

const example = (file: string) =>
  (JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as { seed: DreamSeed }).seed;

const fiveFactor: DreamSeed = {
  goal: 'Every sampler: five-factor model',
  context: {},
  constraints: { consent: { scopes: ['simulation.read_context'] }, budgets: { max_rollouts: 10_000_000 } },
  model: {
    factors: [
      ...FIVE_SAMPLER_FACTORS,
      { name: 'f', dist: { kind: 'uniform', min: -1, max: 2 } },
      { name: 'g', dist: { kind: 'interval', low: -3, high: 4 } },
      { name: 'h', dist: { kind: 'beta', alpha: 0.7, beta: 0.6 } },
    ],
    outcome: `${FIVE_FACTOR_OUTCOME} + f * 3 + g + h * 20`,
    target: { direction: 'maximise', threshold: 0 },
  },
  scenario_count: 12,
  include_edge_cases: true,
  depth: 3,
  samples: 3_000,
  rng_seed: 'golden',
  clock_ms: 0,
};

const cases: Array<[string, DreamSeed, string]> = [
  [
    'onboarding.json',
    example('onboarding.json'),
    '3aacde4fc0ee8ad4072ba4e74f0800ac4cbfa73a0267a51fd35f8eac1eeaa938',
  ],
  [
    'pricing.json',
    example('pricing.json'),
    '04be661d4b6a9a021e8d4ff644e8c6f9508962a8e4b98bd316660eea5b7ec697',
  ],
  [
    'inventory.json',
    example('inventory.json'),
    '54fd978157e21ac49622bc6c4ab97d0bc7bf4e93a6b6ef92233f2c104678b443',
  ],
  [
    'pricing.json, odd sample count',
    { ...example('pricing.json'), samples: 12_345, rng_seed: 'odd' },
    'da3ac65dba21641792de9b1e0d87622650dc84ab57a40bc3d7b6248753cdb34d',
  ],
  [
    'eight factors, depth 3, edge cases',
    fiveFactor,
    '5b6b4b512a9cb5420f4a25caa511b0e94551c130013eb9ef769c40a0ecc24494',
  ],
  [
    'eight factors, one branch, 200k samples',
    { ...fiveFactor, scenario_count: 1, depth: 1, samples: 200_000 },
    '6f7ca3b82bc9ee1c5bfee13008b24cd218018bf31dd58aac5906afdb00e9c121',
  ],
  [
    'the default model',
    { goal: 'Plan a launch', context: { k: 1 }, constraints: { consent: { scopes: [] } } },
    '31aff7b1c4109130ab4727994fd3bbc284ac605fafc0ac55da6c36fac144ccf9',
  ],
];

describe('result hashes stay what they were', () => {
  it.each(cases)('%s', async (_name, seed, hash) => {
    const r = await simulate(normalizeSeed(seed, 0), { clock: new ManualClock() });
    expect(hashValue(r)).toBe(hash);
  });
});
