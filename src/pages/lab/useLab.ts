import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CollectedJob,
  DreamSeed,
  FormulaIssue,
  JobSummary,
  LaneSettings,
  SharedLinkCheck,
} from '../../../workers/contract';
import { useOperation } from '../../components/useOperation';
import { engine, EngineFailure, errorMessage } from '../../engine';
import { listExamples, loadExample, type ExampleEntry } from './examples';
import { emptyForm, fromSeed, toSeed, type SeedForm } from './seedForm';
import { decodeSeed, readSharedQuery, shareUrl } from './shareLink';

export interface Shown extends CollectedJob {
  /** The share link's URL. */
  url: string;
  /** Set when this result reproduces a share link: what the link promised. */
  fromLink?: { hash: string | null; engine: string | null };
}

/** A share link as the engine judged it. */
export interface SharedState extends SharedLinkCheck {
  key: string;
}

export interface Denial {
  code: string;
  message: string;
  hint?: string;
}

const cancelJob = (jobId: string) => engine.laneCancel(jobId);

/**
 * The Lab page's controller: settings, the seed form and its inline issues, examples, the running job
 * (followed with useOperation), the shown result, past jobs, and share links. The view only renders.
 */
export function useLab(query: URLSearchParams) {
  const [settings, setSettings] = useState<LaneSettings | null>(null);
  const [form, setForm] = useState<SeedForm>(emptyForm);
  const [loadingExample, setLoadingExample] = useState<string | null>(null);
  const [issues, setIssues] = useState<FormulaIssue[]>([]);
  const [examples, setExamples] = useState<ExampleEntry[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [denial, setDenial] = useState<Denial | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [chain, setChain] = useState<string | null>(null);
  const job = useOperation('lane', cancelJob);
  const sharedRun = useRef<string | null>(null);
  // Bumped when a result should be brought into view once shown (an example tried, a link opened).
  const [reveal, setReveal] = useState(0);
  // The share link whose seed has been run (state, so the enable prompt stops promising to run it).
  const [sharedRanFor, setSharedRanFor] = useState<string | null>(null);

  const refreshJobs = useCallback(async () => setJobs(await engine.laneListJobs()), []);

  useEffect(() => {
    engine.laneGetSettings().then(setSettings, (err: unknown) => setError(errorMessage(err)));
    refreshJobs().catch((err: unknown) => setError(errorMessage(err)));
    listExamples().then(setExamples, (err: unknown) => setError(errorMessage(err)));
  }, [refreshJobs]);

  // Formula errors inline: the engine parses the seed (it never runs anything for this).
  useEffect(() => {
    const t = setTimeout(() => {
      engine.laneCheckSeed(toSeed(form)).then(setIssues, () => setIssues([]));
    }, 250);
    return () => clearTimeout(t);
  }, [form]);

  const showCollected = useCallback((collected: CollectedJob, fromLink?: Shown['fromLink']) => {
    setShown({
      ...collected,
      url: shareUrl({ ...collected.share, result_hash: collected.result_hash }),
      ...(fromLink ? { fromLink } : {}),
    });
    setSelected(collected.result.branches[0]?.id ?? null);
  }, []);

  const open = useCallback(
    (jobId: string) =>
      void engine
        .laneCollectWithShare(jobId)
        .then(showCollected, (err: unknown) => setError(errorMessage(err))),
    [showCollected],
  );

  const { start } = job;
  const run = useCallback(
    async (seed: DreamSeed, opts: { fromLink?: Shown['fromLink']; reveal?: boolean } = {}) => {
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
      try {
        showCollected(await start(() => engine.laneCollectWithShare(jobId), jobId), opts.fromLink);
        if (opts.reveal) setReveal((r) => r + 1);
      } catch (err) {
        if (err instanceof EngineFailure && err.code === 'CANCELLED') setError('The job was cancelled.');
        else setError(errorMessage(err));
      } finally {
        await refreshJobs().catch(() => undefined);
      }
    },
    [refreshJobs, showCollected, start],
  );

  // A share link: the engine checks it at once (so a crafted link is explained, not run), and a good
  // one is loaded and run once simulation is on.
  const sharedKey = readSharedQuery(query)?.key ?? null;
  const [shared, setShared] = useState<SharedState | null>(null);
  useEffect(() => {
    const link = readSharedQuery(new URLSearchParams(sharedKey ?? ''));
    if (!link) return;
    const key = link.key;
    const refuse = (err: unknown) =>
      setShared({ key, seed: null, issues: [{ field: 'link', message: errorMessage(err) }], note: null });
    let seed: unknown;
    try {
      seed = decodeSeed(link.seed);
    } catch (err) {
      refuse(err);
      return;
    }
    let live = true;
    engine.laneCheckShare({ seed, samples: link.samples, engine_version: link.engine }).then(
      (check) => live && setShared({ key, ...check }),
      (err: unknown) => live && refuse(err),
    );
    return () => {
      live = false;
    };
  }, [sharedKey]);

  const enabled = settings?.enabled === true;
  useEffect(() => {
    if (!shared?.seed || !enabled || sharedRun.current === shared.key) return;
    sharedRun.current = shared.key;
    setSharedRanFor(shared.key);
    setForm(fromSeed(shared.seed));
    setNote('Loaded from a share link.');
    const link = readSharedQuery(new URLSearchParams(shared.key));
    void run(shared.seed, {
      fromLink: { hash: link?.hash ?? null, engine: link?.engine ?? null },
      reveal: true,
    });
  }, [shared, enabled, run]);

  const answer = useCallback(async (on: boolean) => {
    try {
      setSettings(await engine.laneSetEnabled(on));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  const pickExample = useCallback(async (file: string) => {
    // The editor is locked while the example is fetched, so no edit made meanwhile is overwritten.
    setLoadingExample(file);
    try {
      const ex = await loadExample(file);
      setForm(fromSeed(ex.seed));
      setNote(ex.description);
      setDenial(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingExample(null);
    }
  }, []);

  // The guided start's one action: turn simulation on if the user asks through this button (the
  // button says so), load the example, run it and bring the result into view.
  const tryExample = useCallback(
    async (file: string) => {
      setLoadingExample(file);
      let seed: DreamSeed;
      try {
        if (!enabled) setSettings(await engine.laneSetEnabled(true));
        const ex = await loadExample(file);
        seed = ex.seed;
        setForm(fromSeed(ex.seed));
        setNote(ex.description);
      } catch (err) {
        setError(errorMessage(err));
        return;
      } finally {
        setLoadingExample(null);
      }
      await run(seed, { reveal: true });
    },
    [enabled, run],
  );

  const verifyChain = useCallback(
    () =>
      void engine.laneVerifyArtifacts().then(
        (c) =>
          setChain(
            c.ok
              ? `The artifact chain holds: ${c.rows} result${c.rows === 1 ? '' : 's'}, each linked to the one before by its hash.`
              : `The artifact chain is broken at row ${c.broken_at}: a stored result was changed or removed.`,
          ),
        (err: unknown) => setChain(errorMessage(err)),
      ),
    [],
  );

  return {
    settings,
    form,
    setForm,
    issues,
    examples,
    loadingExample,
    pickExample,
    tryExample,
    reveal,
    note,
    job,
    runForm: () => void run(toSeed(form)),
    denial,
    error,
    answer,
    /** Opened from a share link whose seed has not run yet (the enable prompt says it will). */
    sharedPending:
      sharedKey !== null && sharedRanFor !== sharedKey && !(shared?.key === sharedKey && !shared.seed),
    /** The current share link as the engine judged it (issues when it cannot be used, or a note). */
    shared: shared?.key === sharedKey ? shared : null,
    shown,
    selected,
    setSelected,
    jobs,
    open,
    chain,
    verifyChain,
  };
}

export type LabState = ReturnType<typeof useLab>;
