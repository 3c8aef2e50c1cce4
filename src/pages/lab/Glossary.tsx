import './teach.css';
import { useId, useState, type ReactNode } from 'react';

/** Plain words for the lab's metrics, short enough for a teacher to read out. */
export const GLOSSARY = {
  utility:
    'Utility: how good this branch looks overall, from 0 to 1. 0.5 is as good as the baseline; higher is better. It weighs the outcome and what each stakeholder cares about.',
  risk: 'Risk: the chance that the outcome is a failure — below the failure threshold when more is better, above it when less is better. 0.10 means 1 run in 10 fails.',
  cvar: 'CVaR 5% (conditional value at risk): the average of the worst 5 runs in every 100. It says how bad the bad cases are, not just how often they happen.',
  novelty:
    'Novelty (KS distance): how different this branch’s outcomes are from the baseline’s, from 0 (the same) to 1 (no overlap at all).',
  confidence:
    'Confidence: how sure the numbers are, from 0 to 1. It grows with the number of samples and shrinks when the outcomes are very spread out.',
  sensitivity:
    'Sensitivity: how far the average outcome moves when one factor goes from low (its 10th percentile) to high (its 90th), with everything else left to chance.',
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;

/**
 * A metric's name with a small "?" button beside it that shows its meaning in plain words. It is a
 * toggle, so it works by touch and keyboard as well as by mouse; Escape closes it.
 */
export function Term({ term, children }: { term: GlossaryTerm; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="term">
      {children}
      <button
        type="button"
        className="term-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`What does ${term === 'cvar' ? 'CVaR' : term} mean?`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        ?
      </button>
      <span id={id} className="term-pop" hidden={!open} role="note">
        {GLOSSARY[term]}
      </span>
    </span>
  );
}

/** The whole glossary, folded away until asked for. */
export function Glossary() {
  return (
    <details className="glossary" data-testid="glossary">
      <summary>What the numbers mean</summary>
      <dl>
        {Object.entries(GLOSSARY).map(([k, text]) => {
          const [name, ...rest] = text.split(': ');
          return (
            <div key={k}>
              <dt>{name}</dt>
              <dd>{rest.join(': ')}</dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
