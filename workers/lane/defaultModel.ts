import type { WorldModel } from '../contract/lane';

/**
 * The model a seed gets when it brings none: a generic value/adoption/cost picture that fits most
 * "should we do X" goals. It is named as a default in the result's warnings, never passed off as
 * knowledge about the goal.
 */
export function defaultModel(): WorldModel {
  return {
    factors: [
      {
        name: 'value',
        dist: { kind: 'interval', low: 50, high: 150 },
        description: 'value delivered if it works',
      },
      {
        name: 'adoption',
        dist: { kind: 'beta', alpha: 4, beta: 3 },
        description: 'share of people who take it up',
      },
      { name: 'cost', dist: { kind: 'interval', low: 20, high: 60 }, description: 'cost to build and run' },
      { name: 'setback', dist: { kind: 'bernoulli', p: 0.15 }, description: 'a serious setback happens' },
      {
        name: 'delay',
        dist: { kind: 'triangular', min: 0, mode: 0.1, max: 0.5 },
        description: 'share of value lost to delay',
      },
    ],
    outcome: 'value * adoption * (1 - delay) * (1 - 0.5 * setback) - cost',
    target: { direction: 'maximise', threshold: 0 },
  };
}
