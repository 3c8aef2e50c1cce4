import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  DreamResult,
  DreamSeed,
  FormulaIssue,
  JobSummary,
  LaneSettings,
  TraceEvent,
} from '../../workers/contract';
import { engine, EngineFailure, errorMessage, onEngineEvent } from '../engine';
import { BranchDetail } from './lab/BranchDetail';
import { BranchGraph } from './lab/BranchGraph';
import { BranchTable } from './lab/BranchTable';
import { EnablePrompt } from './lab/EnablePrompt';
import { listExamples, loadExample, type ExampleEntry } from './lab/examples';
import { JobHistory } from './lab/JobHistory';
import { SeedEditor } from './lab/SeedEditor';
import { emptyForm, fromSeed, toSeed, type SeedForm } from './lab/seedForm';
import { decodeSeed, shareUrl } from './lab/shareLink';
import { TraceTimeline } from './lab/TraceTimeline';
import './lab/lab.css';

interface Shown {
  jobId: string;
  result: DreamResult;
  hash: string;
  trace: TraceEvent[];
  share: string;
}

interface Denial {
  code: string;
  message: string;
  hint?: string;
}

export function LabPage({ query }: { query: URLSearchParams }) {
  const [settings, setSettings] = useState<LaneSettings | null>(null);
  const [form, setForm] = useState<SeedForm>(emptyForm);
  const [loadingExample, setLoadingExample] = useState<string | null>(null);
  const [issues, setIssues] = useState<FormulaIssue[]>([]);
  const [examples, setExamples] = useState<ExampleEntry[]>([]);
  const [exampleNote, setExampleNote] = useState<string | null>(null);
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [running, setRunning] = useState<{ jobId: string; progress: number } | null>(null);
  const [denial, setDenial] = useState<Denial | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [chain, setChain] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const sharedRun = useRef<string | null>(null);
  // The share link whose seed has been run (state, so the enable prompt stops promising to run it).
  const [sharedRanFor, setSharedRanFor] = useState<string | null>(null);

  const refreshJobs = useCallback(async () => setJobs(await engine.laneListJobs()), []);

  useEffect(() => {
    engine.laneGetSettings().then(setSettings, (err: unknown) => setError(errorMessage(err)));
    refreshJobs().catch((err: unknown) => setError(errorMessage(err)));
    listExamples().then(setExamples, (err: unknown) => setError(errorMessage(err)));
  }, [refreshJobs]);

  // Progress of the running job arrives as engine events.
  const runningId = running?.jobId;
  useEffect(() => {
    if (!runningId) return;
    return onEngineEvent((e) => {
      if (e.type === 'progress' && e.opId === runningId) {
        setRunning({ jobId: runningId, progress: e.total > 0 ? e.current / e.total : 0 });
      }
    });
  }, [runningId]);

  // Formula errors inline: the engine parses the seed (it never runs anything for this).
  useEffect(() => {
    const t = setTimeout(() => {
      engine.laneCheckSeed(toSeed(form)).then(setIssues, () => setIssues([]));
    }, 250);
    return () => clearTimeout(t);
  }, [form]);

  const show = useCallback(async (jobId: string, given?: DreamResult) => {
    const result = given ?? (await engine.laneCollect(jobId));
    const [status, trace, seed] = await Promise.all([
      engine.laneStatus(jobId),
      engine.laneTrace(jobId),
      engine.laneJobSeed(jobId),
    ]);
    setShown({ jobId, result, hash: status.result_hash ?? '', trace, share: shareUrl(seed) });
    setCopied(null);
    setSelected(result.branches[0]?.id ?? null);
  }, []);

  const run = useCallback(
    async (seed: DreamSeed) => {
      setDenial(null);
      setError(null);
      let jobId: string;
      try {
        jobId = await engine.laneSchedule(seed);
      } catch (err) {
        if (err instanceof EngineFailure) {
          const hint = typeof err.details?.hint === 'string' ? err.details.hint : undefined;
          setDenial({ code: err.code, message: err.message, ...(hint ? { hint } : {}) });
        } else setError(errorMessage(err));
        return;
      }
      setRunning({ jobId, progress: 0 });
      try {
        const result = await engine.laneCollect(jobId);
        await show(jobId, result);
      } catch (err) {
        if (err instanceof EngineFailure && err.code === 'CANCELLED') setError('The job was cancelled.');
        else setError(errorMessage(err));
      } finally {
        setRunning(null);
        await refreshJobs().catch(() => undefined);
      }
    },
    [refreshJobs, show],
  );

  // A share link: load its seed and run it once simulation is on.
  const sharedSeed = query.get('seed');
  useEffect(() => {
    if (!sharedSeed || !settings?.enabled || sharedRun.current === sharedSeed) return;
    sharedRun.current = sharedSeed;
    setSharedRanFor(sharedSeed);
    let seed: DreamSeed;
    try {
      seed = decodeSeed(sharedSeed);
    } catch (err) {
      setError(errorMessage(err));
      return;
    }
    setForm(fromSeed(seed));
    setExampleNote('Loaded from a share link.');
    void run(seed);
  }, [sharedSeed, settings?.enabled, run]);

  const answer = async (enabled: boolean) => {
    try {
      setSettings(await engine.laneSetEnabled(enabled));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const pickExample = async (file: string) => {
    // The editor is locked while the example is fetched, so no edit made meanwhile is overwritten.
    setLoadingExample(file);
    try {
      const ex = await loadExample(file);
      setForm(fromSeed(ex.seed));
      setExampleNote(ex.description);
      setDenial(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingExample(null);
    }
  };

  if (!settings) return <p className="muted">Reading the lab's settings…</p>;

  return (
    <section className="lab-page">
      <h1>Lab</h1>
      {!settings.enabled && (
        <EnablePrompt
          asked={settings.asked}
          shared={sharedSeed !== null && sharedRanFor !== sharedSeed}
          onAnswer={(v) => void answer(v)}
        />
      )}
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}

      <section className="panel" aria-labelledby="seed-title">
        <div className="row spread">
          <h2 id="seed-title">Seed</h2>
          <div className="row" role="group" aria-label="Examples">
            {examples.map((ex) => (
              <button
                key={ex.file}
                type="button"
                className="secondary"
                onClick={() => void pickExample(ex.file)}
              >
                Example: {ex.title}
              </button>
            ))}
          </div>
        </div>
        {exampleNote && <p className="muted">{exampleNote}</p>}
        <fieldset className="plain" disabled={loadingExample !== null} aria-busy={loadingExample !== null}>
          <SeedEditor form={form} onChange={setForm} issues={issues} />
        </fieldset>
        <div className="actions">
          <button
            type="button"
            disabled={!!running || !settings.enabled || loadingExample !== null}
            onClick={() => void run(toSeed(form))}
          >
            Run simulation
          </button>
          {running && (
            <button type="button" className="secondary" onClick={() => void engine.laneCancel(running.jobId)}>
              Cancel
            </button>
          )}
          {settings.enabled && (
            <button type="button" className="secondary" onClick={() => void answer(false)}>
              Turn simulation off
            </button>
          )}
        </div>
        {running && (
          <div className="progress" aria-live="polite">
            <progress value={running.progress} max={1} aria-label="Simulation progress" />{' '}
            {Math.round(running.progress * 100)}% ({running.jobId})
          </div>
        )}
        {denial && (
          <div role="alert" className="banner error denial" data-testid="denial">
            <p>
              <strong>{denial.code}</strong>: {denial.message}
            </p>
            {denial.hint && <p>What to change: {denial.hint}</p>}
          </div>
        )}
      </section>

      {shown && (
        <section className="panel result" aria-labelledby="result-title">
          <h2 id="result-title">Result</h2>
          <dl className="facts">
            <dt>Trace</dt>
            <dd data-testid="trace-id">{shown.result.trace_id}</dd>
            <dt>Result hash</dt>
            <dd>
              <code data-testid="result-hash">{shown.hash}</code>
            </dd>
            <dt>Scores</dt>
            <dd>
              utility mean {shown.result.scores.utility_mean.toFixed(3)} · risk max{' '}
              {shown.result.scores.risk_max.toFixed(3)} · novelty max{' '}
              {shown.result.scores.novelty_max.toFixed(3)}
            </dd>
            <dt>Samples</dt>
            <dd>
              {shown.result.samples.drawn} ({shown.result.samples.per_branch} per branch)
              {shown.result.partial ? ' — partial result' : ''}
            </dd>
            <dt>Share</dt>
            <dd>
              <a href={shown.share} data-testid="share-link">
                Share link
              </a>{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  const done = () => setCopied('Copied.');
                  const failed = () =>
                    setCopied('Could not copy; open the link and copy it from the address bar.');
                  if (navigator.clipboard) navigator.clipboard.writeText(shown.share).then(done, failed);
                  else failed();
                }}
              >
                Copy
              </button>{' '}
              {copied && (
                <span role="status" className="muted small">
                  {copied}
                </span>
              )}
            </dd>
          </dl>
          {shown.result.warnings.length > 0 && (
            <ul className="warnings">
              {shown.result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <h3>Branch tree</h3>
          <BranchGraph branches={shown.result.branches} selected={selected} onSelect={setSelected} />
          {selected && <BranchDetail result={shown.result} branchId={selected} />}
          <h3>Compare branches</h3>
          <BranchTable branches={shown.result.branches} selected={selected} onSelect={setSelected} />
          <h3>Trace</h3>
          <TraceTimeline events={shown.trace} />
        </section>
      )}

      <section className="panel" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Past jobs</h2>
        <JobHistory
          jobs={jobs}
          current={shown?.jobId ?? null}
          onOpen={(id) => void show(id).catch((err: unknown) => setError(errorMessage(err)))}
        />
        <div className="row">
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void engine.laneVerifyArtifacts().then(
                (c) =>
                  setChain(
                    c.ok
                      ? `The artifact chain holds: ${c.rows} result${c.rows === 1 ? '' : 's'}, each linked to the one before by its hash.`
                      : `The artifact chain is broken at row ${c.broken_at}: a stored result was changed or removed.`,
                  ),
                (err: unknown) => setChain(errorMessage(err)),
              )
            }
          >
            Verify artifact chain
          </button>
          {chain && (
            <span role="status" data-testid="chain-status">
              {chain}
            </span>
          )}
        </div>
      </section>
    </section>
  );
}
