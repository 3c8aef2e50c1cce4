import { describe, expect, it } from 'vitest';
import { hashValue } from '../core/hash';
import { generateAgents } from './agents';
import { normalizeWeights } from './criteria';
import { ALL_METHODS, agentDetails, methodLabel, runMethod, scoreRequest, verdictOf } from './evaluate';
import { syntheticCandidates } from './synthetic';
import { colludingColony } from './testColonies';

/**
 * Every method's verdict and per-agent details on colonies large enough to reach every branch of the
 * kernels (even and odd sizes, ties from colluding agents). Faster kernels must give these same bytes.
 */
const cells: Array<[number, number, string]> = [
  [7, 4, 'c880898d727fa4ee11d4757fd9b8f86dc46e7a09f94023a38fa67615c24f3c99'],
  [100, 20, '27bba1487e816bda006450b66256d0504491d2762d5fc41edd42380297dcc3b6'],
  [301, 37, 'd7688d091e0533d7c1a2658f5d801276fbd35163ba2e939b80e711bf12ade0cc'],
];

describe('colony verdict hashes stay what they were', () => {
  it.each(cells)('%i agents × %i candidates', (n, m, hash) => {
    const config = colludingColony(n, `golden-${n}`);
    const sc = scoreRequest({
      agents: generateAgents(config),
      config,
      candidates: syntheticCandidates(m, 'golden', m),
      weights: normalizeWeights(undefined),
      seed: 'g',
    });
    const out = ALL_METHODS.map((choice) => {
      const agg = runMethod(sc, choice);
      return {
        method: methodLabel(choice),
        verdict: verdictOf(sc, choice, agg),
        agents: agentDetails(sc, agg),
      };
    });
    expect(hashValue(out)).toBe(hash);
  });
});
