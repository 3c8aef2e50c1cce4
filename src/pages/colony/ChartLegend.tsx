import { ChartLegend as Legend } from '../../components/ChartLegend';

/** The shared chart legend in the colony page's style. */
export function ChartLegend({
  items,
  label,
}: {
  items: ReadonlyArray<{ name: string; colour: string }>;
  label: string;
}) {
  return <Legend items={items} label={label} listClass="colony-chart-legend" swatchClass="colony-swatch" />;
}
