import './teach.css';
import { useMemo } from 'react';
import type { Distribution } from '../../../workers/contract';
import { tickLabel } from './chartScale';
import { densityPicture } from './density';

const W = 104;
const H = 30;

/**
 * A small picture of one factor's distribution, drawn from its parameters as they are typed, with the
 * range it covers underneath. An incomplete row says so instead of drawing something wrong.
 */
export function DistributionSparkline({ name, dist }: { name: string; dist: Distribution }) {
  const pic = useMemo(() => densityPicture(dist), [dist]);
  const who = name.trim() || 'this factor';
  if (!pic) {
    return (
      <span className="sparkline empty muted small" data-testid="sparkline">
        fill in the numbers to see its shape
      </span>
    );
  }
  let shape: React.ReactNode;
  let range: string;
  let said: string;
  if (pic.kind === 'curve') {
    const peak = Math.max(...pic.ys);
    const x = (v: number) => ((v - pic.lo) / (pic.hi - pic.lo)) * W;
    const y = (v: number) => H - 2 - (v / peak) * (H - 4);
    const pts = pic.xs.map((v, i) => `${x(v).toFixed(1)},${y(pic.ys[i]!).toFixed(1)}`);
    shape = <path d={`M0,${H - 2} L${pts.join(' L')} L${W},${H - 2} Z`} className="spark-fill" />;
    range = `${tickLabel(pic.lo)} – ${tickLabel(pic.hi)}`;
    said = `most values between ${tickLabel(pic.lo)} and ${tickLabel(pic.hi)}`;
  } else if (pic.kind === 'bars') {
    const bw = W / 4;
    shape = pic.probs.map((p, i) => (
      <rect
        key={i}
        className="spark-fill"
        x={i === 0 ? W / 8 : (5 * W) / 8}
        width={bw}
        y={H - 2 - p * (H - 4)}
        height={Math.max(0.5, p * (H - 4))}
      />
    ));
    range = `no ${Math.round(pic.probs[0]! * 100)}% · yes ${Math.round(pic.probs[1]! * 100)}%`;
    said = `yes with probability ${Math.round(pic.probs[1]! * 100)}%`;
  } else {
    shape = <line x1={W / 2} x2={W / 2} y1={2} y2={H - 2} className="spark-line" />;
    range = `always ${tickLabel(pic.value)}`;
    said = `always ${tickLabel(pic.value)}`;
  }
  return (
    <span className="sparkline" data-testid="sparkline">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Shape of ${who}: ${said}`}>
        <line x1={0} x2={W} y1={H - 1.5} y2={H - 1.5} className="spark-axis" />
        {shape}
      </svg>
      <span className="muted small" aria-hidden="true">
        {range}
      </span>
    </span>
  );
}
