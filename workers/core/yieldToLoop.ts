/**
 * Resolves on a later task, so that messages queued meanwhile (a cancel, a chat turn) are handled
 * first. setTimeout(0) is clamped to at least 4 ms once nested, which made a save that yields
 * fifteen times wait 60 ms for nothing; a MessageChannel round trip is not clamped.
 *
 * A channel per pause, not one shared by every pause: a port hands over the messages queued on it
 * several at a time, so work that pauses on one port again and again keeps other tasks waiting. In
 * Node a timer waited a thousand pauses; in a Chromium worker, while a text was taught from the
 * Friend page, a request from the page waited 0.8–1.7 s in four runs of five (with a channel per
 * pause, once in three runs: that wait was the page's own, see TeachBox.tsx).
 *
 * Nor `scheduler.postTask`, which Chromium's workers have: in a bare loop it kept a message from the
 * page waiting at most 4 ms against 25 ms for channels, but with a 1M-token text taught alongside chat
 * turns the text took half as long again and the turns' longest waits doubled (123 ms against 58).
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
