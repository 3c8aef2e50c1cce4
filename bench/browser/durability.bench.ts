import {
  CRASH_BOUND_MS,
  handOverRuns,
  killRuns,
  reloadRuns,
  writeDuringIngest,
  writeNotesAndChat,
  type RunFigures,
} from '../../e2e/support/durabilityRuns';
import type { BenchHarness, BrowserBench } from '../harness';

type Engine = { addNote(b: string): Promise<unknown>; flush(): Promise<unknown> };
type SaveEvent = { type: string; state?: { status: string } };

/** Tries per kind of interruption (the end-to-end tests run fewer). */
const TRIES = Number(process.env.BENCH_DURABILITY_TRIES || 10);

function recordRun(h: BenchHarness, f: RunFigures, bound: number) {
  h.record(`${f.what}: acknowledged writes lost per try`, f.lostPerTry, 'writes', {
    tries: f.tries,
    acknowledged: f.acknowledged,
    lost: f.lost,
    oldestLostMs: f.oldestLostMs,
    boundMs: bound,
    lostBeyondBound: f.beyondBound.length,
    refusedNotWriter: f.refused,
    duringOperation: f.duringOperation,
    failures: f.failures,
  });
}

/**
 * The window between a write's acknowledgement and its save (the bound the README states): during a
 * steady stream of notes, for each acknowledged note, the time until the first save that started
 * after it was acknowledged has finished.
 */
const bench: BrowserBench = async (h, page) => {
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      dreamlane: { engine: Engine; onEngineEvent(l: (e: SaveEvent) => void): () => void };
    };
    const saving: number[] = [];
    const saved: number[] = [];
    const off = g.dreamlane.onEngineEvent((e) => {
      if (e.type !== 'save') return;
      if (e.state?.status === 'saving') saving.push(performance.now());
      if (e.state?.status === 'saved' || e.state?.status === 'pending') {
        if (saving.length > saved.length) saved.push(performance.now());
      }
    });
    const acks: number[] = [];
    const end = performance.now() + 8000;
    for (let i = 0; performance.now() < end; i++) {
      await g.dreamlane.engine.addNote(`durability bench ${i}`);
      acks.push(performance.now());
      await new Promise((r) => setTimeout(r, 5));
    }
    await g.dreamlane.engine.flush();
    await new Promise((r) => setTimeout(r, 200));
    off();
    const latencies: number[] = [];
    for (const a of acks) {
      const i = saving.findIndex((s) => s > a);
      if (i >= 0 && saved[i] !== undefined) latencies.push(saved[i]! - a);
    }
    return { latencies, acks: acks.length, saves: saved.length };
  });
  h.record('acknowledged note → on disk, during a stream of notes', result.latencies, 'ms', {
    acknowledged: result.acks,
    saves: result.saves,
  });

  // Kills of the whole browser, reloads and hand-overs, each repeated, counting what was lost.
  const baseURL = new URL('./', page.url()).href;
  recordRun(
    h,
    await killRuns(baseURL, 'browser killed mid-notes-and-chat', TRIES, writeNotesAndChat),
    CRASH_BOUND_MS,
  );
  recordRun(
    h,
    await killRuns(baseURL, 'browser killed mid-ingest', TRIES, writeDuringIngest),
    CRASH_BOUND_MS,
  );
  const browser = page.context().browser()!;
  for (const [run, bound] of [
    [reloadRuns, CRASH_BOUND_MS],
    [handOverRuns, 0],
  ] as const) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    recordRun(h, await run(context, baseURL, TRIES), bound);
    await context.close();
  }
};

export default bench;
