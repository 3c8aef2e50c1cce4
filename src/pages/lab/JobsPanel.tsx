import { JobHistory } from './JobHistory';
import type { LabState } from './useLab';

/** Past jobs (open one to show it again) and the artifact chain check. */
export function JobsPanel({ lab }: { lab: LabState }) {
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Past jobs</h2>
      <JobHistory jobs={lab.jobs} current={lab.shown?.job_id ?? null} onOpen={lab.open} />
      <div className="row">
        <button type="button" className="secondary" onClick={lab.verifyChain}>
          Verify artifact chain
        </button>
        {lab.chain && (
          <span role="status" data-testid="chain-status">
            {lab.chain}
          </span>
        )}
      </div>
    </section>
  );
}
