import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../workers/contract';
import { engine, newOpId, onEngineEvent } from '../engine';

export interface OperationState {
  running: boolean;
  progress: ProgressEvent | null;
  /** Start `fn` with a fresh operation id; resolves with its result (or throws, e.g. CANCELLED). */
  start<T>(fn: (opId: string) => Promise<T>): Promise<T>;
  cancel(): void;
}

/** A long engine operation the page can follow (progress events) and stop (engine.cancel). */
export function useOperation(prefix: string): OperationState {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onEngineEvent((e) => {
        if (e.type === 'progress' && e.opId === current.current) setProgress(e);
      }),
    [],
  );

  const start = useCallback(
    async <T>(fn: (opId: string) => Promise<T>): Promise<T> => {
      const opId = newOpId(prefix);
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
    if (current.current) void engine.cancel(current.current);
  }, []);

  return { running, progress, start, cancel };
}
