import { useEffect, useRef, useState } from 'react';
import type { LockState, SaveState } from '../../workers/contract';
import { engine, errorMessage, onEngineEvent } from '../engine';
import { showSaveStates } from './shownSaveState';

/** The tab's writer role and save state, kept current from engine events. */
export function useEngineState() {
  const [lock, setLock] = useState<LockState>({ role: 'opening' });
  const [save, setSave] = useState<SaveState | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [resetCount, setResetCount] = useState(0);
  const saveRef = useRef<SaveState | null>(null);

  useEffect(() => {
    // What the page shows lags behind a save that is about to end (shownSaveState.ts); leaving the
    // page asks first on the latest state, not the one shown.
    const shown = showSaveStates(setSave);
    const off = onEngineEvent((e) => {
      if (e.type === 'lock') setLock(e.state);
      else if (e.type === 'save') {
        saveRef.current = e.state;
        shown.next(e.state);
      } else if (e.type === 'reset') setResetCount((n) => n + 1);
    });
    engine
      .open()
      .then(setLock)
      .catch((err: unknown) => setOpenError(errorMessage(err)));
    // Save what is unsaved as soon as the tab is hidden, frozen or closed: a closing page may not
    // wait for the worker, but a save started at `visibilitychange` usually finishes first.
    const flush = () => void engine.flush().catch(() => undefined);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // While a save is pending or failing, leaving the page could lose the latest writes: ask first.
    const onBeforeUnload = (ev: BeforeUnloadEvent) => {
      const status = saveRef.current?.status;
      if (status === 'pending' || status === 'saving' || status === 'error') {
        flush();
        ev.preventDefault();
        ev.returnValue = '';
      }
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('freeze', flush);
    return () => {
      off();
      shown.stop();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('freeze', flush);
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
