/**
 * Resolves on a later task, so that messages queued meanwhile (a cancel, a chat turn) are handled
 * first. setTimeout(0) is clamped to at least 4 ms once nested, which made a save that yields
 * fifteen times wait 60 ms for nothing; a MessageChannel round trip is not clamped.
 *
 * Not one channel shared by every pause: a port hands over the messages queued on it several at a
 * time, and a pause posted while the port's last message is handled is one of them, so work that
 * pauses on one port again and again keeps other tasks waiting. In Node a timer waited a thousand
 * pauses; in a Chromium worker, while a text was taught from the Friend page, a request from the
 * page waited 0.8–1.7 s in four runs of five. Two channels taking turns (each pause goes to the
 * channel whose message is not being handled) give every pause a task of its own.
 *
 * Nor a new channel per pause, as before: each leaves two ports for Blink's collector, and the
 * thousands a 1M-token text makes were most of a 55 ms pause of the engine's thread when V8's full
 * collection ended (the embedder's epilogue: 38.6 ms); with two channels that collection took 10 ms,
 * and the text went faster.
 *
 * Nor `scheduler.postTask`, which Chromium's workers have: in a bare loop it kept a message from the
 * page waiting at most 4 ms against 25 ms for channels, but with a 1M-token text taught alongside chat
 * turns the text took half as long again and the turns' longest waits doubled (123 ms against 58).
 */
export const yieldToLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    ring ??= [openTurn(0), openTurn(1)];
    // The other channel than the one whose message is being handled now: a pause posted to that one
    // would be handed over in the same task (see above).
    const turn = ring[dispatching === 0 ? 1 : 0]!;
    if (turn.waiting.length === 0) turn.port.ref?.();
    turn.waiting.push(resolve);
    turn.send.postMessage(null);
  });

/** One of the two channels pauses take turns on, with the pauses waiting for its messages, in order. */
interface Turn {
  port: MessagePort & { ref?(): void; unref?(): void };
  send: MessagePort;
  waiting: Array<() => void>;
}

let ring: [Turn, Turn] | null = null;
/** The channel whose message was handled last: pauses asked for meanwhile go to the other one. */
let dispatching = -1;

function openTurn(index: number): Turn {
  const ch = new MessageChannel();
  const turn: Turn = { port: ch.port1, send: ch.port2, waiting: [] };
  ch.port1.onmessage = () => {
    dispatching = index;
    const resolve = turn.waiting.shift();
    // Under Node a port that listens keeps the process alive: only while a pause waits on it.
    if (turn.waiting.length === 0) turn.port.unref?.();
    resolve?.();
  };
  turn.port.unref?.();
  return turn;
}
