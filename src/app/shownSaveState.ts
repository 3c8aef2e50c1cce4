import type { SaveState } from '../../workers/contract';

/** How long a write may stay unsaved, or its save running, before the page says so. */
export const SHOW_UNSAVED_AFTER_MS = 1000;

export interface ShownSaveState {
  /** The engine's latest save state. */
  next(state: SaveState): void;
  /** Drops a state waiting to be shown. */
  stop(): void;
}

/**
 * The save state the page shows, from the engine's save events. A write is usually saved a few tens
 * of milliseconds after it is made, going from unsaved through saving to saved: shown as they came,
 * the header's indicator flickered through three states per write, too fast to read, and each
 * change rendered the header again, and every page that reads the state, on the same two cores as
 * the engine (a classroom job sent from the Lab page took 3 ms longer, the first of a page load also
 * painting in the GPU process). Saved and failing states are shown at once; unsaved or saving only
 * once it has lasted `delayMs`, so a slow save or a long operation that holds the saves still shows.
 * The Data page, which shows the save in detail, follows every state (useLatestSaveState.ts).
 */
export function showSaveStates(
  show: (state: SaveState) => void,
  delayMs = SHOW_UNSAVED_AFTER_MS,
): ShownSaveState {
  let latest: SaveState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let shownAny = false;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    next(state) {
      latest = state;
      // The first state (where the lab stands as the page starts) is shown whatever it is: until
      // then the page knows of no state at all.
      if (shownAny && (state.status === 'pending' || state.status === 'saving')) {
        // From the first unsaved state on: a save that follows at once does not restart the wait.
        timer ??= setTimeout(() => {
          timer = null;
          if (latest) show(latest);
        }, delayMs);
        return;
      }
      stop();
      shownAny = true;
      show(state);
    },
    stop,
  };
}
