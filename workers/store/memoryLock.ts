import type { WriterLock } from './tabLock';

/**
 * The writer lock for several runtimes in one process (Node tests, and any host without Web Locks):
 * the same hand-over protocol as the Web Locks version, with a shared in-memory "lock manager".
 */
export class MemoryLockManager {
  holder: MemoryWriterLock | null = null;
  private waiters: Array<{ lock: MemoryWriterLock; grant: () => void }> = [];

  lockFor(): MemoryWriterLock {
    return new MemoryWriterLock(this);
  }

  /** @internal */
  acquireNow(lock: MemoryWriterLock): boolean {
    if (this.holder && this.holder !== lock) return false;
    this.holder = lock;
    return true;
  }

  /** @internal */
  wait(lock: MemoryWriterLock): Promise<void> {
    if (this.acquireNow(lock)) return Promise.resolve();
    return new Promise<void>((grant, decline) => {
      const waiter = { lock, grant };
      this.waiters.push(waiter);
      const holder = this.holder;
      void holder?.requested().catch((err: unknown) => {
        // Declined: the asker leaves the queue, as an aborted Web Locks request does.
        this.waiters = this.waiters.filter((w) => w !== waiter);
        decline(err);
      });
    });
  }

  /** @internal */
  release(lock: MemoryWriterLock): void {
    if (this.holder !== lock) return;
    this.holder = null;
    const next = this.waiters.shift();
    if (next) {
      this.holder = next.lock;
      next.grant();
    }
  }
}

export class MemoryWriterLock implements WriterLock {
  private handler: (() => Promise<void>) | null = null;

  constructor(private readonly manager: MemoryLockManager) {}

  get held(): boolean {
    return this.manager.holder === this;
  }

  async tryAcquire(): Promise<boolean> {
    return this.manager.acquireNow(this);
  }

  takeOver(): Promise<void> {
    return this.manager.wait(this);
  }

  onTakeOverRequested(handler: () => Promise<void>): void {
    this.handler = handler;
  }

  /** @internal Another tab asked; step down, then let go (or keep the lock if the handler declines). */
  async requested(): Promise<void> {
    await this.handler?.();
    this.release();
  }

  release(): void {
    this.manager.release(this);
  }
}
