import type { Page } from '@playwright/test';

/** One measured quantity: its samples, and what a sample is (ms, samples/s, MB…). */
export interface BenchRow {
  suite: string;
  name: string;
  where: 'node' | 'chromium';
  unit: string;
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** Extra facts about the row (sizes, counts, flags such as "long task seen"). */
  notes?: Record<string, unknown>;
}

export interface BenchHarness {
  readonly where: 'node' | 'chromium';
  /** Times `fn` (ms) `runs` times after `warmup` unmeasured runs. */
  time(
    name: string,
    fn: () => unknown,
    opts?: { runs?: number; warmup?: number; notes?: Record<string, unknown> },
  ): Promise<BenchRow>;
  /** Records values measured by the bench itself (e.g. throughput per run, or times taken in the page). */
  record(name: string, samples: number[], unit: string, notes?: Record<string, unknown>): BenchRow;
}

/** A Node benchmark file's default export. */
export type NodeBench = (h: BenchHarness) => Promise<void>;

/** A Chromium benchmark file's default export: `page` has the built app open and holding the lab. */
export type BrowserBench = (h: BenchHarness, page: Page) => Promise<void>;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function createHarness(suite: string, where: 'node' | 'chromium', rows: BenchRow[]): BenchHarness {
  const record = (
    name: string,
    samples: number[],
    unit: string,
    notes?: Record<string, unknown>,
  ): BenchRow => {
    if (samples.length === 0) throw new Error(`bench ${name}: no samples`);
    const row: BenchRow = {
      suite,
      name,
      where,
      unit,
      samples,
      median: median(samples),
      min: Math.min(...samples),
      max: Math.max(...samples),
      ...(notes ? { notes } : {}),
    };
    rows.push(row);
    return row;
  };
  return {
    where,
    record,
    async time(name, fn, opts = {}) {
      const { runs = 5, warmup = 1, notes } = opts;
      for (let i = 0; i < warmup; i++) await fn();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      return record(name, samples, 'ms', notes);
    },
  };
}
