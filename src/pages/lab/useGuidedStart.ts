import { useCallback, useState } from 'react';

const KEY = 'dreamlane.lab.guided-start';

function seen(): boolean {
  try {
    return localStorage.getItem(KEY) === 'done';
  } catch {
    return false;
  }
}

/** Whether this browser has seen the guided start (a UI preference, kept outside the lab's data). */
export function useGuidedStart(): { firstVisit: boolean; done: () => void } {
  const [firstVisit, setFirstVisit] = useState(() => !seen());
  const done = useCallback(() => {
    try {
      localStorage.setItem(KEY, 'done');
    } catch {
      // Storage refused: the panel simply shows again next time.
    }
    setFirstVisit(false);
  }, []);
  return { firstVisit, done };
}
