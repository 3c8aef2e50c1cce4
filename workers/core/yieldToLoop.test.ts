import { describe, expect, it } from 'vitest';
import { yieldToLoop } from './yieldToLoop';

describe('yieldToLoop', () => {
  it('lets a message sent before it be handled first, and answers callers in order', async () => {
    const order: string[] = [];
    const other = new MessageChannel();
    const handled = new Promise<void>((resolve) => {
      other.port1.onmessage = () => {
        order.push('message');
        other.port1.close();
        resolve();
      };
    });
    other.port2.postMessage(null);
    const a = yieldToLoop().then(() => order.push('a'));
    const b = yieldToLoop().then(() => order.push('b'));
    void Promise.resolve().then(() => order.push('microtask'));
    await Promise.all([a, b, handled]);
    expect(order).toEqual(['microtask', 'message', 'a', 'b']);
    // The shared channel serves later yields too.
    await yieldToLoop();
    await Promise.all([yieldToLoop(), yieldToLoop()]);
  });
});
