import { formatNumber } from '../../components/format';

/** Outcome histogram as plain SVG bars (all branches share one range, so they compare). */
export function Histogram({
  counts,
  min,
  max,
  label,
}: {
  counts: number[];
  min: number;
  max: number;
  label: string;
}) {
  const peak = Math.max(1, ...counts);
  const w = 300;
  const h = 90;
  const bw = w / counts.length;
  return (
    <figure className="histogram">
      <svg viewBox={`0 0 ${w} ${h + 14}`} role="img" aria-label={label}>
        {counts.map((c, i) => (
          <rect
            key={i}
            x={i * bw + 0.5}
            y={h - (c / peak) * h}
            width={bw - 1}
            height={(c / peak) * h}
            fill="#3b5bdb"
          />
        ))}
        <text x={0} y={h + 12} fontSize={10}>
          {formatNumber(min)}
        </text>
        <text x={w} y={h + 12} fontSize={10} textAnchor="end">
          {formatNumber(max)}
        </text>
      </svg>
      <figcaption className="muted small">{label}</figcaption>
    </figure>
  );
}
