// How a colony result's per-agent detail crosses the worker boundary.
//
// As objects, a 1,000-agent × 100-candidate result is 1,000 objects each holding a 100-number array:
// the worker spends tens of milliseconds serialising them and the page as long again deserialising
// them (and collecting the garbage) on its main thread. Packed, every number of every agent sits in
// one Float64Array whose buffer is transferred, not copied, and the page rebuilds the objects in a
// plain loop. The worker packs (workers/colony/agentWire.ts), src/engine.ts unpacks
// (src/agentWire.ts); the layout below is pinned as literal types, which both sides' constants
// must satisfy, so the two cannot drift apart.

import type { AgentDetail, CompareResult, EvaluationResult } from './colonyRuns';

/** Where each number sits in an agent's row of `PackedAgents.numbers`; the scores follow from `scores`. */
export interface PackedAgentRow {
  reliability: 0;
  weight: 1;
  distance: 2;
  /** The index, in the result's `candidates`, of the agent's top choice. */
  topChoice: 3;
  /** The sum of `PackedAgentFlags` that hold. */
  flags: 4;
  scores: 5;
}

export interface PackedAgentFlags {
  byzantine: 1;
  suspected: 2;
}

/** `AgentDetail[]` by column: row i of `numbers` (`PackedAgentRow.scores` + `width` long) is agent i. */
export interface PackedAgents {
  packed: 'agents-v1';
  ids: string[];
  strategies: Array<AgentDetail['strategy']>;
  /** Scores per agent: the number of candidates. */
  width: number;
  numbers: Float64Array;
}

/** A result as it crosses the worker boundary: `agents` packed. */
export type Packed<R extends { agents: AgentDetail[] }> = Omit<R, 'agents'> & { agents: PackedAgents };

export type PackedEvaluationResult = Packed<EvaluationResult>;
export type PackedCompareResult = Packed<CompareResult>;
