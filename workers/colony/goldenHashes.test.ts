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
 * (Re-pinned once when the wire fields became camelCase — top_3 → top3, consensus_reached →
 * consensusReached, dissenting_views → dissentingViews, optimal_tone → optimalTone — after checking
 * that the verdicts differed in those four key names only, every value the same.)
 */
const cells: Array<[number, number, string]> = [
  [7, 4, 'ceac96263442e645b4e262072630a1fdddb4bdaef4a86f7ef074e73a08d70de2'],
  [100, 20, 'da13018f7147d7a8808c8d4d47ca7ec12b8b1ce0c1652d78a7085d92f822b665'],
  [301, 37, '26eb90b9c1292ce111c77b648615b806ac575ab437cb34d65730131c88532bf7'],
  // The scale the benchmarks time (pinned from the kernels before the 1,000-agent speed work).
  [1000, 100, '75b33defb00c80a249706b258c25e2676ba1a046114affefd73ea926ad888104'],
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
