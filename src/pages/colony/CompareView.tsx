import type { CompareResult } from '../../../workers/contract';
import { formatFixed } from '../../components/format';
import { methodHelp, methodName } from './methodNames';

/** Every method on the same colony and the same votes, side by side. */
export function CompareView({ result }: { result: CompareResult }) {
  const label = (id: string) => result.candidates.find((c) => c.id === id)?.label ?? id;
  return (
    <>
      {/* Focusable, so the table can be scrolled from the keyboard where it is wider than the screen. */}
      <div className="colony-scroll" tabIndex={0} role="region" aria-label="Methods compared table">
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
                <td>
                  <ol className="colony-top3-inline" aria-label={`Top 3 by ${methodName(v)}`}>
                    {v.top3.map((r) => (
                      <li key={r.id}>{r.label}</li>
                    ))}
                  </ol>
                </td>
                <td>{formatFixed(v.confidence)}</td>
                <td>{v.consensusReached ? 'yes' : 'no'}</td>
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
