import type { Branch } from '../../../workers/contract';
import { formatNumber, formatPercent, formatScore } from '../../components/format';

export function BranchTable({
  branches,
  selected,
  onSelect,
}: {
  branches: Branch[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table aria-label="Branches" className="branch-table">
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Utility</th>
            <th scope="col">Risk</th>
            <th scope="col">Novelty</th>
            <th scope="col">Confidence</th>
            <th scope="col">p5</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr key={b.id} aria-selected={b.id === selected}>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  style={{ paddingLeft: `${b.depth}rem` }}
                  onClick={() => onSelect(b.id)}
                >
                  {b.label}
                </button>
              </th>
              <td>{formatScore(b.scores.utility)}</td>
              <td>{formatPercent(b.scores.risk)}</td>
              <td>{formatScore(b.scores.novelty)}</td>
              <td>{formatScore(b.scores.confidence)}</td>
              <td>{formatNumber(b.percentiles.p5)}</td>
              <td>{formatNumber(b.percentiles.p50)}</td>
              <td>{formatNumber(b.percentiles.p95)}</td>
              <td>{b.ethics_warnings.length ? '⚠ floor' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
