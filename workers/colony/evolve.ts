import type { Operation } from '../core/operation';
import { createRng } from '../core/rng';
import { leader } from './consensus';
import { weightVector } from './criteria';
import { expertiseOn } from './evaluate';
import { gaussian } from './gaussian';
import { rankLoss } from './hedge';
import { scoreMatrix } from './perception';
import type { Problem } from './problems';
import type { AgentInfo, CriteriaWeights, GenerationReport, Personality } from '../contract/colony';

const TRAITS: ReadonlyArray<keyof Personality> = ['stress', 'trust', 'curiosity', 'urgency'];
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Evolution of the honest agents' personalities: an agent's fitness is how high it ranks the known
 * best over the problems (1 − rank loss); each generation the weaker half takes a mutated copy of a
 * parent drawn from the stronger half. Byzantine agents keep theirs: their votes ignore it anyway.
 */
export async function evolvePersonalities(
  agents: readonly AgentInfo[],
  opts: {
    seed: string;
    generations: number;
    mutation: number;
    weights: CriteriaWeights;
    problems: readonly Problem[];
  },
  op: Operation,
): Promise<{ generations: GenerationReport[]; personalities: Personality[] }> {
  const n = agents.length;
  const w = weightVector(opts.weights);
  let ps = agents.map((a) => ({ ...a.personality }));
  const honest = agents.filter((a) => a.role === 'honest').map((a) => a.index);
  const agentWeights = agents.map((a) => a.reliability * expertiseOn(a, opts.weights));
  const reliability = agents.map((a) => a.reliability);
  const reports: GenerationReport[] = [];
  for (let g = 0; g < opts.generations; g++) {
    const fitness = new Float64Array(n);
    let solved = 0;
    for (const p of opts.problems) {
      const m = p.candidates.length;
      const s = scoreMatrix(p.perception, agents, w, p.seed, p.target, ps);
      for (const i of honest) fitness[i]! += 1 - rankLoss(s, i * m, m, p.truthBest);
      const winner = leader(s, n, m, {
        method: 'weighted',
        aggregator: 'median',
        trim: 0,
        weights: agentWeights,
        reliability,
      });
      if (winner === p.truthBest) solved++;
    }
    const P = Math.max(1, opts.problems.length);
    const fs = honest.map((i) => fitness[i]! / P);
    reports.push({
      generation: g,
      best: fs.length ? Math.max(...fs) : 0,
      mean: fs.length ? fs.reduce((a, b) => a + b, 0) / fs.length : 0,
      worst: fs.length ? Math.min(...fs) : 0,
      colonyAccuracy: solved / P,
    });
    op.progress('generation', g + 1, opts.generations);
    await op.checkpoint();
    if (g === opts.generations - 1) break;
    const ranked = honest.slice().sort((a, b) => fitness[b]! - fitness[a]! || a - b);
    const half = Math.ceil(ranked.length / 2);
    const parents = ranked.slice(0, half);
    const rng = createRng(opts.seed, 'evolve', g);
    const next = ps.map((p) => ({ ...p }));
    for (const loser of ranked.slice(half)) {
      const parent = ps[parents[rng.int(parents.length)]!]!;
      const child = { ...parent };
      for (const t of TRAITS) child[t] = clamp01(parent[t] + opts.mutation * gaussian(rng));
      next[loser] = child;
    }
    ps = next;
  }
  return { generations: reports, personalities: ps };
}
