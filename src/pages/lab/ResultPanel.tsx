import { lazy, Suspense, useEffect, useRef } from 'react';
import { formatPercent, formatScore } from '../../components/format';
import { BranchDetail } from './BranchDetail';
import { BranchTable } from './BranchTable';
import { DistributionCompare } from './DistributionCompare';
import { isWarned } from './branchTree';
import { Glossary, Term } from './Glossary';
import { SensitivityChart } from './SensitivityChart';
import { SharedVerdict } from './SharedVerdict';
import { ShareControl } from './ShareControl';
import { TraceTimeline } from './TraceTimeline';
import type { Shown } from './useLab';
import { useSensitivity } from './useSensitivity';

// The graph library is the heaviest thing on the page and is needed only once a result exists.
const BranchGraph = lazy(() => import('./BranchGraph').then((m) => ({ default: m.BranchGraph })));

/** A collected job: what it says first, the tree, why it splits, the selected branch, and the details. */
export function ResultPanel({
  shown,
  selected,
  onSelect,
  reveal,
}: {
  shown: Shown;
  selected: string | null;
  onSelect: (id: string) => void;
  /** Changes when the result should be scrolled into view (an example tried, a link opened). */
  reveal: number;
}) {
  const { result } = shown;
  const { report, error } = useSensitivity(shown.job_id);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (reveal === 0) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [reveal]);
  // The lead praises only a branch that leaves every stakeholder at or above their floor.
  const score = (b: (typeof result.branches)[number]) => b.scores.utility * (1 - b.scores.risk);
  const safe = result.branches.filter((b) => !isWarned(b));
  const best = safe.reduce<(typeof safe)[number] | undefined>(
    (a, b) => (!a || score(b) > score(a) ? b : a),
    undefined,
  );
  const topOverall = result.branches.find((b) => b.id === result.scores.best_branch);
  const warnedTop = topOverall && isWarned(topOverall) ? topOverall : undefined;
  const failing = result.branches.filter((b) => b.scores.risk >= 0.2).length;
  const top = report?.factors[0];
  return (
    <section
      className="panel result"
      aria-labelledby="result-title"
      id="lab-result"
      tabIndex={-1}
      ref={ref}
      data-testid="result"
    >
      <h2 id="result-title">Result</h2>
      <SharedVerdict shown={shown} />
      <p className="result-lead" data-testid="result-lead">
        {best ? (
          <>
            The most promising branch that keeps every stakeholder above their floor is{' '}
            <strong>{best.label}</strong> (utility {formatScore(best.scores.utility, 2)}, risk{' '}
            {formatPercent(best.scores.risk)}).{' '}
          </>
        ) : (
          'Every branch leaves some stakeholder below their floor. '
        )}
        {warnedTop && (
          <>
            ⚠ <strong>{warnedTop.label}</strong> scores higher but leaves a stakeholder below their
            floor.{' '}
          </>
        )}
        {failing > 0
          ? `${failing} of ${result.branches.length} branches fail at least 1 time in 5.`
          : `No branch fails as often as 1 time in 5.`}
        {top && top.swing !== 0 && ` The factor that moves the outcome most is ${top.factor}.`}
      </p>
      <dl className="facts">
        <dt>Scores</dt>
        <dd>
          <Term term="utility">utility mean {formatScore(result.scores.utility_mean)}</Term> ·{' '}
          <Term term="risk">risk max {formatScore(result.scores.risk_max)}</Term> ·{' '}
          <Term term="novelty">novelty max {formatScore(result.scores.novelty_max)}</Term> ·{' '}
          <Term term="confidence">confidence min {formatScore(result.scores.confidence_min)}</Term>
        </dd>
        <dt>Samples</dt>
        <dd>
          {result.samples.drawn} ({result.samples.per_branch} per branch)
          {result.partial ? ' — partial result' : ''}
        </dd>
        <dt>Share</dt>
        <dd>
          {/* Keyed by job: the "Copied." note belongs to one link. */}
          <ShareControl key={shown.job_id} url={shown.url} />
        </dd>
        <dt>Result hash</dt>
        <dd>
          <code data-testid="result-hash">{shown.result_hash}</code>
        </dd>
        <dt>Trace</dt>
        <dd data-testid="trace-id">{result.trace_id}</dd>
      </dl>
      {result.warnings.length > 0 && (
        <ul className="warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <Glossary />
      <h3>Branch tree</h3>
      <Suspense fallback={<p className="muted">Drawing the branch tree…</p>}>
        <BranchGraph
          key={shown.job_id}
          goal={result.goal}
          branches={result.branches}
          selected={selected}
          onSelect={onSelect}
          sensitivity={report}
        />
      </Suspense>
      {selected && <BranchDetail result={result} branchId={selected} />}
      <h3>Why the tree splits where it does</h3>
      {report ? (
        <SensitivityChart report={report} />
      ) : (
        <p className="muted">{error ?? 'Measuring how much each factor moves the outcome…'}</p>
      )}
      <DistributionCompare key={shown.job_id} result={result} />
      <h3>Compare branches</h3>
      <BranchTable branches={result.branches} selected={selected} onSelect={onSelect} />
      <h3>Trace</h3>
      <TraceTimeline events={shown.trace} />
    </section>
  );
}
