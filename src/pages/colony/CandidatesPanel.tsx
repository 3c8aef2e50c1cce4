import { Fragment, useEffect, useState } from 'react';
import type {
  CandidateFeatures,
  CandidateInput,
  JobSummary,
  StakeholderFeature,
} from '../../../workers/contract';
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
  const [open, setOpen] = useState<string | null>(null);

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
  const setStakeholders = (i: number, list: StakeholderFeature[]) => {
    const c = candidates[i]!;
    const features: CandidateFeatures = { ...c.features, stakeholders: list };
    if (list.length === 0) delete features.stakeholders;
    onChange(
      candidates.map((x, j) => (j === i ? { ...c, features } : x)),
      null,
      [],
    );
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
        Features are in [0, 1]; the colony perceives them with noise. The criteria come from them: accuracy
        from utility and confidence, creativity = novelty, safety = 1 − risk, and user satisfaction = the mean
        utility of the candidate&apos;s stakeholders, halved for the share left below their floor (the utility
        itself when it has none).
      </p>
      {/* Focusable, so the table can be scrolled from the keyboard where it is wider than the screen. */}
      <div className="colony-scroll" tabIndex={0} role="region" aria-label="Candidates table">
        <table className="colony-table colony-candidates" aria-label="Candidates">
          <thead>
            <tr>
              <th scope="col">Label</th>
              {FEATURES.map((f) => (
                <th key={f} scope="col">
                  {f}
                </th>
              ))}
              <th scope="col">stakeholders</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c, i) => (
              <Fragment key={c.id}>
                <tr>
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
                      aria-expanded={open === c.id}
                      aria-controls={`stakeholders-${c.id}`}
                      // The name starts with the visible count, so speech input can say what it sees.
                      aria-label={`${c.features.stakeholders?.length ?? 0} stakeholders of ${c.label}`}
                      onClick={() => setOpen(open === c.id ? null : c.id)}
                    >
                      {c.features.stakeholders?.length ?? 0}{' '}
                      <span aria-hidden="true">{open === c.id ? '▴' : '▾'}</span>
                    </button>
                  </td>
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
                {open === c.id && (
                  <tr id={`stakeholders-${c.id}`}>
                    <td colSpan={FEATURES.length + 3}>
                      <StakeholderEditor
                        label={c.label}
                        list={c.features.stakeholders ?? []}
                        onChange={(list) => setStakeholders(i, list)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
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

/** The stakeholders of one hand-entered candidate: who it affects, their utility, and whether it leaves them below their floor. */
function StakeholderEditor({
  label,
  list,
  onChange,
}: {
  label: string;
  list: StakeholderFeature[];
  onChange(list: StakeholderFeature[]): void;
}) {
  const edit = (k: number, patch: Partial<StakeholderFeature>) =>
    onChange(list.map((s, j) => (j === k ? { ...s, ...patch } : s)));
  return (
    <div className="colony-stakeholders">
      {list.length === 0 && (
        <p className="muted">No stakeholders: user satisfaction for {label} is its utility.</p>
      )}
      {list.map((s, k) => (
        <div className="row" key={k}>
          <label>
            Stakeholder{' '}
            <input
              aria-label={`Name of stakeholder ${k + 1} of ${label}`}
              value={s.name}
              onChange={(e) => edit(k, { name: e.target.value })}
            />
          </label>
          <label>
            utility{' '}
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              aria-label={`Utility of stakeholder ${k + 1} of ${label}`}
              value={s.utility}
              onChange={(e) => edit(k, { utility: Math.min(1, Math.max(0, Number(e.target.value) || 0)) })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={Boolean(s.belowFloor)}
              onChange={(e) => edit(k, { belowFloor: e.target.checked })}
            />{' '}
            below their floor
          </label>
          <button
            type="button"
            className="secondary"
            aria-label={`Remove stakeholder ${k + 1} of ${label}`}
            onClick={() => onChange(list.filter((_, j) => j !== k))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...list, { name: `Stakeholder ${list.length + 1}`, utility: 0.5 }])}
      >
        Add stakeholder to {label}
      </button>
    </div>
  );
}
