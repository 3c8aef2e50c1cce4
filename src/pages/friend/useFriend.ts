import { useCallback, useEffect, useState } from 'react';
import type {
  DreamDialog,
  FriendFragments,
  FriendMessage,
  FriendStats,
  TurnMetrics,
} from '../../../workers/contract';
import { useAction } from '../../components/useAction';
import { useOperation } from '../../components/useOperation';
import { engine, errorMessage } from '../../engine';

/** What the inspector shows; read only while it is open, because its views count whole tables. */
interface InspectorData {
  stats: FriendStats;
  dialogs: DreamDialog[];
  fragments: FriendFragments;
}

/**
 * The Friend page's controller: the conversation, the inspector's data and every action. A chat turn
 * appends the two messages the engine returns; the history is read once, when the page opens.
 */
export function useFriend() {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<FriendMessage[]>([]);
  /** What the field did in each turn of this visit, by reply id (older replies have only their row). */
  const [metrics, setMetrics] = useState<ReadonlyMap<number, TurnMetrics>>(new Map());
  const [inspector, setInspector] = useState<InspectorData | null>(null);
  const teaching = useOperation('friend-ingest');

  const readInspector = useCallback(async () => {
    if (!open) return;
    const [stats, dialogs, fragments] = await Promise.all([
      engine.friendStats(),
      engine.friendDreams(),
      engine.friendFragments(),
    ]);
    setInspector({ stats, dialogs, fragments });
  }, [open]);

  const { busy, message, setMessage, act } = useAction(readInspector);
  const fail = useCallback(
    (err: unknown) => setMessage({ kind: 'error', text: errorMessage(err) }),
    [setMessage],
  );

  useEffect(() => {
    engine.friendHistory().then(setMessages, fail);
  }, [fail]);

  useEffect(() => {
    readInspector().catch(fail);
  }, [readInspector, fail]);

  /** Runs one action; resolves true when it succeeded (its message or error is shown either way). */
  const attempt = async (fn: () => Promise<string | void>): Promise<boolean> => {
    let ok = false;
    await act(async () => {
      const text = await fn();
      ok = true;
      return text;
    });
    return ok;
  };

  const send = (text: string) =>
    attempt(async () => {
      const turn = await engine.friendChat(text);
      setMessages((m) => [...m, turn.user, turn.reply]);
      setMetrics((m) => new Map(m).set(turn.reply.id, turn.metrics));
    });

  const dreamNow = () => attempt(async () => (await engine.friendDreamNow()).reason);

  const setDreamsEnabled = (on: boolean) =>
    attempt(async () => {
      await engine.friendSetDreamsEnabled(on);
      return on ? 'Dreams are on.' : 'Dreams are off: the chat goes on without them.';
    });

  const saveOrigin = (origin: string) =>
    attempt(async () => {
      await engine.friendSetOrigin(origin);
      return 'The new origin was learned.';
    });

  const startOver = () =>
    attempt(async () => {
      await engine.friendReset();
      setMessages([]);
      setMetrics(new Map());
      return 'The field starts again from its origin.';
    });

  /** Teaches a long text, following its progress. */
  const teach = (text: string) =>
    attempt(async () => {
      const r = await teaching.start((opId) => engine.friendIngest(text, opId));
      return `Learned ${r.tokens.toLocaleString()} tokens in ${r.observations} observations.`;
    });

  return {
    open,
    toggleInspector: () => setOpen((o) => !o),
    messages,
    metrics,
    inspector: open ? inspector : null,
    busy,
    message,
    teaching,
    attempt,
    send,
    dreamNow,
    setDreamsEnabled,
    saveOrigin,
    startOver,
    teach,
  };
}

export type FriendController = ReturnType<typeof useFriend>;
