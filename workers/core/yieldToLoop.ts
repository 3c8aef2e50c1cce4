/**
 * Resolves on a later task, so that messages queued meanwhile (a cancel, a chat turn) are handled
 * first. setTimeout(0) is clamped to at least 4 ms once nested, which made a save that yields
 * fifteen times wait 60 ms for nothing; a MessageChannel round trip is not clamped.
 */
export const yieldToLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel !== 'undefined') {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
