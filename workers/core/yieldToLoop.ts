/**
 * Resolves on a later task, so that messages queued meanwhile (a cancel, a chat turn) are handled
 * first. setTimeout(0) is clamped to at least 4 ms once nested, which made a save that yields
 * fifteen times wait 60 ms for nothing; a MessageChannel round trip is not clamped.
 *
 * In a browser one channel serves every pause: a message per pause, answered in order (a port
 * delivers its messages in the order they were sent, each as a task of its own). A new channel per
 * pause cost a round trip of 38–50 µs in a Chromium worker against 11 µs, and left two ports behind
 * each time: teaching a long text pauses thousands of times, and the browser's collector then
 * finalised those ports in pauses of its own. Node's ports are another matter: a port hands over
 * every message queued on it in one go, before timers and other I/O, so pauses on one port would
 * starve them; there each pause keeps a channel of its own.
 */

/** Node's ports have `ref`/`unref` (they keep the process alive while referenced); a browser's do not. */
type NodePort = MessagePort & { ref?: () => void; unref?: () => void };

let shared: { port: NodePort; send: MessagePort } | null | undefined;
const waiting: Array<() => void> = [];

/** The shared channel, or null where pauses need a channel each (Node). */
function sharedChannel(): { port: NodePort; send: MessagePort } | null {
  if (shared !== undefined) return shared;
  const ch = new MessageChannel();
  const port = ch.port1 as NodePort;
  if (typeof port.unref === 'function') {
    ch.port1.close();
    return (shared = null);
  }
  port.onmessage = () => waiting.shift()?.();
  return (shared = { port, send: ch.port2 });
}

export const yieldToLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = sharedChannel();
    if (channel) {
      waiting.push(resolve);
      channel.send.postMessage(null);
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
