import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FriendFragments } from '../../../workers/contract';
import { DataTable } from '../../components/DataTable';

const COLOURS = ['#3b5bdb', '#c92a2a', '#2b8a3e', '#b7791f', '#862e9c', '#0b7285', '#5c940d', '#d6336c'];

/** Each fragment's weight after each dream: the friend's drift, as lines; the table is the legend. */
export function FragmentChart({ data }: { data: FriendFragments }) {
  const ids = [...new Set(data.history.map((p) => p.fragmentId))].sort((a, b) => a - b);
  const colour = new Map(ids.map((id, i) => [id, COLOURS[i % COLOURS.length]!]));
  const byDialog = new Map<number, Record<string, number>>();
  for (const p of data.history) {
    const row = byDialog.get(p.dialogId) ?? { dialog: p.dialogId };
    row[`f${p.fragmentId}`] = p.weight;
    byDialog.set(p.dialogId, row);
  }
  const rows = [...byDialog.values()].sort((a, b) => a.dialog! - b.dialog!);

  return (
    <div>
      {rows.length === 0 ? (
        <p className="muted">The chart fills in after the first dream.</p>
      ) : (
        <figure className="friend-chart" aria-label="Fragment weights over dreams">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid stroke="#dde0ee" />
              <XAxis
                dataKey="dialog"
                label={{ value: 'dream dialog #', position: 'insideBottom', offset: -8 }}
              />
              <YAxis domain={[0, 1]} />
              <Tooltip />
              {ids.map((id) => (
                <Line
                  key={id}
                  type="monotone"
                  dataKey={`f${id}`}
                  name={`fragment #${id}`}
                  stroke={colour.get(id)}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="muted small">
            Weight of each fragment after each dream (colours as in the table below). Origin sentences start
            at 1.0 and fade a little with every dream, never below 0.1; strong friend lines join at 0.3; the
            20 heaviest stay.
          </figcaption>
        </figure>
      )}
      <DataTable className="friend-fragments" label="Fragments" columns={['#', 'Fragment', 'Weight']}>
        {data.fragments.map((f) => (
          <tr key={f.id}>
            <td>
              {colour.has(f.id) && (
                <span className="friend-swatch" style={{ background: colour.get(f.id) }} aria-hidden="true" />
              )}
              {f.id}
            </td>
            <td>{f.text}</td>
            <td>{f.weight.toFixed(3)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
