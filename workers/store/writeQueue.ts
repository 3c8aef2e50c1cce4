/**
 * One serial queue for every write. sql.js is synchronous, but operations around it are not (a
 * write that follows a long computation, an import that validates first), so without a queue two
 * callers could interleave and a snapshot could land between them. Each queued task runs alone;
 * a failing task does not stop the ones after it.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(task);
    this.tail = run.then(
      () => this.pending--,
      () => this.pending--,
    );
    return run;
  }

  /** Number of tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
