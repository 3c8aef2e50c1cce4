/**
 * A mixed-expertise colony with a fifth of colluding byzantine agents: large enough sizes reach every
 * branch of the kernels (ties from the colluders), so the golden hashes and the benchmark share it.
 */
export const colludingColony = (size: number, seed: string) => ({
  size,
  expertiseLevel: 0.6,
  expertiseStyle: 'mixed' as const,
  personalitySpread: 0.5,
  byzantineShare: 0.2,
  byzantineStrategy: 'colluding' as const,
  noise: 0.4,
  seed,
});
