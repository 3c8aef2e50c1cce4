import { describe, expect, it } from 'vitest';
import { unpackAgents, unpackResult } from '../../src/agentWire';
import { packAgents, packResult } from './agentWire';
import type { AgentDetail } from '../contract/colony';
import { openTestDb } from '../store/testDb';
import { syntheticCandidates } from './synthetic';
import { createColonyTestApi } from './testContext';

/** Every field of every agent the same, numbers to the bit (Object.is tells -0 from 0 and sees NaN). */
function expectSameAgents(got: AgentDetail[], want: AgentDetail[]) {
  expect(got).toEqual(want);
  got.forEach((a, i) => {
    const b = want[i]!;
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const k of ['reliability', 'weight', 'distance'] as const) expect(Object.is(a[k], b[k])).toBe(true);
    a.scores.forEach((s, j) => expect(Object.is(s, b.scores[j])).toBe(true));
    expect(Array.isArray(a.scores)).toBe(true);
  });
}

describe('the per-agent detail packed for the worker boundary', () => {
  it('unpacks, after a transferring postMessage clone, to the very objects the engine built', async () => {
    const { api } = createColonyTestApi(await openTestDb());
    const colony = await api.colonyCreate({ size: 10, seed: 'wire', byzantineShare: 0.3 });
    const candidates = syntheticCandidates(7, 'wire');
    const results = [
      await api.colonyEvaluate({ colonyId: colony.id, candidates, method: 'byzantine', aggregator: 'krum' }),
      await api.colonyCompareMethods({ colonyId: colony.id, candidates }),
    ];
    for (const r of results) {
      expect(r.agents.some((a) => a.role === 'byzantine')).toBe(true);
      expect(r.agents.some((a) => a.suspected)).toBe(true);
      const { value, transfer } = packResult(r);
      // What postMessage does with the transfer list: the buffer moves, the copy owns it.
      const received = structuredClone(value, { transfer });
      expect(value.agents.numbers.byteLength).toBe(0);
      const back = unpackResult(received);
      expectSameAgents(back.agents, r.agents);
      expect({ ...back, agents: null }).toEqual({ ...r, agents: null });
    }
  });

  it('keeps signed zeros, NaN and strategies', () => {
    const candidates = [{ id: 'x' }, { id: 'y' }];
    const agents: AgentDetail[] = [
      {
        id: 'a1',
        role: 'byzantine',
        strategy: 'random',
        reliability: -0,
        weight: Number.NaN,
        topChoice: 'y',
        scores: [-0, Number.MIN_VALUE],
        suspected: false,
        distance: Infinity,
      },
      {
        id: 'a2',
        role: 'honest',
        strategy: null,
        reliability: 1,
        weight: 0.1 + 0.2,
        topChoice: 'x',
        scores: [1e300, -1e-300],
        suspected: true,
        distance: 0,
      },
    ];
    expectSameAgents(unpackAgents(packAgents(agents, candidates), candidates), agents);
  });

  it('refuses agents that do not fit the candidates', () => {
    const agent: AgentDetail = {
      id: 'a1',
      role: 'honest',
      strategy: null,
      reliability: 1,
      weight: 1,
      topChoice: 'z',
      scores: [0.5],
      suspected: false,
      distance: 0,
    };
    expect(() => packAgents([agent], [{ id: 'x' }])).toThrow(/does not fit/);
    expect(() => packAgents([{ ...agent, topChoice: 'x', scores: [] }], [{ id: 'x' }])).toThrow(
      /does not fit/,
    );
  });
});
