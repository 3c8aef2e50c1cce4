import type { Verdict } from '../../../workers/contract';
import { formatFixed, formatShare } from '../../components/format';
import { ScrollTable } from './ScrollTable';
import { CRITERION_LABEL } from './exampleCandidates';
import { methodHelp, methodName } from './methodNames';

/** One verdict: ranking with confidence, the top 3, dissent, warnings and suspects. */
export function VerdictView({ verdict, truthBest }: { verdict: Verdict; truthBest: string }) {
  return (
    <div className="colony-verdict" data-testid="verdict">
      <p>
        <strong>{methodName(verdict)}</strong>: winner{' '}
        <strong data-testid="winner">{verdict.ranking[0]!.label}</strong> · confidence{' '}
        <span data-testid="confidence">{formatFixed(verdict.confidence)}</span> · agreement{' '}
        {formatShare(verdict.agreement)} · {verdict.consensusReached ? 'consensus reached' : 'no consensus'} ·
        tone {verdict.optimalTone}
        {verdict.winner === truthBest ? ' · matches the truly best' : ' · not the truly best'}
      </p>
      <p className="muted">
        {methodHelp(verdict)} Confidence: in {verdict.resamples} bootstrap resamples of the agents (as many
        agents drawn at random, with repeats, from this run&apos;s seed), the share in which{' '}
        {verdict.ranking[0]!.label} still wins. Consensus needs {formatFixed(verdict.threshold)}. Agreement:
        the share of counted agents scoring the winner above the runner-up.
      </p>
      <h3>Warnings</h3>
      {verdict.warnings.length > 0 ? (
        <ul className="colony-warnings" aria-label="Warnings">
          {verdict.warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None.</p>
      )}
      <h3>Suspected Byzantine agents</h3>
      <p>
        {verdict.method === 'byzantine' ? (
          <>
            {verdict.suspected.length} suspected (the colony tolerates f = {verdict.f}):{' '}
          </>
        ) : (
          <>Only the byzantine method looks for suspects (f = {verdict.f}): </>
        )}
        <strong data-testid="suspected">
          {verdict.suspected.length ? verdict.suspected.join(', ') : 'none'}
        </strong>
      </p>
      <h3>Top 3</h3>
      <ol className="colony-top3" aria-label="Top 3">
        {verdict.top3.map((r) => (
          <li key={r.id}>
            {r.label}{' '}
            <span className="muted">
              (score {formatFixed(r.score, 3)}, Borda {formatFixed(r.borda)}, risk {formatFixed(r.risk)})
            </span>
          </li>
        ))}
      </ol>
      <ScrollTable label="Ranking" columns={['#', 'Candidate', 'Score', 'First choices', 'Borda', 'Risk']}>
        {verdict.ranking.map((r) => (
          <tr key={r.id} className={r.id === truthBest ? 'truth' : undefined}>
            <td>{r.rank}</td>
            <td>
              {r.label}
              {r.id === truthBest && <span className="muted"> (truly best)</span>}
            </td>
            <td>{formatFixed(r.score, 3)}</td>
            <td>{r.votes}</td>
            <td>{formatFixed(r.borda)}</td>
            <td>{formatFixed(r.risk)}</td>
          </tr>
        ))}
      </ScrollTable>
      <h3>Dissent</h3>
      {verdict.dissentingViews.length === 0 ? (
        <p className="muted">Every agent's first choice is the winner.</p>
      ) : (
        <ul aria-label="Dissenting views">
          {verdict.dissentingViews.map((d) => (
            <li key={d.candidateId}>
              {formatShare(d.share)} ({d.agentIds.length} agents) prefer <strong>{d.label}</strong>
              {d.driver ? `, driven by ${CRITERION_LABEL[d.driver].toLowerCase()}` : ''}
              {d.suspectedCount > 0 ? ` — ${d.suspectedCount} of them suspected` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
