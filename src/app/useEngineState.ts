import { useEffect, useState } from 'react';
import type { LockState, SaveState } from '../../workers/contract';
import { engine, errorMessage, onEngineEvent } from '../engine';

/** The tab's writer role and save state, kept current from engine events. */
export function useEngineState() {
  const [lock, setLock] = useState<LockState>({ role: 'opening' });
  const [save, setSave] = useState<SaveState | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [resetCount, setResetCount] = useState(0);

  useEffect(() => {
    const off = onEngineEvent((e) => {
      if (e.type === 'lock') setLock(e.state);
      else if (e.type === 'save') setSave(e.state);
      else if (e.type === 'reset') setResetCount((n) => n + 1);
    });
    engine
      .open()
      .then(setLock)
      .catch((err: unknown) => setOpenError(errorMessage(err)));
    // Save what is unsaved when the tab is hidden or closed; the saver's debounce may not have fired.
    const flush = () => void engine.flush().catch(() => undefined);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      off();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const takeOver = async () => {
    setOpenError(null);
    try {
      setLock(await engine.takeOver());
    } catch (err) {
      setOpenError(errorMessage(err));
    }
  };

  return { lock, save, openError, resetCount, takeOver };
}
