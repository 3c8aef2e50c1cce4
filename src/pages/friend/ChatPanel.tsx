import { useEffect, useRef, useState } from 'react';
import type { FriendMessage, TurnMetrics } from '../../../workers/contract';
import { FRIEND_LIMITS, sizeNote } from './limits';
import { replyLine } from './replyLine';
import { voiceName } from './voices';

interface Props {
  messages: FriendMessage[];
  metrics: ReadonlyMap<number, TurnMetrics>;
  busy: boolean;
  onSend(text: string): Promise<boolean>;
}

/** The conversation with the field: each reply with one plain line of what the field did. */
export function ChatPanel({ messages, metrics, busy, onSend }: Props) {
  const [draft, setDraft] = useState('');
  // No maxLength: a long paste is kept whole and refused with its size, never silently cut.
  const size = sizeNote(draft.length, FRIEND_LIMITS.chatChars);
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [messages.length]);

  return (
    <section className="panel friend-chat" aria-label="Chat">
      <h2>Chat</h2>
      {messages.length === 0 ? (
        <p className="muted">
          The field starts from its origin text and learns from every line. Its replies are strange and
          childlike: that is what a small field of counted words sounds like.
        </p>
      ) : null}
      {/* Focusable so that a keyboard can scroll a long conversation. */}
      <ol className="friend-messages" aria-label="Messages" tabIndex={0}>
        {messages.map((m) => (
          <li key={m.id} className={`friend-message ${m.role}`} data-testid={`message-${m.role}`}>
            <span className="friend-speaker">{voiceName(m.role)}</span>
            <p className="friend-text">{m.text}</p>
            {m.role === 'leo' && (
              <p className="friend-did muted small" data-testid="reply-line">
                {replyLine(m, metrics.get(m.id))}
              </p>
            )}
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="friend-end" />
      </ol>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (size.over) return;
          const text = draft;
          void onSend(text).then((ok) => ok && setDraft(''));
        }}
      >
        <label htmlFor="friend-draft" className="sr-only">
          Message to the field
        </label>
        <input
          id="friend-draft"
          value={draft}
          aria-describedby="friend-draft-size"
          aria-invalid={size.over}
          autoComplete="off"
          placeholder="Say something to the field…"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={busy || draft.trim() === '' || size.over}>
          Send
        </button>
      </form>
      <p
        id="friend-draft-size"
        className={size.over ? 'friend-size-over small' : 'muted small'}
        role={size.over ? 'alert' : undefined}
      >
        {size.text}
      </p>
    </section>
  );
}
