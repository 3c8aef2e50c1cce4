import { useId, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  ResponsiveContainer,
} from 'recharts';
import type { ByzantineStrategy, RobustnessResult } from '../../../workers/contract';
import { engine, errorMessage } from '../../engine';
import { METHOD_COLOURS } from './exampleCandidates';
import { ProgressLine } from '../../components/ProgressLine';
import { useOperation } from '../../components/useOperation';
import { formatFixed } from '../../components/format';
import { roundTip } from './chartFormat';
import { methodLabel } from './methodNames';
import { ChartLegend } from './ChartLegend';

/**
 * 31 agents tolerate f = 10, enough for 9 colluders (share 0.3) to stay below n/3 while clearly
 * outvoting the honest agents' split first choices. Smaller plans study their largest colony.
 */
const TEACHING_SIZE = 31;
const DEFAULT_SEEDS = 300;
const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5];

/** A whole number typed into a field, or a message saying what the field takes. */
function parseWhole(
  text: string,
  label: string,
  min: number,
  max: number,
): { value: number } | { error: string } {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isInteger(n) || n < min || n > max)
    return { error: `${label} must be a whole number from ${min} to ${max}.` };
  return { value: n };
}

/** Teaching view: each method's accuracy against the share of Byzantine agents, over many seeds. */
export function RobustnessView({ maxAgents }: { maxAgents: number }) {
  const op = useOperation('colony-robustness');
  const defaultSize = Math.min(TEACHING_SIZE, maxAgents);
  // null until edited, so the default follows the plan once the page has loaded it.
  const [sizeText, setSizeText] = useState<string | null>(null);
  const [seedsText, setSeedsText] = useState(String(DEFAULT_SEEDS));
  const [checked, setChecked] = useState(false);
  const [strategy, setStrategy] = useState<ByzantineStrategy>('colluding');
  const [result, setResult] = useState<RobustnessResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sizeId = useId();
  const seedsId = useId();

  const sizeParsed = parseWhole(sizeText ?? String(defaultSize), 'Agents', 3, maxAgents);
  const seedsParsed = parseWhole(seedsText, 'Seeds', 10, 2000);
  const sizeError = checked && 'error' in sizeParsed ? sizeParsed.error : null;
  const seedsError = checked && 'error' in seedsParsed ? seedsParsed.error : null;
  const size = 'value' in sizeParsed ? sizeParsed.value : defaultSize;

  const run = async () => {
    setChecked(true);
    if ('error' in sizeParsed || 'error' in seedsParsed) return;
    setError(null);
    try {
      const opts = { size: sizeParsed.value, seeds: seedsParsed.value, strategy, shares: SHARES };
      setResult(await op.start((id) => engine.colonyRobustness(opts, id)));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const rows = (result?.points ?? []).map((p) => ({ share: p.share, ...p.accuracy }));
  const f = Math.floor((size - 1) / 3);
  const shownF = result ? Math.floor((result.size - 1) / 3) : 0;

  return (
    <section className="panel" aria-labelledby="robust-h">
      <h2 id="robust-h">Robustness</h2>
      <p className="muted">
        Every seed builds a fresh colony and a fresh candidate set, so the truly best candidate is known. With{' '}
        {size} agents the colony tolerates f = {f} Byzantine agents (share {formatFixed(f / size)}): below
        that, the robust methods should keep finding the best candidate while colluders sway majority.
        {maxAgents < TEACHING_SIZE && (
          <>
            {' '}
            The plan caps colonies at {maxAgents} agents; the gap is clearer with {TEACHING_SIZE} (pro plan),
            where f = 10.
          </>
        )}
      </p>
      <div className="row">
        <span className="colony-field">
          <label>
            Agents{' '}
            <input
              type="number"
              min={3}
              max={maxAgents}
              value={sizeText ?? String(defaultSize)}
              aria-invalid={sizeError ? true : undefined}
              aria-describedby={sizeError ? sizeId : undefined}
              onChange={(e) => setSizeText(e.target.value)}
            />
          </label>
          {sizeError && (
            <span id={sizeId} className="field-error" role="alert">
              {sizeError}
            </span>
          )}
        </span>
        <span className="colony-field">
          <label>
            Seeds{' '}
            <input
              type="number"
              min={10}
              max={2000}
              value={seedsText}
              aria-invalid={seedsError ? true : undefined}
              aria-describedby={seedsError ? seedsId : undefined}
              onChange={(e) => setSeedsText(e.target.value)}
            />
          </label>
          {seedsError && (
            <span id={seedsId} className="field-error" role="alert">
              {seedsError}
            </span>
          )}
        </span>
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
          <div className="colony-chart">
            <ResponsiveContainer width="100%" height={340}>
              <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 28, left: 0 }}>
                <CartesianGrid stroke="#dde0ee" />
                <XAxis
                  dataKey="share"
                  type="number"
                  domain={[0, Math.max(...SHARES)]}
                  ticks={SHARES}
                  label={{ value: 'Byzantine share', position: 'insideBottom', offset: -18 }}
                />
                <YAxis domain={[0, 1]} />
                <Tooltip formatter={roundTip} />
                <ReferenceLine
                  x={shownF / result.size}
                  stroke="#c92a2a"
                  strokeDasharray="4 4"
                  label={{ value: `f/n = ${formatFixed(shownF / result.size)}`, position: 'insideTopRight' }}
                />
                {result.methods.map((m, i) => (
                  <Line
                    key={m}
                    dataKey={m}
                    name={methodLabel(m)}
                    stroke={METHOD_COLOURS[i % METHOD_COLOURS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <ChartLegend
            label="Methods"
            items={result.methods.map((m, i) => ({
              name: methodLabel(m),
              colour: METHOD_COLOURS[i % METHOD_COLOURS.length]!,
            }))}
          />
          <figcaption className="muted">
            Accuracy (share of {result.seeds} seeds where the method picks the truly best candidate),{' '}
            {result.size} agents, {result.strategy} attackers, perception noise {result.noise}, expertise{' '}
            {result.expertiseLevel}, personality spread {result.personalitySpread}. The dashed line marks f/n:
            up to it (f = {shownF}), a robust method has a guarantee; majority has none.
          </figcaption>
        </figure>
      )}
    </section>
  );
}
