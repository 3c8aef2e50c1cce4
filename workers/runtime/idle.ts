import { yieldToLoop } from '../core/yieldToLoop';

/**
 * Work the worker does only while nobody is waiting on it: between two pieces of it, every request
 * that has arrived runs first, and a request in progress (or a long operation such as a lane job)
 * holds the next piece back until it is done. A piece is the caller's to keep short: the worker is
 * single-threaded, so a request that arrives during a piece waits for that piece, never for the rest.
 */
/**
 * A later task: for no wait, a MessageChannel round trip (yieldToLoop), since setTimeout(0) is clamped
 * to 4 ms once nested, and the warm-up, a piece after a piece, spent more time in those clamps than
 * in its pieces.
 */
function laterTask(fn: () => void, ms: number): void {
  if (ms > 0) setTimeout(fn, ms);
  else void yieldToLoop().then(fn);
}

/** How often idle work looks again while a background operation runs. */
const QUIET_POLL_MS = 50;

export class IdleScheduler {
  private busy = 0;
  private waiting: Array<() => void> = [];
  private timer = false;
  private readonly started = new Map<string, Promise<void>>();

  /**
   * @param quiet whether nothing else runs in the background (e.g. no operation is live).
   * @param later runs a function in a later task after at least `ms`, so the messages queued meanwhile
   *   go first.
   */
  constructor(
    private readonly quiet: () => boolean = () => true,
    private readonly later: (fn: () => void, ms: number) => void = laterTask,
  ) {}

  /** Requests that have arrived so far. */
  private arrivals = 0;
  /** `arrivals` when quiet was last found (see `quietFor`). */
  private quietAt = -1;

  /** A request arrived: idle work stops after its current piece until every request has finished. */
  enter(): void {
    this.busy++;
    this.arrivals++;
  }

  leave(): void {
    this.busy--;
    this.wake();
  }

  /** Resolves in a later task, once no request is in progress and the background is quiet. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.wake();
    });
  }

  /**
   * Resolves as `idle()` does, and once no request has arrived for `ms` since the last time quiet was
   * found: the pieces of work that should not come between the requests of a burst (a person's chat
   * turn and the page's reads after it, or turns sent one after another) wait for the burst to end,
   * then follow one another as `idle()` pieces do until the next request arrives.
   */
  async quietFor(ms: number): Promise<void> {
    for (;;) {
      await this.idle();
      const seen = this.arrivals;
      if (seen === this.quietAt) return;
      await new Promise<void>((resolve) => this.later(resolve, ms));
      if (this.arrivals === seen && this.busy === 0) {
        this.quietAt = seen;
        return;
      }
    }
  }

  /** Starts `task` once per name (it awaits `idle()` between its pieces); a failure is swallowed. */
  runOnce(name: string, task: (idle: () => Promise<void>) => Promise<void>): Promise<void> {
    let run = this.started.get(name);
    if (!run) {
      run = task(() => this.idle()).catch(() => undefined);
      this.started.set(name, run);
    }
    return run;
  }

  /** Tasks run again when asked (`runAgain`), by name: the run under way, and whether to run once more. */
  private readonly repeated = new Map<string, { run: Promise<void>; again: boolean }>();

  /**
   * Starts `task` now or, when it runs already under `name`, once more after it ends, however often it
   * was asked meanwhile (work that each change calls for anew, such as reading ahead after a taught
   * text); a failure is swallowed.
   */
  runAgain(name: string, task: () => Promise<void>): Promise<void> {
    const live = this.repeated.get(name);
    if (live) {
      live.again = true;
      return live.run;
    }
    const state = { run: Promise.resolve(), again: false };
    state.run = (async () => {
      try {
        do {
          state.again = false;
          await task().catch(() => undefined);
        } while (state.again);
      } finally {
        this.repeated.delete(name);
      }
    })();
    this.repeated.set(name, state);
    return state.run;
  }

  /** Every task started so far, settled. */
  async settled(): Promise<void> {
    await Promise.all([...this.started.values(), ...[...this.repeated.values()].map((r) => r.run)]);
  }

  private wake(ms = 0): void {
    if (this.timer || this.busy > 0 || this.waiting.length === 0) return;
    this.timer = true;
    this.later(() => {
      this.timer = false;
      if (this.busy > 0) return; // leave() wakes it again
      // A background operation (a job between two requests) runs: look again after a pause.
      if (!this.quiet()) return this.wake(QUIET_POLL_MS);
      this.waiting.shift()!();
      // Further pieces waiting (there is normally one task) go one per later task.
      this.wake();
    }, ms);
  }
}
