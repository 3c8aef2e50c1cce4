import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonicalJson';
import { ManualClock } from '../core/clock';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';

const seed = JSON.parse(readFileSync('public/examples/pricing.json', 'utf8')).seed as unknown;

describe('determinism', () => {
  it('gives the same bytes however the rollouts are batched', async () => {
    const n = normalizeSeed(seed, 0);
    const a = await simulate(n, { clock: new ManualClock(), batch: 8192 });
    const b = await simulate(n, { clock: new ManualClock(), batch: 777 });
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it("takes timestamps from the seed's pinned clock, and the trace id ignores the clock", async () => {
    const a = normalizeSeed({ ...(seed as object), clock_ms: 1 }, 0);
    const b = normalizeSeed({ ...(seed as object), clock_ms: 2 }, 0);
    expect(a.traceId).toBe(b.traceId);
    const ra = await simulate(a, { clock: new ManualClock() });
    expect(ra.created_ts).toBe(1);
    expect(ra.matada_nodes.every((node) => node.timestamps.created_ts === 1)).toBe(true);
  });

  it('normalising a normalised seed changes nothing (share links reproduce)', () => {
    const once = normalizeSeed(seed, 5);
    const twice = normalizeSeed(JSON.parse(canonicalJson(once.seed)), 9);
    expect(canonicalJson(twice.seed)).toBe(canonicalJson(once.seed));
    expect(twice.traceId).toBe(once.traceId);
    const noModel = normalizeSeed(
      { goal: 'g', context: { k: 1 }, constraints: { consent: { scopes: [] } } },
      5,
    );
    const again = normalizeSeed(JSON.parse(canonicalJson(noModel.seed)), 9);
    expect(again.modelIsDefault).toBe(true);
    expect(canonicalJson(again.seed)).toBe(canonicalJson(noModel.seed));
  });
});
