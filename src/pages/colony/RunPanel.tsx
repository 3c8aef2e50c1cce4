import type { ByzantineAggregator, ConsensusMethod } from '../../../workers/contract';
import { LabelledSelect } from '../../components/LabelledSelect';
import { ProgressLine } from '../../components/ProgressLine';
import { formatFixed } from '../../components/format';
import { CRITERIA, CRITERION_LABEL } from './exampleCandidates';
import { METHOD_HELP } from './methodHelp';
import { newRunSeed, type useColony } from './useColony';

const METHODS: ReadonlyArray<readonly [ConsensusMethod, string]> = [
  ['majority', 'majority'],
  ['weighted', 'weighted (reliability × expertise)'],
  ['byzantine', 'byzantine (robust)'],
];

const AGGREGATORS: ReadonlyArray<readonly [ByzantineAggregator, string]> = [
  ['trimmed_mean', 'trimmed mean'],
  ['median', 'coordinate median'],
  ['geometric_median', 'geometric median'],
  ['krum', 'Krum'],
];

/** Criteria weights, the method, and the Run / Compare buttons with the run's progress. */
export function RunPanel({ c }: { c: ReturnType<typeof useColony> }) {
  const ready = !c.busy && !!c.colony && c.candidates.length >= 2;
  return (
    <section className="panel" aria-labelledby="run-h">
      <h2 id="run-h">Run</h2>
      <div className="row">
        {CRITERIA.map((k) => (
          <label key={k}>
            {CRITERION_LABEL[k]} {formatFixed(c.weights[k])}
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={c.weights[k]}
              onChange={(e) => c.setWeights({ ...c.weights, [k]: Number(e.target.value) })}
            />
          </label>
        ))}
      </div>
      <div className="row">
        <LabelledSelect label="Method" value={c.method} options={METHODS} onChange={c.setMethod} />
        {c.method === 'byzantine' && (
          <LabelledSelect
            label="Aggregator"
            value={c.aggregator}
            options={AGGREGATORS}
            onChange={c.setAggregator}
          />
        )}
        <label>
          Run seed{' '}
          <input
            aria-label="Run seed"
            className="colony-seed"
            value={c.seed}
            maxLength={200}
            onChange={(e) => c.setSeed(e.target.value)}
          />
        </label>
        <button type="button" className="secondary" onClick={() => c.setSeed(newRunSeed())}>
          New seed
        </button>
      </div>
      <p className="muted">
        The seed draws each agent&apos;s perception noise: the same seed, colony, candidates and options give
        the same verdict every time, in Run and in Compare alike. A new seed is a fresh draw.
      </p>
      <div className="row">
        <button type="button" disabled={!ready} onClick={() => void c.evaluate()}>
          Run colony
        </button>
        <button type="button" className="secondary" disabled={!ready} onClick={() => void c.compareAll()}>
          Compare all methods
        </button>
        {!c.op.running && c.busy && <span className="muted">Working…</span>}
      </div>
      <ProgressLine op={c.op} label="Colony" />
      <p className="muted" data-testid="method-help">
        {METHOD_HELP[c.method === 'byzantine' ? c.aggregator : c.method]} Robust methods assume at most f =
        ⌊(n − 1)/3⌋ Byzantine agents.
      </p>
      {!c.colony && <p className="muted">Build a colony first.</p>}
    </section>
  );
}
