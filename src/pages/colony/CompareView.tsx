import type { CompareResult } from '../../../workers/contract';
import { formatFixed } from '../../components/format';
import { ScrollTable } from './ScrollTable';
import { methodHelp, methodName } from './methodNames';

/** Every method on the same colony and the same votes, side by side. */
export function CompareView({ result }: { result: CompareResult }) {
  const label = (id: string) => result.candidates.find((c) => c.id === id)?.label ?? id;
  return (
    <>
      <ScrollTable
        label="Methods compared"
        columns={['Method', 'Winner', 'Top 3', 'Confidence', 'Consensus', 'Suspected', 'Truly best?']}
      >
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
      </ScrollTable>
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
