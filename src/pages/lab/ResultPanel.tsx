import { formatScore } from '../../components/format';
import { BranchDetail } from './BranchDetail';
import { BranchGraph } from './BranchGraph';
import { BranchTable } from './BranchTable';
import { ShareControl } from './ShareControl';
import { TraceTimeline } from './TraceTimeline';
import type { Shown } from './useLab';

/** A collected job: facts, share link, branch tree and table, the selected branch, and the trace. */
export function ResultPanel({
  shown,
  selected,
  onSelect,
}: {
  shown: Shown;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { result } = shown;
  return (
    <section className="panel result" aria-labelledby="result-title">
      <h2 id="result-title">Result</h2>
      <dl className="facts">
        <dt>Trace</dt>
        <dd data-testid="trace-id">{result.trace_id}</dd>
        <dt>Result hash</dt>
        <dd>
          <code data-testid="result-hash">{shown.result_hash}</code>
        </dd>
        <dt>Scores</dt>
        <dd>
          utility mean {formatScore(result.scores.utility_mean)} · risk max{' '}
          {formatScore(result.scores.risk_max)} · novelty max {formatScore(result.scores.novelty_max)}
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
      </dl>
      {result.warnings.length > 0 && (
        <ul className="warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <h3>Branch tree</h3>
      <BranchGraph branches={result.branches} selected={selected} onSelect={onSelect} />
      {selected && <BranchDetail result={result} branchId={selected} />}
      <h3>Compare branches</h3>
      <BranchTable branches={result.branches} selected={selected} onSelect={onSelect} />
      <h3>Trace</h3>
      <TraceTimeline events={shown.trace} />
    </section>
  );
}
