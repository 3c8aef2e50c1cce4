import type { JobSummary } from '../../../workers/contract';
import { formatDateTime } from '../../components/format';

export function JobHistory({
  jobs,
  current,
  onOpen,
}: {
  jobs: JobSummary[];
  current: string | null;
  onOpen: (jobId: string) => void;
}) {
  if (jobs.length === 0) return <p className="muted">No jobs yet.</p>;
  return (
    <ul className="job-history" aria-label="Past jobs">
      {jobs.map((j) => (
        <li key={j.job_id} aria-current={j.job_id === current ? 'true' : undefined}>
          <button
            type="button"
            className="link"
            onClick={() => onOpen(j.job_id)}
            disabled={j.state !== 'finished'}
          >
            {j.goal}
          </button>{' '}
          <span className={`state ${j.state}`}>{j.state}</span>
          {j.partial ? <span className="badge">partial</span> : null}{' '}
          {j.error && j.state !== 'finished' && (
            <span className="small">
              ({j.error.code}: {j.error.message}){' '}
            </span>
          )}
          <span className="muted small">{formatDateTime(j.created_ms)}</span>{' '}
          {j.result_hash && <code className="small">{j.result_hash.slice(0, 12)}</code>}
        </li>
      ))}
    </ul>
  );
}
