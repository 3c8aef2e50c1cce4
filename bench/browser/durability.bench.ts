import type { BrowserBench } from '../harness';

type Engine = { addNote(b: string): Promise<unknown>; flush(): Promise<unknown> };
type SaveEvent = { type: string; state?: { status: string } };

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
};

export default bench;
