import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ByzantineStrategy, RobustnessResult } from '../../../workers/contract';
import { engine, errorMessage } from '../../engine';
import { METHOD_COLOURS } from './exampleCandidates';
import { ProgressLine } from './ProgressLine';
import { useOperation } from './useOperation';

/** Teaching view: each method's accuracy against the share of Byzantine agents, over many seeds. */
export function RobustnessView({ maxAgents }: { maxAgents: number }) {
  const op = useOperation('colony-robustness');
  const [size, setSize] = useState(Math.min(10, maxAgents));
  const [seeds, setSeeds] = useState(100);
  const [strategy, setStrategy] = useState<ByzantineStrategy>('colluding');
  const [result, setResult] = useState<RobustnessResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    try {
      const shares = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
      setResult(await op.start((id) => engine.colonyRobustness({ size, seeds, strategy, shares }, id)));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const rows = (result?.points ?? []).map((p) => ({ share: p.share, ...p.accuracy }));
  const f = Math.floor((size - 1) / 3);

  return (
    <section className="panel" aria-labelledby="robust-h">
      <h2 id="robust-h">Robustness</h2>
      <p className="muted">
        Every seed builds a fresh colony and a fresh candidate set, so the truly best candidate is known. With{' '}
        {size} agents the colony tolerates f = {f} Byzantine agents (share {(f / size).toFixed(2)}).
      </p>
      <div className="row">
        <label>
          Agents{' '}
          <input
            type="number"
            min={3}
            max={maxAgents}
            value={size}
            onChange={(e) => setSize(Math.max(3, Number(e.target.value) || 3))}
          />
        </label>
        <label>
          Seeds{' '}
          <input
            type="number"
            min={10}
            max={2000}
            value={seeds}
            onChange={(e) => setSeeds(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <label>
          Strategy{' '}
          <select value={strategy} onChange={(e) => setStrategy(e.target.value as ByzantineStrategy)}>
            <option value="colluding">colluding</option>
            <option value="random">random</option>
            <option value="inverting">inverting</option>
          </select>
        </label>
        <button type="button" disabled={op.running} onClick={() => void run()}>
          Run robustness study
        </button>
      </div>
      <ProgressLine op={op} label="Robustness" />
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}
      {result && (
        <figure aria-label="Accuracy against Byzantine share" data-testid="robustness-chart">
          <LineChart width={680} height={280} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#dde0ee" />
            <XAxis
              dataKey="share"
              label={{ value: 'Byzantine share', position: 'insideBottomRight', offset: -4 }}
            />
            <YAxis domain={[0, 1]} />
            <Tooltip />
            <Legend />
            {result.methods.map((m, i) => (
              <Line
                key={m}
                dataKey={m}
                stroke={METHOD_COLOURS[i % METHOD_COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
          <figcaption className="muted">
            Accuracy (share of {result.seeds} seeds where the method picks the truly best candidate).
          </figcaption>
        </figure>
      )}
    </section>
  );
}
