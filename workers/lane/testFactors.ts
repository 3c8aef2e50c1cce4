import type { Factor } from '../contract/lane';

/**
 * Five factors that between them reach every kind of sampler the lane has (normal, interval as a
 * lognormal, beta through two gammas, triangular, bernoulli): the golden hashes and the Monte Carlo
 * benchmark both build their models on them.
 */
export const FIVE_SAMPLER_FACTORS: Factor[] = [
  { name: 'a', dist: { kind: 'normal', mean: 10, sd: 2 } },
  { name: 'b', dist: { kind: 'interval', low: 5, high: 50 } },
  { name: 'c', dist: { kind: 'beta', alpha: 3, beta: 7 } },
  { name: 'd', dist: { kind: 'triangular', min: 0, mode: 1, max: 4 } },
  { name: 'e', dist: { kind: 'bernoulli', p: 0.2 } },
];

/** The outcome over the five factors (maximise, threshold 0 in both users). */
export const FIVE_FACTOR_OUTCOME = 'a * b * (1 - c) - d * 10 - if(e, 40, 0)';
