import { useState } from 'react';
import type { FriendStats } from '../../../workers/contract';
import { FRIEND_LIMITS, sizeNote } from './limits';
import { TeachBox } from './TeachBox';
import type { FriendController } from './useFriend';

interface Props {
  stats: FriendStats;
  page: FriendController;
}

/** Edit the origin, teach a long text, reset the field. */
export function FriendControls({ stats, page }: Props) {
  const [origin, setOrigin] = useState(stats.origin);
  const [confirmReset, setConfirmReset] = useState(false);
  const busy = page.busy;
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

      <TeachBox page={page} />

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
