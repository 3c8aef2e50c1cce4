/** The only source of time for engine code: injected so tests and shared links can pin it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** A clock that always says the same time, or advances only when told. */
export class ManualClock implements Clock {
  constructor(private t: number = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
}
