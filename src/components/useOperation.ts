import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../workers/contract';
import { engine, newOpId, onEngineEvent } from '../engine';
import { throttleLatest } from './throttleLatest';

/** The shortest time between two progress updates of the page. */
const PROGRESS_MS = 100;

export interface OperationState {
  running: boolean;
  progress: ProgressEvent | null;
  /**
   * Start `fn` with a fresh operation id, or with `id` when the engine chose it (a lane job's id);
   * resolves with its result (or throws, e.g. CANCELLED).
   */
  start<T>(fn: (opId: string) => Promise<T>, id?: string): Promise<T>;
  cancel(): void;
}

/**
 * A long engine operation the page can follow (progress events) and stop (engine.cancel, or the
 * given `cancel` for operations with their own, such as a lane job that may still be queued).
 */
export function useOperation(
  prefix: string,
  cancelWith?: (opId: string) => Promise<unknown>,
): OperationState {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const current = useRef<string | null>(null);
  const cancelRef = useRef(cancelWith);
  useEffect(() => {
    cancelRef.current = cancelWith;
  }, [cancelWith]);

  // Progress is shown at most every PROGRESS_MS (the first event at once, the latest one last): a
  // taught text reports each slice of 6,000 characters, dozens of times a second, and each update
  // re-renders the page on the thread that also takes the chat turns a person sends meanwhile.
  useEffect(() => {
    const shown = throttleLatest((e: ProgressEvent) => {
      if (e.opId === current.current) setProgress(e);
    }, PROGRESS_MS);
    const off = onEngineEvent((e) => {
      if (e.type === 'progress' && e.opId === current.current) shown.push(e);
    });
    return () => {
      off();
      shown.cancel();
    };
  }, []);

  const start = useCallback(
    async <T>(fn: (opId: string) => Promise<T>, id?: string): Promise<T> => {
      const opId = id ?? newOpId(prefix);
      current.current = opId;
      setRunning(true);
      setProgress(null);
      try {
        return await fn(opId);
      } finally {
        current.current = null;
        setRunning(false);
      }
    },
    [prefix],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    if (id) void (cancelRef.current ?? engine.cancel)(id);
  }, []);

  return { running, progress, start, cancel };
}
