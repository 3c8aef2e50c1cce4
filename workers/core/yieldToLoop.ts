/**
 * Resolves on a later task, so that messages queued meanwhile (a cancel, a chat turn) are handled
 * first. setTimeout(0) is clamped to at least 4 ms once nested, which made a save that yields
 * fifteen times wait 60 ms for nothing; a MessageChannel round trip is not clamped.
 *
 * One channel serves every pause: a message per pause, answered in order (a port delivers its
 * messages in the order they were sent). A new channel per pause cost a round trip of 38–50 µs in
 * a Chromium worker against 11 µs, and left two ports behind each time: teaching a long text pauses
 * thousands of times, and the browser's collector then finalised those ports in pauses of its own.
 */

interface Channel {
  port: MessagePort;
  send: MessagePort;
}

let channel: Channel | null = null;
const waiting: Array<() => void> = [];

/** Node's ports keep the process alive while referenced: only while a pause waits. */
type NodePort = MessagePort & { ref?: () => void; unref?: () => void };

function open(): Channel {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    const resolve = waiting.shift();
    if (waiting.length === 0) (ch.port1 as NodePort).unref?.();
    resolve?.();
  };
  (ch.port1 as NodePort).unref?.();
  return { port: ch.port1, send: ch.port2 };
}

export const yieldToLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    channel ??= open();
    if (waiting.length === 0) (channel.port as NodePort).ref?.();
    waiting.push(resolve);
    channel.send.postMessage(null);
  });
