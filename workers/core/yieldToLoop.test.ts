import { describe, expect, it } from 'vitest';
import { yieldToLoop } from './yieldToLoop';

describe('yieldToLoop', () => {
  it('resolves on a later task', async () => {
    let sync = true;
    const paused = yieldToLoop().then(() => sync);
    sync = false;
    expect(await paused).toBe(false);
  });

  it('lets a timer run between pauses: work that pauses often does not starve it', async () => {
    let fired = -1;
    let pauses = 0;
    setTimeout(() => (fired = pauses), 0);
    // The timer is due before the first pause: the count below is of pauses it waited behind once
    // due, not of how many pauses fit in the millisecond a timer takes to fall due.
    const t0 = performance.now();
    while (performance.now() - t0 < 5);
    for (; pauses < 2000 && fired < 0; pauses++) await yieldToLoop();
    expect(fired).toBeGreaterThanOrEqual(0);
    // On one shared port Node hands over a thousand messages before the timer gets its turn.
    expect(fired).toBeLessThan(50);
  });
});
