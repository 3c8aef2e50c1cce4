import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import { checkPolicy } from './policy';

const index = JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as Array<{
  file: string;
  title: string;
}>;

describe('the worked examples in public/examples', () => {
  it.each(index)('$file passes the gate and runs to a complete result', async ({ file, title }) => {
    const ex = JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as {
      title: string;
      seed: unknown;
    };
    expect(ex.title).toBe(title);
    const n = normalizeSeed(ex.seed, 0);
    expect(checkPolicy(n.seed)).toBeNull();
    const r = await simulate(n, { clock: new ManualClock() });
    expect(r.partial).toBe(false);
    expect(r.branches.length).toBeGreaterThanOrEqual(5);
    expect(new Set(r.branches.map((b) => b.scores.utility)).size).toBeGreaterThan(1);
  });
});
