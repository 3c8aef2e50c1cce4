import { describe, expect, it } from 'vitest';
import { yieldToLoop } from './yieldToLoop';

const portsHeld = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe('yieldToLoop', () => {
  it('answers many pauses in the order they were asked, each on a later task', async () => {
    const order: number[] = [];
    let sync = true;
    const all = Array.from({ length: 50 }, (_, i) => yieldToLoop().then(() => order.push(i)));
    const laterTask = new Promise<void>((resolve) => setImmediate(resolve));
    sync = false;
    await Promise.all(all);
    expect(sync).toBe(false);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await laterTask;
  });

  it('lets two pieces of work that pause take turns', async () => {
    const seen: string[] = [];
    const work = async (name: string) => {
      for (let i = 0; i < 4; i++) {
        seen.push(name);
        await yieldToLoop();
      }
    };
    await Promise.all([work('teach'), work('chat')]);
    expect(seen).toEqual(['teach', 'chat', 'teach', 'chat', 'teach', 'chat', 'teach', 'chat']);
  });

  it('keeps the process alive only while a pause waits', async () => {
    await yieldToLoop();
    const idle = portsHeld();
    const pending = yieldToLoop();
    expect(portsHeld()).toBe(idle + 1);
    await pending;
    expect(portsHeld()).toBe(idle);
  });
});
