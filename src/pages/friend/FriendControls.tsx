import { useState } from 'react';
import type { FriendStats } from '../../../workers/contract';
import { ProgressLine } from '../../components/ProgressLine';
import { FRIEND_LIMITS, sizeNote } from './limits';
import type { FriendController } from './useFriend';

interface Props {
  stats: FriendStats;
  page: FriendController;
}

/** Edit the origin, teach a long text, reset the field. */
export function FriendControls({ stats, page }: Props) {
  const [origin, setOrigin] = useState(stats.origin);
  const [confirmReset, setConfirmReset] = useState(false);
  const [teach, setTeach] = useState('');
  const busy = page.busy;
  const teachSize = sizeNote(teach.length, FRIEND_LIMITS.teachChars);
  const originSize = sizeNote(origin.length, FRIEND_LIMITS.originChars);

  return (
    <div className="friend-controls">
      <h4>
        <label htmlFor="friend-origin">Origin text</label>
      </h4>
      <p className="muted small">
        The field’s first words and its imaginary friend’s identity. Saving a new one teaches it to the field
        once and re-seeds the imaginary friend’s fragments.{' '}
        {stats.originIsDefault ? 'This is the default origin.' : 'This is your origin.'}
      </p>
      <textarea
        id="friend-origin"
        rows={8}
        value={origin}
        onChange={(e) => setOrigin(e.target.value)}
        aria-describedby="friend-origin-size"
        aria-invalid={originSize.over}
      />
      <p id="friend-origin-size" className={originSize.over ? 'friend-size-over small' : 'muted small'}>
        {originSize.text}
      </p>
      <div className="row">
        <button
          type="button"
          disabled={busy || origin.trim() === '' || origin === stats.origin || originSize.over}
          onClick={() => void page.saveOrigin(origin)}
        >
          Save origin
        </button>
      </div>

      <h4>
        <label htmlFor="friend-teach">Teach a text</label>
      </h4>
      <textarea
        id="friend-teach"
        rows={4}
        value={teach}
        onChange={(e) => setTeach(e.target.value)}
        placeholder="Paste a story…"
        aria-describedby="friend-teach-size"
        aria-invalid={teachSize.over}
      />
      <p id="friend-teach-size" className={teachSize.over ? 'friend-size-over small' : 'muted small'}>
        Up to {FRIEND_LIMITS.teachChars.toLocaleString('en-US')} characters (about a million words), read in
        slices with progress. {teach.length > 0 ? teachSize.text : null}
      </p>
      <div className="row">
        <button
          type="button"
          disabled={busy || teach.trim() === '' || teachSize.over}
          onClick={() => {
            // The box is emptied while the text is taught and refilled if it is not learned (unless
            // something new was typed meanwhile): a megabyte-sized text left in it made the browser
            // lay the page out again with every progress update, 50–240 ms a time.
            const text = teach;
            setTeach('');
            void page.teach(text).then((ok) => {
              if (!ok) setTeach((now) => (now === '' ? text : now));
            });
          }}
        >
          Teach
        </button>
      </div>
      <ProgressLine op={page.teaching} label="Teaching" />

      <h4>Reset</h4>
      {confirmReset ? (
        <div className="row">
          <span>Forget every count, message and dream, and start again from the origin?</span>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void page.startOver().then((ok) => ok && setConfirmReset(false))}
          >
            Yes, reset the field
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmReset(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" disabled={busy} onClick={() => setConfirmReset(true)}>
          Reset the field…
        </button>
      )}
    </div>
  );
}
