import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { FriendFragments } from '../../../workers/contract';

const COLOURS = ['#3b5bdb', '#c92a2a', '#2b8a3e', '#b7791f', '#862e9c', '#0b7285', '#5c940d', '#d6336c'];

/** Each fragment's weight after each dream: the friend's drift, as lines. */
export function FragmentChart({ data }: { data: FriendFragments }) {
  const ids = [...new Set(data.history.map((p) => p.fragmentId))].sort((a, b) => a - b);
  const byDialog = new Map<number, Record<string, number>>();
  for (const p of data.history) {
    const row = byDialog.get(p.dialogId) ?? { dialog: p.dialogId };
    row[`f${p.fragmentId}`] = p.weight;
    byDialog.set(p.dialogId, row);
  }
  const rows = [...byDialog.values()].sort((a, b) => a.dialog! - b.dialog!);
  const texts = new Map(data.fragments.map((f) => [f.id, f.text]));

  return (
    <div>
      {rows.length === 0 ? (
        <p className="muted">The chart fills in after the first dream.</p>
      ) : (
        <figure className="friend-chart" aria-label="Fragment weights over dreams">
          <LineChart width={560} height={240} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#dde0ee" />
            <XAxis dataKey="dialog" label={{ value: 'dream', position: 'insideBottomRight', offset: -4 }} />
            <YAxis domain={[0, 1]} />
            <Tooltip />
            {ids.map((id, i) => (
              <Line
                key={id}
                type="monotone"
                dataKey={`f${id}`}
                name={`#${id}`}
                stroke={COLOURS[i % COLOURS.length]}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
          <figcaption className="muted small">
            Origin sentences start at 1.0 and fade by 1.5% per dream (never below 0.1); strong friend lines
            join at 0.3; the 20 heaviest stay.
          </figcaption>
        </figure>
      )}
      <table className="friend-fragments" aria-label="Fragments">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Fragment</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {data.fragments.map((f) => (
            <tr key={f.id}>
              <td>{f.id}</td>
              <td>{texts.get(f.id)}</td>
              <td>{f.weight.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
