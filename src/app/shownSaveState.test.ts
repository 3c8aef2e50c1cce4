import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../workers/contract';
import { showSaveStates } from './shownSaveState';

const state = (status: SaveState['status'], generation = 1): SaveState => ({
  status,
  generation,
  lastSavedAt: generation * 1000,
});

/** The states shown, and what feeds them, with the delay the page uses. */
function watch() {
  const shown: SaveState[] = [];
  return { shown, s: showSaveStates((v) => shown.push(v), 1000) };
}

describe('the save state the page shows', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('skips unsaved and saving when the save follows within the delay', () => {
    const { shown, s } = watch();
    s.next(state('saved', 1));
    s.next(state('pending', 1));
    vi.advanceTimersByTime(25);
    s.next(state('saving', 1));
    vi.advanceTimersByTime(15);
    s.next(state('saved', 2));
    vi.advanceTimersByTime(5000);
    expect(shown.map((v) => `${v.status}:${v.generation}`)).toEqual(['saved:1', 'saved:2']);
  });

  it('shows the first state at once, whatever it is', () => {
    const { shown, s } = watch();
    s.next(state('saving', 2));
    expect(shown.map((v) => v.status)).toEqual(['saving']);
  });

  it('shows the latest unsaved state once it has lasted the delay, counted from the first', () => {
    const { shown, s } = watch();
    s.next(state('saved', 2));
    s.next(state('pending', 3));
    vi.advanceTimersByTime(600);
    s.next(state('saving', 3));
    vi.advanceTimersByTime(399);
    expect(shown.map((v) => v.status)).toEqual(['saved']);
    vi.advanceTimersByTime(1);
    expect(shown.map((v) => v.status)).toEqual(['saved', 'saving']);
    s.next(state('saved', 4));
    expect(shown.map((v) => v.status)).toEqual(['saved', 'saving', 'saved']);
  });

  it('shows a failing save at once, and nothing after stop', () => {
    const { shown, s } = watch();
    s.next(state('saved'));
    s.next(state('pending'));
    s.next(state('error'));
    expect(shown.map((v) => v.status)).toEqual(['saved', 'error']);
    s.next(state('pending'));
    s.stop();
    vi.advanceTimersByTime(5000);
    expect(shown.map((v) => v.status)).toEqual(['saved', 'error']);
  });
});
