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
} from '../../workers/contract';
import { useAction } from '../components/useAction';
import { engine, errorMessage, newOpId, onEngineEvent } from '../engine';
import { CandidatesPanel } from './colony/CandidatesPanel';
import { ColonySetup, MAX_AGENTS, type SetupValues } from './colony/ColonySetup';
import { CompareView } from './colony/CompareView';
import { EnhancementPanel } from './colony/EnhancementPanel';
import { CRITERIA, CRITERION_LABEL, EXAMPLE_CANDIDATES } from './colony/exampleCandidates';
import { METHOD_HELP } from './colony/methodHelp';
import { OutcomePanel } from './colony/OutcomePanel';
import { RobustnessView } from './colony/RobustnessView';
import { TunePanel } from './colony/TunePanel';
import { VerdictView } from './colony/VerdictView';
import { VoteHeatmap } from './colony/VoteHeatmap';
import './colony/colony.css';

/** The colony evaluator: simulated agents vote on candidates, robustly, and learn from outcomes. */
export function ColonyPage() {
  const [plan, setPlan] = useState<Plan>('free');
  const [colonies, setColonies] = useState<ColonySummary[]>([]);
  const [colony, setColony] = useState<ColonyDetail | null>(null);
  const [candidates, setCandidates] = useState<CandidateInput[]>(EXAMPLE_CANDIDATES);
  const [source, setSource] = useState<string | null>(null);
  const [contextKeys, setContextKeys] = useState<string[]>([]);
  const [weights, setWeights] = useState<CriteriaWeights>({
    accuracy: 0.3,
    creativity: 0.2,
    safety: 0.3,
    user_satisfaction: 0.2,
  });
  const [method, setMethod] = useState<ConsensusMethod>('byzantine');
  const [aggregator, setAggregator] = useState<ByzantineAggregator>('trimmed_mean');
  const [result, setResult] = useState<EvaluationResult | null>(null);
  const [compare, setCompare] = useState<CompareResult | null>(null);
  const [history, setHistory] = useState<ColonyHistory | null>(null);

  const { busy, message, setMessage, act } = useAction();
  const [progress, setProgress] = useState<{ step: string; current: number; total: number } | null>(null);
  const [runningOp, setRunningOp] = useState<string | null>(null);

  /** Runs one colony call as an operation: its steps show as progress, and Cancel can stop it. */
  const withProgress = async <T,>(call: (opId: string) => Promise<T>): Promise<T> => {
    const opId = newOpId('colony');
    const off = onEngineEvent((e) => {
      if (e.type === 'progress' && e.opId === opId) setProgress(e);
    });
    setRunningOp(opId);
    try {
      return await call(opId);
    } finally {
      off();
      setRunningOp(null);
      setProgress(null);
    }
  };

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

  const request = () => ({ colonyId: colony!.id, candidates, weights, ...(source ? { source } : {}) });
  const evaluate = () =>
    act(async () => {
      setCompare(null);
      setResult(
        await withProgress((opId) => engine.colonyEvaluate({ ...request(), method, aggregator }, opId)),
      );
      await loadColony(colony!.id);
    });
  const compareAll = () =>
    act(async () => {
      const c = await withProgress((opId) => engine.colonyCompareMethods(request(), opId));
      setCompare(c);
      const main = c.verdicts[3]!;
      setResult({
        runId: c.runId,
        colonyId: c.colonyId,
        seed: '',
        candidates: c.candidates,
        weights,
        verdict: main,
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
        .map(([m, c]) => `${m} ${c ? 'right' : 'wrong'}`)
        .join(', ');
      return `Recorded. At that run: ${ok}. Reliability updated.`;
    });

  return (
    <section className="colony-page">
      <h1>Colony</h1>
      <p className="privacy-note">
        A colony of simulated evaluators scores each candidate on weighted criteria and reaches a verdict.
        Byzantine members try to bend it; the robust method is built to resist up to f = ⌊(n − 1)/3⌋ of them.
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`banner ${message.kind}`}>
          {message.text}
        </p>
      )}
      <ColonySetup
        plan={plan}
        colonies={colonies}
        colonyId={colony?.id ?? null}
        busy={busy}
        onSelect={(id) => void act(() => loadColony(id))}
        onCreate={(v) => void create(v)}
      />
      <CandidatesPanel
        candidates={candidates}
        source={source}
        onChange={(c, s, keys) => {
          setCandidates(c);
          setSource(s);
          setContextKeys(keys);
        }}
      />

      <section className="panel" aria-labelledby="run-h">
        <h2 id="run-h">Run</h2>
        <div className="row">
          {CRITERIA.map((c) => (
            <label key={c}>
              {CRITERION_LABEL[c]} {weights[c].toFixed(2)}
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={weights[c]}
                onChange={(e) => setWeights({ ...weights, [c]: Number(e.target.value) })}
              />
            </label>
          ))}
        </div>
        <div className="row">
          <label>
            Method{' '}
            <select
              aria-label="Method"
              value={method}
              onChange={(e) => setMethod(e.target.value as ConsensusMethod)}
            >
              <option value="majority">majority</option>
              <option value="weighted">weighted (reliability × expertise)</option>
              <option value="byzantine">byzantine (robust)</option>
            </select>
          </label>
          {method === 'byzantine' && (
            <label>
              Aggregator{' '}
              <select
                aria-label="Aggregator"
                value={aggregator}
                onChange={(e) => setAggregator(e.target.value as ByzantineAggregator)}
              >
                <option value="trimmed_mean">trimmed mean</option>
                <option value="median">coordinate median</option>
                <option value="geometric_median">geometric median</option>
                <option value="krum">Krum</option>
              </select>
            </label>
          )}
          <button
            type="button"
            disabled={busy || !colony || candidates.length < 2}
            onClick={() => void evaluate()}
          >
            Run colony
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || !colony || candidates.length < 2}
            onClick={() => void compareAll()}
          >
            Compare all methods
          </button>
          {runningOp ? (
            <span className="run-progress" aria-live="polite">
              <progress
                aria-label="Colony progress"
                value={progress?.current ?? 0}
                max={progress?.total ?? 1}
              />{' '}
              {progress?.step ?? 'starting'}{' '}
              <button type="button" className="secondary" onClick={() => void engine.cancel(runningOp)}>
                Cancel
              </button>
            </span>
          ) : (
            busy && <span className="muted">Working…</span>
          )}
        </div>
        <p className="muted" data-testid="method-help">
          {METHOD_HELP[method === 'byzantine' ? aggregator : method]} Robust methods assume at most f = ⌊(n −
          1)/3⌋ Byzantine agents.
        </p>
        {!colony && <p className="muted">Build a colony first.</p>}
      </section>

      {result && (
        <section className="panel" aria-labelledby="verdict-h">
          <h2 id="verdict-h">Verdict (run {result.runId})</h2>
          {compare && <CompareView result={compare} />}
          <VerdictView verdict={result.verdict} truthBest={result.truth.best} />
          {result.attackTarget && (
            <p className="muted">
              Colluders pushed: {result.candidates.find((c) => c.id === result.attackTarget)?.label}.
            </p>
          )}
          <VoteHeatmap agents={result.agents} candidates={result.candidates} />
        </section>
      )}

      {colony && (
        <OutcomePanel
          runId={result?.runId ?? null}
          candidates={result?.candidates ?? []}
          truthBest={result?.truth.best ?? null}
          agents={colony.agents}
          history={history}
          busy={busy}
          onRecord={(b) => void record(b)}
        />
      )}
      {colony && (
        <TunePanel
          colonyId={colony.id}
          outcomes={history?.points.length ?? 0}
          onChanged={() => void loadColony(colony.id)}
        />
      )}
      <RobustnessView maxAgents={MAX_AGENTS[plan]} />
      <EnhancementPanel runId={result?.runId ?? null} contextKeys={contextKeys} />
    </section>
  );
}
