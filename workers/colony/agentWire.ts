import type {
  AgentDetail,
  CompareResult,
  EvaluationResult,
  Packed,
  PackedAgentFlags,
  PackedAgentRow,
  PackedAgents,
} from '../contract/colony';

// The worker's half of the per-agent wire format (contract/colonyWire.ts); src/agentWire.ts unpacks.
const ROW: PackedAgentRow = { reliability: 0, weight: 1, distance: 2, topChoice: 3, flags: 4, scores: 5 };
const FLAG: PackedAgentFlags = { byzantine: 1, suspected: 2 };

/** Packs the per-agent detail; every agent's `topChoice` must be one of `candidates`. */
export function packAgents(
  agents: readonly AgentDetail[],
  candidates: ReadonlyArray<{ id: string }>,
): PackedAgents {
  const m = candidates.length;
  const stride = ROW.scores + m;
  const index = new Map(candidates.map((c, j) => [c.id, j]));
  const numbers = new Float64Array(agents.length * stride);
  agents.forEach((a, i) => {
    const o = i * stride;
    const top = index.get(a.topChoice);
    if (top === undefined || a.scores.length !== m) {
      throw new Error(`Agent ${a.id} does not fit the result's ${m} candidates.`);
    }
    numbers[o + ROW.reliability] = a.reliability;
    numbers[o + ROW.weight] = a.weight;
    numbers[o + ROW.distance] = a.distance;
    numbers[o + ROW.topChoice] = top;
    numbers[o + ROW.flags] =
      (a.role === 'byzantine' ? FLAG.byzantine : 0) + (a.suspected ? FLAG.suspected : 0);
    numbers.set(a.scores, o + ROW.scores);
  });
  return {
    packed: 'agents-v1',
    ids: agents.map((a) => a.id),
    strategies: agents.map((a) => a.strategy),
    width: m,
    numbers,
  };
}

/** A result with its agents packed, and the buffer to transfer rather than copy. */
export function packResult<R extends EvaluationResult | CompareResult>(
  r: R,
): { value: Packed<R>; transfer: ArrayBuffer[] } {
  const agents = packAgents(r.agents, r.candidates);
  return { value: { ...r, agents }, transfer: [agents.numbers.buffer as ArrayBuffer] };
}
