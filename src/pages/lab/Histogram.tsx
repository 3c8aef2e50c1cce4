import './teach.css';
import { useId } from 'react';
import type { DreamResult } from '../../../workers/contract';
import { linear, niceTicks, tickLabel } from './chartScale';
import { chartData, type Marker } from './histogramData';
import { formatNumber as fmt } from '../../components/format';

const W = 440;
const H = 210;
const M = { left: 46, right: 12, top: 10, bottom: 40 };
/** Colours for overlaid branches: distinct for common colour-vision deficiencies, readable on white. */
export const SERIES_COLOURS = ['#3b5bdb', '#d9480f', '#2b8a3e', '#862e9c', '#495057'];
const MARK_STYLE: Record<Marker['kind'], { stroke: string; dash: string }> = {
  threshold: { stroke: '#c92a2a', dash: '6 3' },
  baseline: { stroke: '#1d2440', dash: '2 3' },
  floor: { stroke: '#b7791f', dash: '10 3 2 3' },
};

/**
 * The outcome distribution of one branch (bars) or several (overlaid outlines), with labelled axes,
 * ticks, and the failure threshold, the baseline's mean and outcome-based stakeholder floors marked.
 */
export function Histogram({ result, branchIds }: { result: DreamResult; branchIds: string[] }) {
  const titleId = useId();
  const data = chartData(result, branchIds);
  if (data.series.length === 0) return null;
  const x = linear(data.lo, data.hi, M.left, W - M.right);
  const peak = Math.max(...data.series.flatMap((s) => s.shares), 0.0001);
  const yTicks = niceTicks(0, peak, 4);
  const yMax = Math.max(peak, yTicks[yTicks.length - 1] ?? peak);
  const y = linear(0, yMax, H - M.bottom, M.top);
  const xTicks = niceTicks(data.lo, data.hi, 5).filter((v) => v >= data.lo && v <= data.hi);
  const overlay = data.series.length > 1;
  const better = result.model.target?.direction === 'minimise' ? 'lower is better' : 'higher is better';
  const names = data.series.map((s) => s.label).join(', ');
  const summary =
    `Outcome distribution of ${names}, from ${tickLabel(data.lo)} to ${tickLabel(data.hi)}. ` +
    data.markers.map((m) => `${m.label} at ${fmt(m.value)}`).join('; ');
  return (
    <figure className="histogram" data-testid="histogram">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{summary}</title>
        {/* Axes with ticks. */}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis" />
        {xTicks.map((v) => (
          <g key={`x${v}`}>
            <line x1={x(v)} x2={x(v)} y1={H - M.bottom} y2={H - M.bottom + 4} className="axis" />
            <text x={x(v)} y={H - M.bottom + 15} textAnchor="middle" className="tick">
              {tickLabel(v)}
            </text>
          </g>
        ))}
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={M.left - 4} x2={M.left} y1={y(v)} y2={y(v)} className="axis" />
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={M.left - 6} y={y(v) + 3.5} textAnchor="end" className="tick">
              {`${Number((v * 100).toPrecision(3))}%`}
            </text>
          </g>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="axis-label">
          Outcome ({better})
        </text>
        <text
          x={12}
          y={(M.top + H - M.bottom) / 2}
          textAnchor="middle"
          className="axis-label"
          transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}
        >
          Share of samples
        </text>
        {data.series.map((s, k) => {
          const colour = SERIES_COLOURS[k % SERIES_COLOURS.length]!;
          if (!overlay) {
            return s.shares.map((v, i) => (
              <rect
                key={i}
                x={x(s.edges[i]!) + 0.5}
                width={Math.max(0.5, x(s.edges[i + 1]!) - x(s.edges[i]!) - 1)}
                y={y(v)}
                height={H - M.bottom - y(v)}
                fill={colour}
              />
            ));
          }
          // Overlaid branches are step outlines with a light fill, so every one stays visible.
          let d = `M${x(s.edges[0]!)},${y(0)}`;
          s.shares.forEach((v, i) => {
            d += ` L${x(s.edges[i]!)},${y(v)} L${x(s.edges[i + 1]!)},${y(v)}`;
          });
          d += ` L${x(s.edges[s.edges.length - 1]!)},${y(0)}`;
          return <path key={s.id} d={d} stroke={colour} strokeWidth={2} fill={colour} fillOpacity={0.08} />;
        })}
        {data.markers.map((m) => (
          <line
            key={`${m.kind}${m.label}`}
            x1={x(m.value)}
            x2={x(m.value)}
            y1={M.top}
            y2={H - M.bottom}
            stroke={MARK_STYLE[m.kind].stroke}
            strokeDasharray={MARK_STYLE[m.kind].dash}
            strokeWidth={2}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {overlay &&
            data.series.map((s, k) => (
              <li key={s.id}>
                <svg width="22" height="10" aria-hidden="true">
                  <rect width="22" height="10" fill={SERIES_COLOURS[k % SERIES_COLOURS.length]} />
                </svg>
                {s.label}
              </li>
            ))}
          {data.markers.map((m) => (
            <li key={`${m.kind}${m.label}`}>
              <svg width="22" height="10" aria-hidden="true">
                <line
                  x1="0"
                  x2="22"
                  y1="5"
                  y2="5"
                  stroke={MARK_STYLE[m.kind].stroke}
                  strokeDasharray={MARK_STYLE[m.kind].dash}
                  strokeWidth={2}
                />
              </svg>
              {m.label} ({fmt(m.value)})
            </li>
          ))}
          {data.offChart.map((m) => (
            <li key={`off${m.kind}${m.label}`} className="muted">
              {m.label} ({fmt(m.value)}) lies far outside these outcomes
            </li>
          ))}
        </ul>
        {data.estimated && (
          <p className="muted small">
            This branch's outcomes fall in a narrow band, so its shape is drawn from its percentiles over its
            own range.
          </p>
        )}
      </figcaption>
    </figure>
  );
}
