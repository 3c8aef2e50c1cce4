import { useEffect, useRef } from 'react';
import type { AgentDetail } from '../../../workers/contract';
import { formatNumber } from '../../components/format';

const MAX_ROWS = 300;

/** Pale (lowest score on the map) to deep blue (highest). */
const shade = (t: number) =>
  `rgb(${Math.round(240 - 200 * t)}, ${Math.round(244 - 170 * t)}, ${Math.round(255 - 80 * t)})`;

/** Agents × candidates as a heat map of scores (canvas: a thousand rows stay cheap to draw). */
export function VoteHeatmap({
  agents,
  candidates,
}: {
  agents: AgentDetail[];
  candidates: Array<{ id: string; label: string }>;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = agents.slice(0, MAX_ROWS);
  const cell = Math.max(3, Math.min(44, Math.floor(560 / Math.max(1, candidates.length))));
  const rowH = rows.length > 100 ? 2 : rows.length > 40 ? 5 : 16;

  let lo = Infinity;
  let hi = -Infinity;
  for (const a of rows)
    for (const s of a.scores) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }

  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const span = hi - lo || 1;
    ctx.clearRect(0, 0, c.width, c.height);
    rows.forEach((a, i) => {
      a.scores.forEach((s, j) => {
        ctx.fillStyle = shade((s - lo) / span);
        ctx.fillRect(40 + j * cell, i * rowH, cell - (cell > 4 ? 1 : 0), rowH - (rowH > 3 ? 1 : 0));
      });
      // Role marks: red for Byzantine, an outline for suspected.
      ctx.fillStyle = a.role === 'byzantine' ? '#c92a2a' : '#adb5bd';
      ctx.fillRect(0, i * rowH, 12, Math.max(1, rowH - 1));
      if (a.suspected) {
        ctx.fillStyle = '#f08c00';
        ctx.fillRect(16, i * rowH, 12, Math.max(1, rowH - 1));
      }
    });
  });

  const byz = agents.filter((a) => a.role === 'byzantine').length;
  const sus = agents.filter((a) => a.suspected).length;
  return (
    <figure className="colony-heatmap">
      <canvas
        ref={ref}
        width={40 + candidates.length * cell}
        height={rows.length * rowH}
        role="img"
        aria-label={`Votes of ${agents.length} agents on ${candidates.length} candidates; ${byz} Byzantine, ${sus} suspected`}
        data-testid="vote-heatmap"
      />
      <figcaption>
        <div className="colony-legend" aria-hidden="true">
          <span>score {formatNumber(lo)}</span>
          <span
            className="colony-legend-scale"
            style={{ background: `linear-gradient(to right, ${shade(0)}, ${shade(0.5)}, ${shade(1)})` }}
          />
          <span>{formatNumber(hi)}</span>
          <span className="colony-swatch" style={{ background: '#adb5bd' }} /> honest
          <span className="colony-swatch" style={{ background: '#c92a2a' }} /> Byzantine
          <span className="colony-swatch" style={{ background: '#f08c00' }} /> suspected
        </div>
        <p className="muted">
          One row per agent{agents.length > MAX_ROWS ? ` (first ${MAX_ROWS} of ${agents.length})` : ''}, one
          column per candidate, left to right: {candidates.map((c) => c.label).join(', ')}. The darker the
          cell, the higher that agent scored that candidate ({formatNumber(lo)} to {formatNumber(hi)} on this
          map). The first mark left of each row is red for a Byzantine agent (known only to the simulation),
          grey for an honest one; a second, orange mark means the robust method suspects it. {byz} Byzantine,{' '}
          {sus} suspected.
        </p>
      </figcaption>
    </figure>
  );
}
