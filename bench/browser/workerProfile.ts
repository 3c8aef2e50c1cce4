import type { Page } from '@playwright/test';

/** A CPU profile as the DevTools protocol returns it (the parts read here). */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Samples the engine worker's CPU through the DevTools protocol while `run` runs. Playwright gives a
 * protocol session for a page, not for a dedicated worker, so the worker is reached through the page
 * session's target messages (auto-attach without flattening). Returns the profile, or null when no
 * worker whose URL contains `urlPart` answered.
 */
export async function profileWorker<T>(
  page: Page,
  urlPart: string,
  run: () => Promise<T>,
  intervalUs = 250,
): Promise<{ result: T; profile: CpuProfile | null }> {
  const cdp = await page.context().newCDPSession(page);
  let sessionId: string | null = null;
  let nextId = 1;
  const waiting = new Map<number, (m: { result?: unknown }) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes(urlPart)) sessionId = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
    if (m.id !== undefined) waiting.delete(m.id);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<{ result?: unknown }>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: sessionId!,
        message: JSON.stringify({ id, method, params }),
      });
    });
  try {
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    for (let i = 0; i < 50 && sessionId === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (sessionId === null) return { result: await run(), profile: null };
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: intervalUs });
    await send('Profiler.start');
    const result = await run();
    const stopped = (await send('Profiler.stop')).result as { profile: CpuProfile };
    return { result, profile: stopped.profile };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Where a profile's time went: the share spent in the garbage collector and the functions with the
 * most self time (name and file), in milliseconds.
 */
export function profileSummary(p: CpuProfile, top = 12): { totalMs: number; gcMs: number; self: string[] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = byId.get(p.samples[i]!)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}`.trim();
    if (name === '(idle)') continue;
    total += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  return {
    totalMs: Math.round(total),
    gcMs: Math.round(self.get('(garbage collector)') ?? 0),
    self: [...self]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([k, v]) => `${k}: ${Math.round(v)}`),
  };
}
