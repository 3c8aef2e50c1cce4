import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserBench } from '../harness';
import {
  brownText,
  CHAT_TURNS,
  percentile,
  PROMPTS,
  recordByDream,
  recordChatTurns,
} from '../node/friend.bench';
import { profileSummary, profileWorker } from './workerProfile';

interface FriendEngine {
  friendReset(): Promise<unknown>;
  friendIngest(text: string, opId: string): Promise<{ tokens: number }>;
  friendChat(text: string): Promise<{ metrics: { dream: { ran: boolean } } }>;
  friendDreamNow(): Promise<unknown>;
  lockState(): Promise<unknown>;
  cancel(opId: string): Promise<unknown>;
  flush(): Promise<unknown>;
  dataStats(): Promise<{ sizeBytes: number }>;
  friendStats(): Promise<unknown>;
  friendDreams(): Promise<unknown>;
  friendFragments(): Promise<unknown>;
}

interface Dreamlane {
  engine: FriendEngine;
  onEngineEvent?(fn: (e: { type: string; opId?: string }) => void): () => void;
}

/**
 * Tokens per second of teaching `text` to an emptied field: the reset's own save is done before the
 * clock starts, and the text's before this returns, so neither falls into another measure.
 */
function ingestAfterReset(page: Page, text: string, opId: string): Promise<number> {
  return page.evaluate(
    async ({ text, opId }) => {
      const engine = (globalThis as unknown as { dreamlane: Dreamlane }).dreamlane.engine;
      await engine.friendReset();
      await engine.flush();
      const t0 = performance.now();
      const r = await engine.friendIngest(text, opId);
      const rate = r.tokens / ((performance.now() - t0) / 1000);
      await engine.flush();
      return rate;
    },
    { text, opId },
  );
}

/**
 * The same measures in Chromium through the engine worker (Comlink round trips and the saver's
 * IndexedDB snapshots included: at 1M tokens the ~53 MB snapshot competes with the chat turns), on
 * the Friend page, where a person teaches and chats.
 */
export default (async (h, page) => {
  await page.evaluate(() => (location.hash = '#/friend'));
  await page
    .getByRole('heading', { level: 1 })
    .filter({ hasText: /friend/i })
    .waitFor();
  // The page's first ingest compiles the field's code: recorded on its own, then the measured rows
  // start warm, as the Node rows do after their unmeasured ingest.
  const cold = await ingestAfterReset(page, brownText(20_000), 'bench-cold');
  h.record('first ingest of the page, 20k tokens (code not yet compiled)', [cold], 'tokens/s');
  for (const size of [10_000, 100_000, 1_000_000]) {
    const label = size >= 1_000_000 ? '1M' : `${size / 1000}k`;
    const text = brownText(size);
    const out = await page.evaluate(
      async ({ text, prompts, chatTurns }) => {
        const engine = (globalThis as unknown as { dreamlane: Dreamlane }).dreamlane.engine;
        await engine.friendReset();
        // The reset's own save (the whole field erased) is not the ingest's.
        await engine.flush();
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
        const plain: number[] = [];
        for (let i = 0; i < chatTurns; i++) {
          const t = performance.now();
          await engine.friendChat(prompts[i % prompts.length]!);
          plain.push(performance.now() - t);
        }
        const f0 = performance.now();
        await engine.flush();
        const flushMs = performance.now() - f0;
        const { sizeBytes } = await engine.dataStats();
        // What the inspector reads when it refreshes, sent together as the Friend page sends them,
        // and a no-op request sent just after, as a chat turn would be.
        const refresh: number[] = [];
        const behind: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          const reads = Promise.all([engine.friendStats(), engine.friendDreams(), engine.friendFragments()]);
          const ping = engine.lockState().then(() => performance.now() - t);
          await reads;
          refresh.push(performance.now() - t);
          behind.push(await ping);
        }
        return {
          tokens: r.tokens,
          ingestMs,
          turns: turns.slice(1),
          plain,
          flushMs,
          sizeBytes,
          refresh,
          behind,
        };
      },
      { text, prompts: PROMPTS, chatTurns: CHAT_TURNS },
    );
    // At 100k, the same text twice more, each after a reset: one ingest is a single sample on a
    // noisy machine, and the page's first text of a size also maps its tables afresh (later texts
    // reuse the memory). The row's median is of the three.
    const rates = [out.tokens / (out.ingestMs / 1000)];
    for (let again = 1; size === 100_000 && again < 3; again++)
      rates.push(await ingestAfterReset(page, text, `bench-again-${again}`));
    if (rates.length > 1) h.record(`ingest ${label} tokens, the first of the page`, [rates[0]!], 'tokens/s');
    h.record(`ingest ${label} tokens`, rates, 'tokens/s', { tokens: out.tokens, texts: rates.length });
    h.record(`chat turn at ${label} (observe + reply + after-reply + forced dream)`, out.turns, 'ms');
    recordChatTurns(h, label, out.plain);
    h.record(`database size at ${label}`, [out.sizeBytes / 1024 / 1024], 'MB');
    h.record(`snapshot to IndexedDB at ${label}`, [out.flushMs], 'ms');
    h.record(`inspector refresh at ${label} (stats, dialogs, fragments)`, out.refresh, 'ms');
    h.record(`wait of a request sent during an inspector refresh at ${label}`, out.behind, 'ms', {
      max: Math.max(...out.behind),
    });
  }

  // Chat turns sent one after another while a 1M-token text is taught in the worker; with
  // BENCH_PROFILE=friend the worker's CPU is sampled meanwhile (bench/results/friend-teach-chat.cpuprofile).
  const text = brownText(1_000_000);
  const teachAndChat = () =>
    page.evaluate(
      async ({ text, prompts }) => {
        const engine = (globalThis as unknown as { dreamlane: Dreamlane }).dreamlane.engine;
        await engine.friendReset();
        // The reset's own save (the whole field erased) is not the ingest's.
        await engine.flush();
        let done = false;
        const t0 = performance.now();
        const ingest = engine.friendIngest(text, 'bench-during').finally(() => (done = true));
        const latencies: number[] = [];
        const waits: number[] = [];
        const dreamed: boolean[] = [];
        let k = 0;
        while (!done) {
          await new Promise((r) => setTimeout(r, 5 + (k % 4) * 7));
          if (done) break;
          const t = performance.now();
          // A request that does no work of its own, sent just before the turn: its answer comes as
          // soon as the worker gets to it, so its latency is the turn's wait for the teaching.
          const ping = engine.lockState().then(() => performance.now() - t);
          const turn = await engine.friendChat(prompts[k++ % prompts.length]!);
          latencies.push(performance.now() - t);
          waits.push(await ping);
          dreamed.push(turn.metrics.dream.ran);
        }
        const r = await ingest;
        return { latencies, waits, dreamed, tokensPerSecond: r.tokens / ((performance.now() - t0) / 1000) };
      },
      { text, prompts: PROMPTS, chatTurns: CHAT_TURNS },
    );
  const profiling = (process.env.BENCH_PROFILE ?? '').split(',').includes('friend');
  const { result: during, profile } = profiling
    ? await profileWorker(page, 'engine', teachAndChat)
    : { result: await teachAndChat(), profile: null };
  h.record('chat turn while a 1M-token text is taught (latency)', during.latencies, 'ms', {
    turns: during.latencies.length,
    p99: percentile(during.latencies, 0.99),
  });
  recordByDream(h, during.latencies, during.dreamed);
  h.record(
    'wait of a chat turn for the teaching of a 1M-token text (a no-op request sent with each turn)',
    during.waits,
    'ms',
    { target: 'max <= 50', max: Math.max(...during.waits), p99: percentile(during.waits, 0.99) },
  );
  if (profile) {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/friend-teach-chat.cpuprofile', JSON.stringify(profile));
    const summary = profileSummary(profile);
    h.record('engine worker CPU while a 1M-token text is taught with chat', [summary.totalMs], 'ms', summary);
  }
  h.record('ingest 1M tokens with chat turns alongside', [during.tokensPerSecond], 'tokens/s');

  // A paste at the limit: the first progress point, then cancel; a 20 MB paste: refused.
  const limit = 6_000_000;
  const big = text.repeat(Math.ceil(limit / text.length)).slice(0, limit);
  const first = await page.evaluate(
    async ({ big }) => {
      const lane = (globalThis as unknown as { dreamlane: Dreamlane }).dreamlane;
      const t0 = performance.now();
      let firstMs = -1;
      const off = lane.onEngineEvent?.((e) => {
        if (e.type === 'progress' && e.opId === 'bench-first' && firstMs < 0)
          firstMs = performance.now() - t0;
      });
      const p = lane.engine.friendIngest(big, 'bench-first').catch(() => undefined);
      while (firstMs < 0 && performance.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 1));
      await lane.engine.cancel('bench-first');
      await p;
      off?.();
      const t1 = performance.now();
      const refused = await lane.engine
        .friendIngest(big.repeat(4), 'bench-over')
        .then(() => 'accepted')
        .catch((e: { code?: string }) => e.code ?? 'error');
      return { firstMs, refusedMs: performance.now() - t1, refused };
    },
    { big },
  );
  h.record('first progress of a 6,000,000-character paste', [first.firstMs], 'ms');
  h.record('refusal of a 24,000,000-character paste', [first.refusedMs], 'ms', { result: first.refused });
}) satisfies BrowserBench;
