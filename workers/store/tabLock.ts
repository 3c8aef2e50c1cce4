import type { ErrorData } from '../contract/base';
import { EngineError, toErrorData } from '../core/errors';

/**
 * One writer across tabs. Snapshots are whole files, so two writing tabs would overwrite each other;
 * exactly one tab holds the Web Lock and writes. Another tab can ask for the lab ("use here"): it
 * broadcasts a request, the holder flushes and releases, and the lock passes to the asker.
 */
export interface WriterLock {
  /** Take the lock if no tab holds it. */
  tryAcquire(): Promise<boolean>;
  /**
   * Ask the holder to step down and wait until the lock is ours. Rejects with the holder's error
   * when it declines (it could not save its latest work).
   */
  takeOver(): Promise<void>;
  /**
   * What to run when another tab asks for the lab; the lock is released after it resolves. If it
   * rejects, the request is declined: this tab keeps the lock and the asker gets the error.
   */
  onTakeOverRequested(handler: () => Promise<void>): void;
  /** Called when this tab holds the lock and another tab holds the lab now (never, in one tab). */
  release(): void;
  readonly held: boolean;
}

const LOCK = 'dreamlane:writer';
const CHANNEL = 'dreamlane:tabs';

/** Web Locks + BroadcastChannel; browser-only (works in a worker too). */
export class WebWriterLock implements WriterLock {
  private releaseLock: (() => void) | null = null;
  private handler: (() => Promise<void>) | null = null;
  private declined: ((error: ErrorData) => void) | null = null;
  private readonly channel = new BroadcastChannel(CHANNEL);

  constructor() {
    this.channel.onmessage = (ev: MessageEvent<{ type: string; error?: ErrorData }>) => {
      if (ev.data?.type === 'take-over' && this.releaseLock) {
        const handler = this.handler ?? (async () => undefined);
        void handler().then(
          () => this.release(),
          (err: unknown) => this.channel.postMessage({ type: 'take-over-declined', error: toErrorData(err) }),
        );
      } else if (ev.data?.type === 'take-over-declined' && ev.data.error) {
        this.declined?.(ev.data.error);
      }
    };
  }

  get held(): boolean {
    return this.releaseLock !== null;
  }

  private hold(mode: { ifAvailable: true } | { ifAvailable: false; signal: AbortSignal }): Promise<boolean> {
    const options: LockOptions = mode.ifAvailable
      ? { mode: 'exclusive', ifAvailable: true }
      : { mode: 'exclusive', signal: mode.signal };
    return new Promise<boolean>((resolve, reject) => {
      navigator.locks
        .request(LOCK, options, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          // Holding the lock means keeping this callback's promise pending until release().
          return new Promise<void>((release) => {
            this.releaseLock = release;
            resolve(true);
          });
        })
        .catch(reject);
    });
  }

  tryAcquire(): Promise<boolean> {
    if (this.held) return Promise.resolve(true);
    return this.hold({ ifAvailable: true });
  }

  async takeOver(): Promise<void> {
    if (this.held) return;
    const abort = new AbortController();
    const declined = new Promise<never>((_, reject) => {
      this.declined = (error) => {
        // Leave the queue for the lock: the holder keeps it, and a later "use here" asks again.
        abort.abort();
        reject(new EngineError(error.code, error.message, error.details));
      };
    });
    const granted = this.hold({ ifAvailable: false, signal: abort.signal });
    granted.catch(() => undefined); // rejected by the abort after a decline
    this.channel.postMessage({ type: 'take-over' });
    try {
      await Promise.race([granted, declined]);
    } finally {
      this.declined = null;
    }
  }

  onTakeOverRequested(handler: () => Promise<void>): void {
    this.handler = handler;
  }

  release(): void {
    const r = this.releaseLock;
    this.releaseLock = null;
    r?.();
  }
}
