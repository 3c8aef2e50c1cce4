import { useEffect, useState } from 'react';
import type { CandidateInput, JobSummary } from '../../../workers/contract';
import { engine, errorMessage } from '../../engine';
import { EXAMPLE_CANDIDATES } from './exampleCandidates';

const FEATURES = ['utility', 'risk', 'novelty', 'confidence'] as const;

interface Props {
  candidates: CandidateInput[];
  source: string | null;
  onChange(candidates: CandidateInput[], source: string | null, contextKeys: string[]): void;
}

/** Where the candidates come from: a finished lane result, or a list entered by hand. */
export function CandidatesPanel({ candidates, source, onChange }: Props) {
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [jobId, setJobId] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    engine
      .laneListJobs()
      .then((list) => setJobs(list.filter((j) => j.state === 'finished')))
      .catch(() => setJobs([]));
  }, []);

  const load = async () => {
    setError(null);
    try {
      const r = await engine.colonyLaneCandidates(jobId);
      onChange(r.candidates, r.jobId, r.contextKeys);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const edit = (
    i: number,
    patch: Partial<CandidateInput> | Partial<CandidateInput['features']>,
    feature = false,
  ) => {
    const next = candidates.map((c, j) =>
      j !== i
        ? c
        : feature
          ? { ...c, features: { ...c.features, ...patch } }
          : { ...c, ...(patch as Partial<CandidateInput>) },
    );
    onChange(next, null, []);
  };

  return (
    <section className="panel" aria-labelledby="cand-h">
      <h2 id="cand-h">Candidates</h2>
      <div className="row">
        <label>
          Lane result{' '}
          <select value={jobId} onChange={(e) => setJobId(e.target.value)} aria-label="Lane result">
            <option value="">{jobs.length ? 'choose a finished dream…' : 'no finished dream yet'}</option>
            {jobs.map((j) => (
              <option key={j.job_id} value={j.job_id}>
                {j.goal.slice(0, 60)} ({j.job_id})
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!jobId} onClick={() => void load()}>
          Use lane result
        </button>
        <button type="button" className="secondary" onClick={() => onChange(EXAMPLE_CANDIDATES, null, [])}>
          Example candidates
        </button>
      </div>
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}
      <p className="muted">
        {source ? `From lane result ${source}. ` : 'Entered by hand. '}
        Features are in [0, 1]; the colony perceives them with noise.
      </p>
      <table className="colony-table" aria-label="Candidates">
        <thead>
          <tr>
            <th scope="col">Label</th>
            {FEATURES.map((f) => (
              <th key={f} scope="col">
                {f}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c, i) => (
            <tr key={c.id}>
              <td>
                <input
                  aria-label={`Label of candidate ${i + 1}`}
                  value={c.label}
                  onChange={(e) => edit(i, { label: e.target.value })}
                />
              </td>
              {FEATURES.map((f) => (
                <td key={f}>
                  <input
                    type="number"
                    min={0}
                    max={1}
                    step={0.05}
                    aria-label={`${f} of ${c.label}`}
                    value={c.features[f]}
                    onChange={(e) =>
                      edit(i, { [f]: Math.min(1, Math.max(0, Number(e.target.value) || 0)) }, true)
                    }
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Remove ${c.label}`}
                  onClick={() =>
                    onChange(
                      candidates.filter((_, j) => j !== i),
                      null,
                      [],
                    )
                  }
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          let k = candidates.length + 1;
          while (candidates.some((c) => c.id === `h${k}`)) k++;
          onChange(
            [
              ...candidates,
              {
                id: `h${k}`,
                label: `Option ${k}`,
                features: { utility: 0.5, risk: 0.5, novelty: 0.5, confidence: 0.5 },
              },
            ],
            null,
            [],
          );
        }}
      >
        Add candidate
      </button>
    </section>
  );
}
