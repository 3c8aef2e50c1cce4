import { createRng } from '../core/rng';
import type { CandidateInput } from '../contract/colony';

/** A random candidate set (features uniform in [0, 1]) from a seeded stream, for simulations. */
export function syntheticCandidates(m: number, ...seed: Array<string | number>): CandidateInput[] {
  const rng = createRng(...seed, 'synthetic-candidates');
  return Array.from({ length: m }, (_, j) => ({
    id: `c${j + 1}`,
    label: `Candidate ${j + 1}`,
    features: { utility: rng.next(), risk: rng.next(), novelty: rng.next(), confidence: rng.next() },
  }));
}
