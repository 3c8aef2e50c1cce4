/** One sentence per consensus method, keyed as the engine labels them (robust aggregators by name). */
export const METHOD_HELP: Record<string, string> = {
  majority: 'Each agent votes for its top-scored candidate; the most votes win (ties go to the Borda count).',
  weighted:
    "Like majority, but each vote counts by the agent's learned reliability × its expertise on the weighted criteria.",
  median:
    "Robust: the per-candidate median of all agents' scores finds the centre; the n − f agents nearest it are averaged.",
  trimmed_mean:
    'Robust: per candidate, the f highest and f lowest scores are dropped and the rest averaged; the n − f agents nearest that centre are averaged.',
  geometric_median:
    "Robust: the point with the least total distance to all agents' score vectors is the centre; the n − f agents nearest it are averaged.",
  krum: 'Robust: the n − f agents whose score vectors sit closest to their neighbours are averaged (an attacker has no close neighbours).',
};
