import type { AgentDetail } from '../../../workers/contract';
import { formatFixed } from '../../components/format';

const MAX_ROWS = 300;
const ROLE_COLOUR = { honest: '#adb5bd', byzantine: '#c92a2a', suspected: '#f08c00' };

/** Pale (lowest score on the map) to deep blue (highest). */
const shade = (t: number) =>
  `rgb(${Math.round(240 - 200 * t)}, ${Math.round(244 - 170 * t)}, ${Math.round(255 - 80 * t)})`;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Agents × candidates as a heat map of scores: one row per agent (labelled with its id), one column per
 * candidate (labelled on top), and a tooltip on every cell with the agent, the candidate and the score.
 * An SVG scaled by its viewBox, so it fits a phone as well as a desktop.
 */
export function VoteHeatmap({
  agents,
  candidates,
}: {
  agents: AgentDetail[];
  candidates: Array<{ id: string; label: string }>;
}) {
  const rows = agents.slice(0, MAX_ROWS);
  const rowH = rows.length > 100 ? 3 : rows.length > 40 ? 8 : 18;
  const showRowLabels = rowH >= 8;
  const cell = Math.max(12, Math.min(64, Math.floor(480 / Math.max(1, candidates.length))));
  const left = (showRowLabels ? 84 : 8) + 34;
  const top = 96;
  // Room on the right for the last column's slanted label.
  const width = left + candidates.length * cell + 72;
  const height = top + rows.length * rowH + 4;

  let lo = Infinity;
  let hi = -Infinity;
  for (const a of rows)
    for (const s of a.scores) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
  const span = hi - lo || 1;
  const byz = agents.filter((a) => a.role === 'byzantine').length;
  const sus = agents.filter((a) => a.suspected).length;

  return (
    <figure className="colony-heatmap">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        role="img"
        aria-label={`Votes of ${agents.length} agents (rows) on ${candidates.length} candidates (columns); ${byz} Byzantine, ${sus} suspected`}
        data-testid="vote-heatmap"
      >
        <text x={2} y={12} className="colony-axis-title">
          rows: agents · columns: candidates
        </text>
        {candidates.map((c, j) => (
          <text
            key={c.id}
            className="colony-col-label"
            transform={`translate(${left + j * cell + cell / 2 + 4}, ${top - 6}) rotate(-50)`}
          >
            <title>{c.label}</title>
            {clip(c.label, 16)}
          </text>
        ))}
        {rows.map((a, i) => {
          const y = top + i * rowH;
          const role = a.role === 'byzantine' ? 'Byzantine' : 'honest';
          return (
            <g key={a.id}>
              {showRowLabels && (
                <text x={left - 36} y={y + rowH * 0.75} textAnchor="end" className="colony-row-label">
                  {a.id}
                </text>
              )}
              <rect x={left - 32} y={y} width={12} height={Math.max(1, rowH - 1)} fill={ROLE_COLOUR[a.role]}>
                <title>{`${a.id}: ${role}`}</title>
              </rect>
              {a.suspected && (
                <rect
                  x={left - 18}
                  y={y}
                  width={12}
                  height={Math.max(1, rowH - 1)}
                  fill={ROLE_COLOUR.suspected}
                >
                  <title>{`${a.id}: suspected by the robust method`}</title>
                </rect>
              )}
              {a.scores.map((s, j) => (
                <rect
                  key={candidates[j]?.id ?? j}
                  x={left + j * cell}
                  y={y}
                  width={cell - 1}
                  height={Math.max(1, rowH - 1)}
                  fill={shade((s - lo) / span)}
                >
                  <title>{`${a.id} (${role}${a.suspected ? ', suspected' : ''}) scored ${candidates[j]?.label ?? ''}: ${formatFixed(s)}`}</title>
                </rect>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <div className="colony-legend" aria-hidden="true">
          <span>score {formatFixed(lo)}</span>
          <span
            className="colony-legend-scale"
            style={{ background: `linear-gradient(to right, ${shade(0)}, ${shade(0.5)}, ${shade(1)})` }}
          />
          <span>{formatFixed(hi)}</span>
          <span className="colony-swatch" style={{ background: ROLE_COLOUR.honest }} /> honest
          <span className="colony-swatch" style={{ background: ROLE_COLOUR.byzantine }} /> Byzantine
          <span className="colony-swatch" style={{ background: ROLE_COLOUR.suspected }} /> suspected
        </div>
        <p className="muted">
          One row per agent{agents.length > MAX_ROWS ? ` (first ${MAX_ROWS} of ${agents.length})` : ''}, one
          column per candidate, left to right: {candidates.map((c) => c.label).join(', ')}. The darker the
          cell, the higher that agent scored that candidate ({formatFixed(lo)} to {formatFixed(hi)} on this
          map); point at a cell for its score. The first mark left of each row is red for a Byzantine agent
          (known only to the simulation), grey for an honest one; a second, orange mark means the robust
          method suspects it. {byz} Byzantine, {sus} suspected.
        </p>
      </figcaption>
    </figure>
  );
}
