import { badInput } from '../core/errors';
import type { EngineContext } from '../runtime/context';
import { requireNumber, requireString } from '../runtime/validate';
import { incrementCounter } from '../store/metrics';
import { scoreRequest } from './evaluate';
import { hedgeUpdate, rankLoss } from './hedge';
import { obj, parseOutcome } from './options';
import * as store from './store';
import type { AgentInfo, OutcomeResult } from '../contract/colony';

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Records what actually turned out best for a run, and updates every agent's reliability (Hedge). */
export async function recordOutcome(ctx: EngineContext, raw: unknown): Promise<OutcomeResult> {
  const { o, runId, eta, share } = parseOutcome(raw);
  const { run, colony } = ctx.read((db) => {
    const r = store.loadRun(db, runId);
    return { run: r, colony: store.loadColony(db, r.colonyId) };
  });
  const cands = run.request.candidates;
  let best: string;
  let scores: Record<string, number> | null = null;
  if (o.bestCandidateId !== undefined) {
    best = requireString(o.bestCandidateId, 'bestCandidateId', { min: 1, max: 200 });
  } else if (o.scores !== undefined) {
    const s = obj(o.scores, 'scores');
    const given: Record<string, number> = {};
    for (const c of cands) given[c.id] = requireNumber(s[c.id], `score of ${c.label}`);
    best = cands.reduce((b, c) => (given[c.id]! > given[b.id]! ? c : b), cands[0]!).id;
    scores = given;
  } else {
    throw badInput('Give bestCandidateId or a score for every candidate.');
  }
  const bestIdx = cands.findIndex((c) => c.id === best);
  if (bestIdx < 0) throw badInput(`${best} is not one of this run's candidates.`);
  // The run's votes, recomputed from its seed with the same agents (perception never changes).
  const sc = scoreRequest({
    agents: colony.agents,
    config: colony.config,
    candidates: cands,
    weights: run.request.weights,
    seed: run.seed,
    ...(run.request.attackTarget ? { attackTarget: run.request.attackTarget } : {}),
  });
  const m = cands.length;
  const losses = colony.agents.map((_, i) => rankLoss(sc.scores, i * m, m, bestIdx));
  const reliability = hedgeUpdate(
    colony.agents.map((a) => a.reliability),
    losses,
    eta,
    share,
  );
  const correct = {
    majority: run.winners.majority === best,
    weighted: run.winners.weighted === best,
    byzantine: run.winners.byzantine === best,
  };
  const now = () => ctx.clock.now();
  const outcomeId = await ctx.write((db) => {
    store.setReliability(db, colony.id, reliability);
    const oid = store.insertOutcome(db, {
      colonyId: colony.id,
      runId,
      best,
      scores,
      correct,
      reliability,
      eta,
      share,
      createdAt: now(),
    });
    incrementCounter(db, 'colony_outcomes_total', 'Outcomes recorded.');
    return oid;
  });
  const agents: AgentInfo[] = colony.agents.map((a, i) => ({ ...a, reliability: reliability[i]! }));
  return {
    point: {
      outcomeId,
      runId,
      createdAt: now(),
      best,
      correct,
      meanReliabilityHonest: mean(agents.filter((a) => a.role === 'honest').map((a) => a.reliability)) ?? 0,
      meanReliabilityByzantine: mean(agents.filter((a) => a.role === 'byzantine').map((a) => a.reliability)),
    },
    agents,
  };
}
