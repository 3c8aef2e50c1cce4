import type { CompareResult } from '../../../workers/contract';
import { methodHelp, methodName } from './VerdictView';

/** Every method on the same colony and the same votes, side by side. */
export function CompareView({ result }: { result: CompareResult }) {
  const label = (id: string) => result.candidates.find((c) => c.id === id)?.label ?? id;
  return (
    <>
      <div className="colony-scroll">
        <table className="colony-table" aria-label="Methods compared">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Winner</th>
              <th scope="col">Top 3</th>
              <th scope="col">Confidence</th>
              <th scope="col">Consensus</th>
              <th scope="col">Suspected</th>
              <th scope="col">Truly best?</th>
            </tr>
          </thead>
          <tbody>
            {result.verdicts.map((v) => (
              <tr key={methodName(v)}>
                <th scope="row">{methodName(v)}</th>
                <td>{label(v.winner)}</td>
                <td>{v.top_3.map((r) => r.label).join(' › ')}</td>
                <td>{v.confidence.toFixed(2)}</td>
                <td>{v.consensus_reached ? 'yes' : 'no'}</td>
                <td>{v.method === 'byzantine' ? v.suspected.length : '—'}</td>
                <td>{v.winner === result.truth.best ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="colony-methods">
        {result.verdicts.map((v) => (
          <div key={methodName(v)}>
            <dt>{methodName(v)}</dt>
            <dd>{methodHelp(v)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
