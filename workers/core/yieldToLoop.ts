/**
 * Resolves on a later task, so that messages queued meanwhile (a cancel, a chat turn) are handled
 * first. setTimeout(0) is clamped to at least 4 ms once nested, which made a save that yields
 * fifteen times wait 60 ms for nothing; a MessageChannel round trip is not clamped.
 *
 * One channel serves every yield (a message per waiting caller, answered in order): making a channel
 * for each took about as long as the round trip itself. In Node an open port keeps the process
 * alive, so the port holds the event loop only while someone waits.
 */
type NodePort = MessagePort & { ref?: () => void; unref?: () => void };

let port: { send: NodePort; receive: NodePort } | null = null;
const waiting: Array<() => void> = [];

function channel(): { send: NodePort; receive: NodePort } {
  if (!port) {
    const ch = new MessageChannel();
    const receive = ch.port1 as NodePort;
    receive.onmessage = () => {
      const resolve = waiting.shift();
      if (waiting.length === 0) receive.unref?.();
      resolve?.();
    };
    receive.unref?.();
    port = { send: ch.port2 as NodePort, receive };
  }
  return port;
}

export const yieldToLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel !== 'undefined') {
      const { send, receive } = channel();
      if (waiting.length === 0) receive.ref?.();
      waiting.push(resolve);
      send.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
