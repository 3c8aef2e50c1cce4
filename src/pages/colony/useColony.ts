import { useCallback, useEffect, useState } from 'react';
import type {
  ByzantineAggregator,
  CandidateInput,
  ColonyDetail,
  ColonyHistory,
  ColonySummary,
  CompareResult,
  ConsensusMethod,
  CriteriaWeights,
  EvaluationResult,
  Plan,
} from '../../../workers/contract';
import { useAction } from '../../components/useAction';
import { useOperation } from '../../components/useOperation';
import { engine, errorMessage } from '../../engine';
import type { SetupValues } from './ColonySetup';
import { DEFAULT_WEIGHTS, EXAMPLE_CANDIDATES, EXAMPLE_RUN_SEED } from './exampleCandidates';
import { methodLabel } from './methodNames';

/** A fresh run seed for "New seed": short, readable, and different each time it is asked for. */
export function newRunSeed(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]!;
  return `run-${n.toString(36)}`;
}

/** The Colony page's state and its engine calls; the page and its panels only show and forward. */
export function useColony() {
  const [plan, setPlan] = useState<Plan>('free');
  const [colonies, setColonies] = useState<ColonySummary[]>([]);
  const [colony, setColony] = useState<ColonyDetail | null>(null);
  const [candidates, setCandidates] = useState<CandidateInput[]>(EXAMPLE_CANDIDATES);
  const [source, setSource] = useState<string | null>(null);
  const [contextKeys, setContextKeys] = useState<string[]>([]);
  const [weights, setWeights] = useState<CriteriaWeights>(DEFAULT_WEIGHTS);
  const [method, setMethod] = useState<ConsensusMethod>('byzantine');
  const [aggregator, setAggregator] = useState<ByzantineAggregator>('trimmed_mean');
  // Runs are reproducible: the seed draws the agents' perception noise, so the same seed (with the
  // same colony, candidates and options) gives the same verdict, in Run and in Compare alike.
  const [seed, setSeed] = useState(EXAMPLE_RUN_SEED);
  const [result, setResult] = useState<EvaluationResult | null>(null);
  const [compare, setCompare] = useState<CompareResult | null>(null);
  const [history, setHistory] = useState<ColonyHistory | null>(null);
  const { busy, message, setMessage, act } = useAction();
  /** A run or a comparison: its steps show as progress, and Cancel can stop it. */
  const op = useOperation('colony');

  const loadColony = useCallback(async (id: number) => {
    const [c, h, list] = await Promise.all([
      engine.colonyAgents(id),
      engine.colonyHistory(id),
      engine.colonyList(),
    ]);
    setColony(c);
    setHistory(h);
    setColonies(list);
  }, []);

  useEffect(() => {
    Promise.all([engine.getPlan(), engine.colonyList()])
      .then(([p, list]) => {
        setPlan(p);
        setColonies(list);
        if (list[0]) return loadColony(list[0].id);
      })
      .catch((err: unknown) => setMessage({ kind: 'error', text: errorMessage(err) }));
  }, [loadColony, setMessage]);

  const create = (v: SetupValues) =>
    act(async () => {
      const { name, ...config } = v;
      const c = await engine.colonyCreate({ ...config, ...(name.trim() ? { name: name.trim() } : {}) });
      await loadColony(c.id);
      setResult(null);
      setCompare(null);
      return `Built ${c.name}.`;
    });

  const select = (id: number) => act(() => loadColony(id));

  const request = () => ({
    colonyId: colony!.id,
    candidates,
    weights,
    seed: seed.trim() || EXAMPLE_RUN_SEED,
    ...(source ? { source } : {}),
  });

  const evaluate = () =>
    act(async () => {
      setCompare(null);
      setResult(await op.start((opId) => engine.colonyEvaluate({ ...request(), method, aggregator }, opId)));
      await loadColony(colony!.id);
    });

  const compareAll = () =>
    act(async () => {
      const c = await op.start((opId) => engine.colonyCompareMethods(request(), opId));
      setCompare(c);
      setResult({
        runId: c.runId,
        colonyId: c.colonyId,
        seed: c.seed,
        candidates: c.candidates,
        weights,
        verdict: c.verdicts[3]!,
        agents: c.agents,
        truth: c.truth,
        attackTarget: c.attackTarget,
      });
      await loadColony(colony!.id);
    });

  const record = (best: string) =>
    act(async () => {
      if (!result) return;
      const out = await engine.colonyRecordOutcome({ runId: result.runId, bestCandidateId: best });
      await loadColony(colony!.id);
      const ok = Object.entries(out.point.correct)
        .map(([m, c]) => `${methodLabel(m)} ${c ? 'right' : 'wrong'}`)
        .join(', ');
      return `Recorded. At that run: ${ok}. Reliability updated.`;
    });

  const takeCandidates = (c: CandidateInput[], s: string | null, keys: string[]) => {
    setCandidates(c);
    setSource(s);
    setContextKeys(keys);
  };

  return {
    plan,
    colonies,
    colony,
    candidates,
    source,
    contextKeys,
    weights,
    setWeights,
    method,
    setMethod,
    aggregator,
    setAggregator,
    seed,
    setSeed,
    result,
    compare,
    history,
    busy,
    message,
    op,
    create,
    select,
    evaluate,
    compareAll,
    record,
    takeCandidates,
    reload: () => (colony ? loadColony(colony.id) : Promise.resolve()),
  };
}
