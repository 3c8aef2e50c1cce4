/**
 * A chart's legend as an HTML list under or over the chart: it wraps on a narrow screen instead of being
 * drawn over the plot, and screen readers read it as a list. Each page styles it with its own classes.
 */
export function ChartLegend({
  items,
  label,
  listClass,
  swatchClass,
}: {
  items: ReadonlyArray<{ name: string; colour: string }>;
  label: string;
  listClass: string;
  swatchClass: string;
}) {
  return (
    <ul className={listClass} aria-label={label}>
      {items.map((it) => (
        <li key={it.name}>
          <span className={swatchClass} style={{ background: it.colour }} aria-hidden="true" />
          {it.name}
        </li>
      ))}
    </ul>
  );
}
