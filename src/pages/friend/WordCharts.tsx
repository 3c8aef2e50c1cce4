import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FriendWordView } from '../../../workers/contract';
import { ChartLegend } from '../../components/ChartLegend';
import { DataTable } from '../../components/DataTable';
import { formatFixed } from '../../components/format';

const PAIR = '#3b5bdb';
const TRIPLE = '#b7791f';
const NEAR = '#2b8a3e';
/** Height per word row: room for two bars and the word's label. */
const ROW = 34;

/**
 * The word axis of a horizontal bar chart, one row per word. A function, not a component: recharts
 * finds its axes among the chart's direct children by type.
 */
const wordAxis = (label: string) => (
  <YAxis
    type="category"
    dataKey="word"
    width={84}
    label={{ value: label, angle: -90, position: 'insideLeft', offset: -2 }}
    tick={{ fontSize: 12 }}
  />
);

/** P(next | word) and P(next | before, word) side by side, one row per next word. */
export function NextWordChart({ view }: { view: FriendWordView }) {
  const rows = new Map<string, { word: string; pair?: number; triple?: number }>();
  for (const c of view.next) rows.set(c.word, { word: c.word, pair: c.probability });
  for (const c of view.nextAfterBoth) {
    const r = rows.get(c.word) ?? { word: c.word };
    r.triple = c.probability;
    rows.set(c.word, r);
  }
  const data = [...rows.values()];
  const both = view.before ? `“${view.before} ${view.word}”` : null;
  const items = [{ colour: PAIR, name: `after “${view.word}” (word pairs)` }];
  if (both) items.push({ colour: TRIPLE, name: `after ${both} (word triples)` });
  return (
    <figure className="friend-chart" aria-label={`What comes after ${view.word}`}>
      <h3 className="friend-chart-title">What comes next</h3>
      <ChartLegend items={items} label="Legend" listClass="friend-legend" swatchClass="friend-swatch" />
      <ResponsiveContainer width="100%" height={60 + data.length * ROW}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#dde0ee" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            label={{ value: 'chance it comes next', position: 'insideBottom', offset: -14 }}
          />
          {wordAxis('next word')}
          <Tooltip formatter={(v) => formatFixed(Number(v))} />
          <Bar dataKey="pair" name={items[0]!.name} fill={PAIR} isAnimationActive={false} />
          {both && <Bar dataKey="triple" name={items[1]!.name} fill={TRIPLE} isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">
        Each bar is the share of times that word came next, out of everything that ever came next
        {both ? `; the second colour only counts the times ${both} came before it` : ''}. The field draws its
        replies from these chances (and from the company words keep).
      </figcaption>
      <details>
        <summary>As a table</summary>
        <DataTable
          className="friend-word-table"
          columns={['Next word', `After “${view.word}”`, ...(both ? [`After ${both}`] : [])]}
        >
          {data.map((r) => (
            <tr key={r.word}>
              <td>{r.word}</td>
              <td>{formatFixed(r.pair)}</td>
              {both && <td>{formatFixed(r.triple)}</td>}
            </tr>
          ))}
        </DataTable>
      </details>
    </figure>
  );
}

/** The words most often within five words of this one. */
export function NeighbourChart({ view }: { view: FriendWordView }) {
  const data = view.neighbours.map((n) => ({ word: n.word, strength: Math.round(n.strength * 10) / 10 }));
  return (
    <figure className="friend-chart" aria-label={`Words near ${view.word}`}>
      <h3 className="friend-chart-title">The company it keeps</h3>
      <ResponsiveContainer width="100%" height={60 + data.length * (ROW - 10)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#dde0ee" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            label={{ value: 'times seen near it', position: 'insideBottom', offset: -14 }}
          />
          {wordAxis('word')}
          <Tooltip />
          <Bar dataKey="strength" name="times near" fill={NEAR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">
        Words seen within five words of “{view.word}”. Old company fades a little as the field hears more;
        this is what pulls a reply towards your words’ meaning.
      </figcaption>
    </figure>
  );
}
