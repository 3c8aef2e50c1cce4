import './teach.css';
import { useState } from 'react';
import type { DreamResult } from '../../../workers/contract';
import { Histogram } from './Histogram';

const MAX_OVERLAY = 5;

/** Overlays the outcome distributions of the branches the user ticks (the baseline and best at first). */
export function DistributionCompare({ result }: { result: DreamResult }) {
  const first = result.branches[0]?.id;
  const best = result.scores.best_branch;
  const [picked, setPicked] = useState<string[]>(() => [
    ...new Set([first, best].filter((x): x is string => x !== undefined)),
  ]);
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => (on ? [...p, id].slice(-MAX_OVERLAY) : p.filter((x) => x !== id)));
  return (
    <section className="compare" aria-labelledby="compare-title" data-testid="distribution-compare">
      <h3 id="compare-title">Compare outcome distributions</h3>
      <fieldset className="compare-pick">
        <legend>Branches to overlay (up to {MAX_OVERLAY})</legend>
        {result.branches.map((b) => (
          <label key={b.id} className="check">
            <input
              type="checkbox"
              checked={picked.includes(b.id)}
              onChange={(e) => toggle(b.id, e.target.checked)}
            />
            {b.label}
          </label>
        ))}
      </fieldset>
      {picked.length > 0 ? (
        <Histogram result={result} branchIds={picked} />
      ) : (
        <p className="muted">Tick one or more branches to see their outcomes.</p>
      )}
    </section>
  );
}
