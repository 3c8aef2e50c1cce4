import { useCallback, useState } from 'react';
import { errorMessage } from '../engine';

export interface ActionMessage {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * Runs a user action against the engine: marks the page busy, clears the last message, and shows
 * what the action returns (or the engine's error message) when it ends.
 */
export function useAction(after?: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const act = useCallback(
    async (fn: () => Promise<string | void>) => {
      setBusy(true);
      setMessage(null);
      try {
        const text = await fn();
        if (text) setMessage({ kind: 'ok', text });
        await after?.();
      } catch (err) {
        setMessage({ kind: 'error', text: errorMessage(err) });
      } finally {
        setBusy(false);
      }
    },
    [after],
  );
  return { busy, message, setMessage, act };
}
