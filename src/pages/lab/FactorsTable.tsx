import type { DistributionKind } from '../../../workers/contract';
import { DistributionSparkline } from './DistributionSparkline';
import { rowDistribution } from './density';
import { defaultParams, KIND_LABELS, PARAMS, type FactorRow } from './seedForm';

const KINDS = Object.keys(PARAMS) as DistributionKind[];

export function FactorsTable({
  rows,
  onChange,
}: {
  rows: FactorRow[];
  onChange: (rows: FactorRow[]) => void;
}) {
  const set = (i: number, row: FactorRow) => onChange(rows.map((r, k) => (k === i ? row : r)));
  return (
    <div className="factors">
      <table aria-label="Factors">
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col">Distribution</th>
            <th scope="col">Parameters</th>
            <th scope="col">Shape</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Factor ${i + 1} name`}
                  value={row.name}
                  maxLength={32}
                  onChange={(e) => set(i, { ...row, name: e.target.value })}
                />
                {row.description && <div className="muted small factor-words">{row.description}</div>}
              </td>
              <td>
                <select
                  aria-label={`Factor ${i + 1} distribution`}
                  value={row.kind}
                  onChange={(e) => {
                    const kind = e.target.value as DistributionKind;
                    set(i, { ...row, kind, params: defaultParams(kind) });
                  }}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="params">
                {PARAMS[row.kind].map(({ key, label }) => (
                  <label key={key}>
                    {label}{' '}
                    <input
                      className="num"
                      inputMode="decimal"
                      aria-label={`Factor ${i + 1} ${label}`}
                      value={row.params[key] ?? ''}
                      onChange={(e) => set(i, { ...row, params: { ...row.params, [key]: e.target.value } })}
                    />
                  </label>
                ))}
              </td>
              <td>
                <DistributionSparkline
                  name={row.name}
                  dist={rowDistribution(
                    row.kind,
                    row.params,
                    PARAMS[row.kind].map((p) => p.key),
                  )}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Remove factor ${row.name || i + 1}`}
                  onClick={() => onChange(rows.filter((_, k) => k !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        disabled={rows.length >= 32}
        onClick={() =>
          onChange([
            ...rows,
            { name: `f${rows.length + 1}`, kind: 'normal', params: defaultParams('normal') },
          ])
        }
      >
        Add factor
      </button>
    </div>
  );
}
