import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis, ResponsiveContainer } from 'recharts';
import type { AgentInfo, ColonyHistory } from '../../../workers/contract';
import { ChartLegend } from './ChartLegend';
import { LinesChart } from '../../components/LinesChart';
import { roundTip } from './chartFormat';

const CURVE_LINES = [
  { key: 'majority', name: 'majority', colour: '#868e96' },
  { key: 'weighted', name: 'weighted', colour: '#3b5bdb' },
  { key: 'byzantine', name: 'byzantine (robust)', colour: '#2b8a3e' },
];

interface Props {
  runId: number | null;
  candidates: Array<{ id: string; label: string }>;
  truthBest: string | null;
  agents: AgentInfo[];
  history: ColonyHistory | null;
  busy: boolean;
  onRecord(bestCandidateId: string): void;
}

/** Record what actually turned out best; watch the reliability weights and the accuracy move. */
export function OutcomePanel({ runId, candidates, truthBest, agents, history, busy, onRecord }: Props) {
  const [best, setBest] = useState('');
  const chosen =
    best && candidates.some((c) => c.id === best) ? best : (truthBest ?? candidates[0]?.id ?? '');
  const curve = (history?.points ?? []).map((p, k, all) => {
    const upTo = all.slice(0, k + 1);
    const acc = (m: 'majority' | 'weighted' | 'byzantine') =>
      upTo.filter((q) => q.correct[m]).length / upTo.length;
    return {
      outcome: k + 1,
      majority: acc('majority'),
      weighted: acc('weighted'),
      byzantine: acc('byzantine'),
    };
  });
  const bars = agents
    .slice(0, 200)
    .map((a) => ({ id: a.id, reliability: a.reliability, byzantine: a.role === 'byzantine' }));

  return (
    <section className="panel" aria-labelledby="outcome-h">
      <h2 id="outcome-h">Learn from outcomes</h2>
      {runId === null ? (
        <p className="muted">Run the colony first; then record which candidate actually turned out best.</p>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            onRecord(chosen);
          }}
        >
          <label>
            Actually best in run {runId}{' '}
            <select aria-label="Actually best" value={chosen} onChange={(e) => setBest(e.target.value)}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                  {c.id === truthBest ? ' (truly best in the simulation)' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            Record outcome
          </button>
        </form>
      )}
      <p className="muted" data-testid="outcome-count">
        {history?.points.length ?? 0} outcomes recorded.
      </p>
      {bars.length > 0 && (
        <figure aria-label="Reliability by agent">
          <div className="colony-chart">
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid stroke="#dde0ee" />
                <XAxis dataKey="id" hide />
                <YAxis />
                <Tooltip formatter={roundTip} />
                <Bar dataKey="reliability" isAnimationActive={false}>
                  {bars.map((b) => (
                    <Cell key={b.id} fill={b.byzantine ? '#c92a2a' : '#3b5bdb'} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="muted">
            Reliability of each agent (blue honest, red Byzantine); the mean is 1.
          </figcaption>
        </figure>
      )}
      {curve.length > 0 && (
        <figure aria-label="Accuracy over outcomes">
          <div className="colony-chart">
            <LinesChart data={curve} xKey="outcome" lines={CURVE_LINES} height={200} formatTip={roundTip} />
          </div>
          <ChartLegend label="Methods" items={CURVE_LINES} />
          <figcaption className="muted">
            Share of runs so far where each method's verdict was the actual best.
          </figcaption>
        </figure>
      )}
    </section>
  );
}
