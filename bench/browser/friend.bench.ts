import type { BrowserBench } from '../harness';
import { brownText, PROMPTS } from '../node/friend.bench';

interface FriendEngine {
  friendReset(): Promise<unknown>;
  friendIngest(text: string, opId: string): Promise<{ tokens: number }>;
  friendChat(text: string): Promise<unknown>;
  friendDreamNow(): Promise<unknown>;
  flush(): Promise<unknown>;
  dataStats(): Promise<{ sizeBytes: number }>;
}

/**
 * The same measures in Chromium through the engine worker (Comlink round trips and the saver's
 * IndexedDB snapshots included: at 1M tokens the ~63 MB snapshot competes with the chat turns).
 */
export default (async (h, page) => {
  for (const size of [10_000, 100_000, 1_000_000]) {
    const label = size >= 1_000_000 ? '1M' : `${size / 1000}k`;
    const text = brownText(size);
    const out = await page.evaluate(
      async ({ text, prompts }) => {
        const engine = (globalThis as unknown as { dreamlane: { engine: FriendEngine } }).dreamlane.engine;
        await engine.friendReset();
        const t0 = performance.now();
        const r = await engine.friendIngest(text, `bench-${text.length}`);
        const ingestMs = performance.now() - t0;
        const turns: number[] = [];
        for (let i = 0; i < 6; i++) {
          const t = performance.now();
          await engine.friendChat(prompts[i % prompts.length]!);
          await engine.friendDreamNow();
          turns.push(performance.now() - t);
        }
        const f0 = performance.now();
        await engine.flush();
        const flushMs = performance.now() - f0;
        const { sizeBytes } = await engine.dataStats();
        return { tokens: r.tokens, ingestMs, turns: turns.slice(1), flushMs, sizeBytes };
      },
      { text, prompts: PROMPTS },
    );
    h.record(`ingest ${label} tokens`, [out.tokens / (out.ingestMs / 1000)], 'tokens/s', {
      tokens: out.tokens,
    });
    h.record(`chat turn at ${label} (observe + reply + after-reply + forced dream)`, out.turns, 'ms');
    h.record(`database size at ${label}`, [out.sizeBytes / 1024 / 1024], 'MB');
    h.record(`snapshot to IndexedDB at ${label}`, [out.flushMs], 'ms');
  }
}) satisfies BrowserBench;
