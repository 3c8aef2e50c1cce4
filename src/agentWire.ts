import type {
  AgentDetail,
  CompareResult,
  EvaluationResult,
  Packed,
  PackedAgentFlags,
  PackedAgentRow,
  PackedAgents,
} from '../workers/contract';

// The page's half of the per-agent wire format (workers/contract/colonyWire.ts): the worker packs
// (workers/colony/agentWire.ts), src/engine.ts unpacks here.
const ROW: PackedAgentRow = { reliability: 0, weight: 1, distance: 2, topChoice: 3, flags: 4, scores: 5 };
const FLAG: PackedAgentFlags = { byzantine: 1, suspected: 2 };

/** The objects the worker packed, number for number, in one loop over the received buffer. */
export function unpackAgents(p: PackedAgents, candidates: ReadonlyArray<{ id: string }>): AgentDetail[] {
  const m = p.width;
  const stride = ROW.scores + m;
  const x = p.numbers;
  const out = new Array<AgentDetail>(p.ids.length);
  for (let i = 0; i < out.length; i++) {
    const o = i * stride;
    const flags = x[o + ROW.flags]!;
    const scores = new Array<number>(m);
    for (let j = 0; j < m; j++) scores[j] = x[o + ROW.scores + j]!;
    out[i] = {
      id: p.ids[i]!,
      role: flags & FLAG.byzantine ? 'byzantine' : 'honest',
      strategy: p.strategies[i]!,
      reliability: x[o + ROW.reliability]!,
      weight: x[o + ROW.weight]!,
      topChoice: candidates[x[o + ROW.topChoice]!]!.id,
      scores,
      suspected: (flags & FLAG.suspected) !== 0,
      distance: x[o + ROW.distance]!,
    };
  }
  return out;
}

export function unpackResult<R extends EvaluationResult | CompareResult>(r: Packed<R>): R {
  return { ...r, agents: unpackAgents(r.agents, r.candidates) } as unknown as R;
}
