import { useEffect, useState } from 'react';
import type { SensitivityReport } from '../../../workers/contract';
import { engine, errorMessage } from '../../engine';

/** The tornado for a shown job, fetched once per job (cheap: a few thousand samples per factor). */
export function useSensitivity(jobId: string): { report: SensitivityReport | null; error: string | null } {
  const [state, setState] = useState<{
    jobId: string;
    report: SensitivityReport | null;
    error: string | null;
  }>({ jobId: '', report: null, error: null });
  useEffect(() => {
    let live = true;
    engine.laneSensitivity(jobId).then(
      (report) => live && setState({ jobId, report, error: null }),
      (err: unknown) => live && setState({ jobId, report: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [jobId]);
  return state.jobId === jobId ? state : { report: null, error: null };
}
