import { describe, expect, it } from 'vitest';
import { WriteQueue } from './writeQueue';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WriteQueue', () => {
  it('runs tasks one at a time in the order queued, even when earlier ones are slower', async () => {
    const q = new WriteQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      q.enqueue(task('a', 30)),
      q.enqueue(task('b', 1)),
      q.enqueue(task('c', 10)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a failing task and reports the failure to its caller only', async () => {
    const q = new WriteQueue();
    const failing = q.enqueue(() => {
      throw new Error('boom');
    });
    const next = q.enqueue(() => 7);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(7);
    await q.idle();
    expect(q.size).toBe(0);
  });
});
