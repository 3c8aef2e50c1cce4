import type { EngineEvent, ProgressEvent } from '../contract/base';
import { EngineError } from './errors';
import { yieldToLoop } from './yieldToLoop';

/**
 * A long-running piece of work: reports progress and can be cancelled between batches.
 *
 * The worker is single-threaded, so a cancel message can only be handled while the operation is
 * awaiting; `checkpoint()` yields to the event loop and then throws CANCELLED if asked to stop.
 */
export interface Operation {
  readonly id: string;
  progress(step: string, current: number, total: number): void;
  readonly cancelled: boolean;
  /** Yield to the event loop (so status/cancel messages get through), then stop if cancelled. */
  checkpoint(): Promise<void>;
}

export type Emit = (event: EngineEvent) => void;

/** Keeps the live operations so `cancel(id)` can reach them. */
export class OperationRegistry {
  private readonly live = new Map<string, { cancelled: boolean }>();

  constructor(private readonly emit: Emit) {}

  start(id: string, kind: string): Operation {
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) {
      throw new EngineError(
        'BAD_INPUT',
        'An operation id must be a non-empty string of at most 128 characters.',
      );
    }
    if (this.live.has(id)) throw new EngineError('BAD_INPUT', `Operation ${id} is already running.`);
    const state = { cancelled: false };
    this.live.set(id, state);
    const emit = this.emit;
    return {
      id,
      get cancelled() {
        return state.cancelled;
      },
      progress(step: string, current: number, total: number) {
        const event: ProgressEvent = { type: 'progress', opId: id, op: kind, step, current, total };
        emit(event);
      },
      async checkpoint() {
        await yieldToLoop();
        if (state.cancelled) throw new EngineError('CANCELLED', 'Cancelled.');
      },
    };
  }

  /** How many operations are live. */
  get running(): number {
    return this.live.size;
  }

  finish(id: string): void {
    this.live.delete(id);
  }

  /** Returns whether an operation with that id was running. */
  cancel(id: string): boolean {
    const s = this.live.get(id);
    if (!s) return false;
    s.cancelled = true;
    return true;
  }

  /** Runs `fn` as a registered operation, always unregistering it afterwards. */
  async run<T>(id: string, kind: string, fn: (op: Operation) => Promise<T>): Promise<T> {
    const op = this.start(id, kind);
    try {
      return await fn(op);
    } finally {
      this.finish(id);
    }
  }
}

/** An operation for code paths that have no caller-visible id (tests, internal batches). */
export function silentOperation(id = 'internal'): Operation {
  return {
    id,
    cancelled: false,
    progress() {},
    checkpoint: yieldToLoop,
  };
}
