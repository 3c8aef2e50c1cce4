import { useCallback, useEffect, useState } from 'react';
import type { DreamDialog, FriendFragments, FriendMessage, FriendStats } from '../../workers/contract';
import { useAction } from '../components/useAction';
import { engine, errorMessage } from '../engine';
import { ChatPanel } from './friend/ChatPanel';
import { Inspector } from './friend/Inspector';
import './friend/friend.css';

/** A chat with the dream-friend field, and an inspector that opens its private side. */
export function FriendPage() {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<FriendMessage[]>([]);
  const [stats, setStats] = useState<FriendStats | null>(null);
  const [dialogs, setDialogs] = useState<DreamDialog[]>([]);
  const [fragments, setFragments] = useState<FriendFragments>({ fragments: [], history: [] });

  // The inspector's views count whole tables, so they are read only while it is open.
  const refresh = useCallback(async () => {
    if (!open) {
      setMessages(await engine.friendHistory());
      return;
    }
    const [h, s, d, f] = await Promise.all([
      engine.friendHistory(),
      engine.friendStats(),
      engine.friendDreams(),
      engine.friendFragments(),
    ]);
    setMessages(h);
    setStats(s);
    setDialogs(d);
    setFragments(f);
  }, [open]);

  const { busy, message, setMessage, act } = useAction(refresh);

  useEffect(() => {
    refresh().catch((err: unknown) => setMessage({ kind: 'error', text: errorMessage(err) }));
  }, [refresh, setMessage]);

  const send = async (text: string): Promise<boolean> => {
    let ok = false;
    await act(async () => {
      await engine.friendChat(text);
      ok = true;
    });
    return ok;
  };

  return (
    <section className="friend-page">
      <div className="row">
        <h1>Friend</h1>
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls="friend-inspector"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Close inspector' : 'Open inspector'}
        </button>
      </div>
      <p className="privacy-note">
        A small field of words that learns from what you say, and an imaginary friend it talks with in
        private. Everything is counted here, in this browser.
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`banner ${message.kind}`}>
          {message.text}
        </p>
      )}
      <div className={`friend-layout${open ? ' open' : ''}`}>
        <ChatPanel messages={messages} busy={busy} onSend={send} />
        {open && stats && (
          <Inspector stats={stats} dialogs={dialogs} fragments={fragments} busy={busy} act={act} />
        )}
      </div>
    </section>
  );
}
