import './teach.css';
import type { SensitivityReport } from '../../../workers/contract';
import { linear, niceTicks, tickLabel } from './chartScale';
import { Term } from './Glossary';
import { formatNumber as fmt } from '../../components/format';

/**
 * The tornado: one bar per factor, from the average outcome with the factor held low to the average
 * with it held high, around the overall average. Longest bar first: the factor that moves the outcome
 * most. Bars are HTML, so their words stay readable on a phone.
 */
export function SensitivityChart({ report, highlight }: { report: SensitivityReport; highlight?: string }) {
  const values = report.factors
    .flatMap((f) => [f.outcome_at_low, f.outcome_at_high])
    .concat(report.base_mean);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.04 || Math.abs(lo) * 0.05 || 1;
  const at = linear(lo - pad, hi + pad, 0, 100);
  const ticks = niceTicks(lo - pad, hi + pad, 4).filter((v) => v >= lo - pad && v <= hi + pad);
  const goodHigh = (out: number) => (report.maximise ? out > report.base_mean : out < report.base_mean);
  const top = report.factors[0];
  return (
    <figure className="tornado" data-testid="sensitivity">
      <figcaption>
        <Term term="sensitivity">What moves the outcome most</Term>
        <span className="muted small">
          {' '}
          — each bar runs from the average outcome with that factor low (10th percentile) to the average with
          it high (90th), the rest left to chance; the line is the overall average ({fmt(report.base_mean)}).
        </span>
      </figcaption>
      <ol className="tornado-rows">
        {report.factors.map((f) => {
          const a = at(Math.min(f.outcome_at_low, f.outcome_at_high));
          const b = at(Math.max(f.outcome_at_low, f.outcome_at_high));
          return (
            <li key={f.factor} className={f.factor === highlight ? 'current' : undefined}>
              <span className="tornado-name">
                <strong>{f.factor}</strong> <span className="muted small">{Math.round(f.share * 100)}%</span>
              </span>
              <span className="tornado-track" aria-hidden="true">
                <span className="tornado-base" style={{ left: `${at(report.base_mean)}%` }} />
                <span
                  className={`tornado-bar ${goodHigh(f.outcome_at_high) ? 'up-good' : 'up-bad'}`}
                  style={{ left: `${a}%`, width: `${Math.max(0.6, b - a)}%` }}
                />
              </span>
              <span className="tornado-words small">
                {f.swing === 0
                  ? 'does not move the outcome'
                  : `low ${fmt(f.low_value)} → ${fmt(f.outcome_at_low)}; high ${fmt(f.high_value)} → ${fmt(f.outcome_at_high)} (moves it by ${fmt(Math.abs(f.swing))})`}
              </span>
            </li>
          );
        })}
      </ol>
      <div className="tornado-axis" aria-hidden="true">
        {ticks.map((v) => (
          <span key={v} style={{ left: `${at(v)}%` }}>
            {tickLabel(v)}
          </span>
        ))}
      </div>
      <p className="muted small">
        Green bars: raising the factor helps the outcome; red: raising it hurts.
        {top && top.swing !== 0 && ` ${top.factor} matters most here.`}
      </p>
    </figure>
  );
}
