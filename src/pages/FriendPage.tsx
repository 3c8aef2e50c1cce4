import { ChatPanel } from './friend/ChatPanel';
import { Inspector } from './friend/Inspector';
import { WordView } from './friend/WordView';
import { useFriend } from './friend/useFriend';
import './friend/friend.css';

/** A chat with the answering field, and an inspector that opens its private side with its imaginary friend. */
export function FriendPage() {
  const page = useFriend();
  const { message } = page;
  return (
    <section className="friend-page">
      <div className="row">
        <h1>Friend</h1>
        <button type="button" disabled={page.busy} onClick={() => void page.dreamNow()}>
          Dream now
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={page.open}
          aria-controls="friend-inspector"
          onClick={page.toggleInspector}
        >
          {page.open ? 'Close inspector' : 'Open inspector'}
        </button>
      </div>
      <p className="privacy-note">
        A small field of words that learns from what you say, and an imaginary friend it talks with in private
        (“Dream now” asks for one of their talks). Everything is counted here, in this browser.
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`banner ${message.kind}`}>
          {message.text}
        </p>
      )}
      <div className={`friend-layout${page.open ? ' open' : ''}`}>
        <div className="friend-main">
          <ChatPanel messages={page.messages} metrics={page.metrics} busy={page.busy} onSend={page.send} />
          <WordView busy={page.busy} attempt={page.attempt} />
        </div>
        {page.inspector && <Inspector data={page.inspector} page={page} />}
      </div>
    </section>
  );
}
