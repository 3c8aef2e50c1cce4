/**
 * A chart's legend as an HTML list under the chart: it wraps on a narrow screen instead of being drawn
 * over the plot, and screen readers read it as a list.
 */
export function ChartLegend({
  items,
  label,
}: {
  items: Array<{ name: string; colour: string }>;
  label: string;
}) {
  return (
    <ul className="colony-chart-legend" aria-label={label}>
      {items.map((it) => (
        <li key={it.name}>
          <span className="colony-swatch" style={{ background: it.colour }} aria-hidden="true" />
          {it.name}
        </li>
      ))}
    </ul>
  );
}
