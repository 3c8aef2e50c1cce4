import { useEffect, useState } from 'react';
import type { SaveState } from '../../workers/contract';
import { onEngineEvent } from '../engine';

/**
 * The engine's save state as it moves, every state of it, for a page that shows the save in detail
 * (the Data page): the header shows an unsaved or saving state only once it lasts
 * (shownSaveState.ts), so as to render less for each write. Followed only while the page is open.
 */
export function useLatestSaveState(): SaveState | null {
  const [save, setSave] = useState<SaveState | null>(null);
  useEffect(
    () =>
      onEngineEvent((e) => {
        if (e.type === 'save') setSave(e.state);
      }),
    [],
  );
  return save;
}
