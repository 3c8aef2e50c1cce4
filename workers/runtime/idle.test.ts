import { describe, expect, it } from 'vitest';
import { IdleScheduler } from './idle';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('IdleScheduler', () => {
  it('holds idle work back while a request is in progress, and resumes after it', async () => {
    const idle = new IdleScheduler();
    const log: string[] = [];
    idle.enter();
    const task = idle.runOnce('t', async (next) => {
      await next();
      log.push('piece 1');
      await next();
      log.push('piece 2');
    });
    await tick();
    expect(log).toEqual([]);
    idle.leave();
    await task;
    expect(log).toEqual(['piece 1', 'piece 2']);
  });

  it('waits while the background is not quiet', async () => {
    let quiet = false;
    const idle = new IdleScheduler(() => quiet);
    let ran = false;
    void idle.idle().then(() => (ran = true));
    await tick();
    expect(ran).toBe(false);
    quiet = true;
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toBe(true);
  });

  it('waits for a pause in the requests before quiet work, then runs it piece after piece', async () => {
    const idle = new IdleScheduler();
    const log: string[] = [];
    const task = idle.runOnce('q', async () => {
      for (let i = 1; i <= 3; i++) {
        await idle.quietFor(60);
        log.push(`piece ${i}`);
      }
    });
    // Requests one after another, 20 ms apart: never 60 ms of quiet.
    for (let i = 0; i < 6; i++) {
      idle.enter();
      idle.leave();
      await new Promise((r) => setTimeout(r, 20));
      expect(log).toEqual([]);
    }
    await task;
    expect(log).toEqual(['piece 1', 'piece 2', 'piece 3']);
    // A request after them: the next quiet piece waits for a pause again.
    idle.enter();
    idle.leave();
    let ran = false;
    void idle.quietFor(60).then(() => (ran = true));
    await tick();
    expect(ran).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(ran).toBe(true);
  });

  it('runs a task asked for again once more after the run under way, however often it was asked', async () => {
    const idle = new IdleScheduler();
    let runs = 0;
    const task = async () => {
      runs++;
      await idle.idle();
      if (runs === 1) throw new Error('boom');
    };
    void idle.runAgain('r', task);
    void idle.runAgain('r', task);
    void idle.runAgain('r', task);
    await idle.settled();
    // The first run (failed, swallowed) and one more for the two asks during it.
    expect(runs).toBe(2);
    await idle.runAgain('r', task);
    expect(runs).toBe(3);
  });

  it('starts a named task once and swallows its failure', async () => {
    const idle = new IdleScheduler();
    let runs = 0;
    const fail = async () => {
      runs++;
      throw new Error('boom');
    };
    await idle.runOnce('x', fail);
    await idle.runOnce('x', fail);
    await idle.settled();
    expect(runs).toBe(1);
  });
});
