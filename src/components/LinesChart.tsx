import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One line of a chart: the data key it plots, its name in the tooltip and legend, and its colour. */
export interface ChartLine {
  key: string;
  name: string;
  colour: string;
}

/** Shares in [0, 1] over `xKey`, one line per entry of `lines` (no dots, no animation). */
export function LinesChart({
  data,
  xKey,
  lines,
  height,
  formatTip,
}: {
  data: ReadonlyArray<object>;
  xKey: string;
  lines: readonly ChartLine[];
  height: number;
  formatTip: (value: unknown) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data as object[]} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#dde0ee" />
        <XAxis dataKey={xKey} />
        <YAxis domain={[0, 1]} />
        <Tooltip formatter={formatTip} />
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.name}
            stroke={l.colour}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
