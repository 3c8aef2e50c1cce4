import { useState } from 'react';
import type { FriendStats } from '../../../workers/contract';
import { ProgressLine } from '../../components/ProgressLine';
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
        maxLength={50000}
      />
      <div className="row">
        <button
          type="button"
          disabled={busy || origin.trim() === '' || origin === stats.origin}
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
      />
      <div className="row">
        <button
          type="button"
          disabled={busy || teach.trim() === ''}
          onClick={() => void page.teach(teach).then((ok) => ok && setTeach(''))}
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
