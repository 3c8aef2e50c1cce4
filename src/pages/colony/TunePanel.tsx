import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, ResponsiveContainer } from 'recharts';
import type { EvolveResult, SelfTuneResult, TuneConfig } from '../../../workers/contract';
import { engine, errorMessage } from '../../engine';
import { ProgressLine } from '../../components/ProgressLine';
import { useOperation } from '../../components/useOperation';
import { formatFixed } from '../../components/format';
import { roundTip } from './chartFormat';
import { methodName } from './methodNames';
import { ChartLegend } from './ChartLegend';
import { LinesChart } from '../../components/LinesChart';
import { ScrollTable } from './ScrollTable';

const EVOLVE_LINES = [
  { key: 'best', name: 'best', colour: '#2b8a3e' },
  { key: 'mean', name: 'mean', colour: '#3b5bdb' },
  { key: 'worst', name: 'worst', colour: '#c92a2a' },
  { key: 'colonyAccuracy', name: 'colony accuracy', colour: '#b7791f' },
];

const describe = (c: TuneConfig) =>
  `${methodName(c)} · weights ${Object.values(c.weights)
    .map((w) => formatFixed(w))
    .join('/')}${c.trim ? ` · trim ${formatFixed(c.trim)}` : ''}`;

/** Self-tuning (successive halving within a budget) and evolution of personalities, with progress. */
export function TunePanel({
  colonyId,
  outcomes,
  onChanged,
}: {
  colonyId: number;
  outcomes: number;
  onChanged(): void;
}) {
  const tuneOp = useOperation('colony-tune');
  const evoOp = useOperation('colony-evolve');
  const [budget, setBudget] = useState(1000);
  const [space, setSpace] = useState({ weights: true, method: true, aggregator: false, trim: false });
  const [truth, setTruth] = useState<'synthetic' | 'outcomes'>('synthetic');
  const [tune, setTune] = useState<SelfTuneResult | null>(null);
  const [generations, setGenerations] = useState(20);
  const [apply, setApply] = useState(false);
  const [evo, setEvo] = useState<EvolveResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const runTune = async () => {
    setError(null);
    try {
      setTune(
        await tuneOp.start((id) =>
          engine.colonySelfTune({ colonyId, simulationBudget: budget, space, truth }, id),
        ),
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const runEvolve = async () => {
    setError(null);
    try {
      setEvo(await evoOp.start((id) => engine.colonyEvolve({ colonyId, generations, apply, truth }, id)));
      if (apply) onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="panel" aria-labelledby="tune-h">
      <h2 id="tune-h">Self-tuning and evolution</h2>
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}
      <div className="row">
        <label>
          Truth{' '}
          <select value={truth} onChange={(e) => setTruth(e.target.value as 'synthetic' | 'outcomes')}>
            <option value="synthetic">held-out synthetic truth</option>
            <option value="outcomes" disabled={outcomes < 4}>
              recorded outcomes ({outcomes})
            </option>
          </select>
        </label>
      </div>
      <h3>Self-tune</h3>
      <div className="row">
        <label>
          Budget (configurations){' '}
          <input
            type="number"
            min={10}
            max={100000}
            value={budget}
            onChange={(e) => setBudget(Math.max(10, Number(e.target.value) || 10))}
          />
        </label>
        {(Object.keys(space) as Array<keyof typeof space>).map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={space[k]}
              onChange={(e) => setSpace({ ...space, [k]: e.target.checked })}
            />{' '}
            {k}
          </label>
        ))}
        <button type="button" disabled={tuneOp.running} onClick={() => void runTune()}>
          Run self-tune
        </button>
      </div>
      <ProgressLine op={tuneOp} label="Self-tune" />
      {tune && (
        <div data-testid="tune-result">
          <p>
            {tune.evaluations} of {tune.budget} evaluations. Best: {describe(tune.best.config)} — held-out
            accuracy <strong>{formatFixed(tune.best.heldOut)}</strong> against the default's{' '}
            {formatFixed(tune.defaultHeldOut)}.
          </p>
          <div className="colony-chart">
            <ResponsiveContainer width="100%" height={160}>
              <BarChart
                data={tune.rungs.map((r) => ({
                  rung: `${r.configurations} × ${r.problems}`,
                  best: r.bestScore,
                }))}
              >
                <CartesianGrid stroke="#dde0ee" />
                <XAxis dataKey="rung" />
                <YAxis domain={[0, 1]} />
                <Tooltip formatter={roundTip} />
                <Bar dataKey="best" fill="#3b5bdb" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ScrollTable label="Leaderboard" columns={['#', 'Configuration', 'Score', 'Held-out']}>
            {tune.leaderboard.slice(0, 10).map((e) => (
              <tr key={e.rank}>
                <td>{e.rank}</td>
                <td>{describe(e.config)}</td>
                <td>{formatFixed(e.score)}</td>
                <td>{formatFixed(e.heldOut)}</td>
              </tr>
            ))}
          </ScrollTable>
        </div>
      )}
      <h3>Evolve personalities</h3>
      <div className="row">
        <label>
          Generations{' '}
          <input
            type="number"
            min={1}
            max={500}
            value={generations}
            onChange={(e) => setGenerations(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <label>
          <input type="checkbox" checked={apply} onChange={(e) => setApply(e.target.checked)} /> apply to the
          colony
        </label>
        <button type="button" disabled={evoOp.running} onClick={() => void runEvolve()}>
          Run evolution
        </button>
      </div>
      <ProgressLine op={evoOp} label="Evolution" />
      {evo && (
        <figure aria-label="Fitness by generation" data-testid="evolve-chart">
          <div className="colony-chart">
            <LinesChart
              data={evo.generations}
              xKey="generation"
              lines={EVOLVE_LINES}
              height={220}
              formatTip={roundTip}
            />
          </div>
          <ChartLegend label="Fitness lines" items={EVOLVE_LINES} />
          <figcaption className="muted">{evo.applied ? 'Applied to the colony.' : 'Not applied.'}</figcaption>
        </figure>
      )}
    </section>
  );
}
