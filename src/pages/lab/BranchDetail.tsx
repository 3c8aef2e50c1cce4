import { useEffect, useState } from 'react';
import type { DreamResult, NodeValidation } from '../../../workers/contract';
import { engine, errorMessage } from '../../engine';
import { Term } from './Glossary';
import { Histogram } from './Histogram';
import { formatNumber, formatPercent, formatScore } from '../../components/format';

const PERCENTILES = ['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;

export function BranchDetail({ result, branchId }: { result: DreamResult; branchId: string }) {
  const index = result.branches.findIndex((b) => b.id === branchId);
  const b = result.branches[index];
  const shard = result.shards[index];
  const node = result.matada_nodes[index];
  const [validation, setValidation] = useState<NodeValidation | string | null>(null);

  useEffect(() => {
    let live = true;
    if (node) {
      engine
        .laneValidateNode(node)
        .then((v) => live && setValidation(v))
        .catch((err: unknown) => live && setValidation(errorMessage(err)));
    }
    return () => {
      live = false;
    };
  }, [node]);

  if (!b || !shard || !node) return null;
  return (
    <section className="panel branch-detail" aria-labelledby="branch-title" data-testid="branch-detail">
      <h3 id="branch-title">
        {b.label}{' '}
        <span className="muted small">
          ({b.variant}, depth {b.depth})
        </span>
      </h3>
      <p className="muted small">{b.id}</p>
      <div className="detail-grid">
        <div>
          <h4>Assumptions</h4>
          <ul>
            {b.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
          <h4>Scores</h4>
          <dl className="facts">
            <dt>
              <Term term="utility">Utility</Term>
            </dt>
            <dd>{formatScore(b.scores.utility)}</dd>
            <dt>
              <Term term="risk">Risk (P failure)</Term>
            </dt>
            <dd>{formatPercent(b.scores.risk)}</dd>
            <dt>
              <Term term="novelty">Novelty (KS vs baseline)</Term>
            </dt>
            <dd>{formatScore(b.scores.novelty)}</dd>
            <dt>
              <Term term="confidence">Confidence</Term>
            </dt>
            <dd>{formatScore(b.scores.confidence)}</dd>
            <dt>
              <Term term="cvar">CVaR 5%</Term>
            </dt>
            <dd>{formatNumber(b.cvar)}</dd>
            <dt>Mean ± sd</dt>
            <dd>
              {formatNumber(b.mean)} ± {formatNumber(b.sd)} ({b.samples} samples)
            </dd>
          </dl>
        </div>
        <div>
          <Histogram result={result} branchIds={[b.id]} />
          <table className="percentiles" aria-label="Percentiles" tabIndex={0}>
            <thead>
              <tr>
                {PERCENTILES.map((k) => (
                  <th key={k} scope="col">
                    {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {PERCENTILES.map((k) => (
                  <td key={k}>{formatNumber(b.percentiles[k])}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      {b.stakeholders.length > 0 && (
        <>
          <h4>Stakeholders</h4>
          <ul>
            {b.stakeholders.map((s) => (
              <li key={s.name} className={s.below_floor ? 'warn' : undefined}>
                {s.name}: utility {formatScore(s.utility, 2)} (mean view {formatNumber(s.mean)}
                {s.floor_raw !== undefined ? `, floor ${formatNumber(s.floor_raw)}` : ''})
                {s.below_floor ? ' — below floor' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {b.ethics_warnings.length > 0 && (
        <div className="banner error" role="note">
          {b.ethics_warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      <h4>Risks and mitigations</h4>
      {b.risks.length ? (
        <ul>
          {b.risks.map((r) => (
            <li key={r.factor}>
              <strong>{r.label}</strong> (shift {r.shift} sd): {r.mitigation}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No factor stands out among this branch's failures.</p>
      )}
      <details className="raw">
        <summary>Dream shard</summary>
        <pre className="json" tabIndex={0} aria-label="Dream shard JSON">
          {JSON.stringify(shard, null, 2)}
        </pre>
      </details>
      <details className="raw">
        <summary>
          MATADA node{' '}
          {validation === null ? (
            <span className="badge">checking…</span>
          ) : typeof validation === 'string' ? (
            <span className="badge bad">{validation}</span>
          ) : validation.valid ? (
            <span className="badge ok" data-testid="node-valid">
              valid
            </span>
          ) : (
            <span className="badge bad">invalid: {validation.errors.join('; ')}</span>
          )}
        </summary>
        <pre className="json" tabIndex={0} aria-label="MATADA node JSON">
          {JSON.stringify(node, null, 2)}
        </pre>
      </details>
    </section>
  );
}
