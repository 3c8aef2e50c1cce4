import { useState } from 'react';
import type { FriendStats } from '../../../workers/contract';
import { engine, newOpId, onEngineEvent } from '../../engine';
import { FRIEND_LIMITS, sizeNote } from './limits';

interface Props {
  stats: FriendStats;
  busy: boolean;
  act(fn: () => Promise<string | void>): Promise<void>;
}

/** Edit the origin, teach a long text, reset the field. */
export function FriendControls({ stats, busy, act }: Props) {
  const [origin, setOrigin] = useState(stats.origin);
  const [confirmReset, setConfirmReset] = useState(false);
  const [teach, setTeach] = useState('');
  const [progress, setProgress] = useState<{ opId: string; current: number; total: number } | null>(null);

  const teachSize = sizeNote(teach.length, FRIEND_LIMITS.teachChars);
  const originSize = sizeNote(origin.length, FRIEND_LIMITS.originChars);

  const ingest = () =>
    act(async () => {
      const opId = newOpId('friend-ingest');
      setProgress({ opId, current: 0, total: 1 });
      const off = onEngineEvent((e) => {
        if (e.type === 'progress' && e.opId === opId)
          setProgress({ opId, current: e.current, total: e.total });
      });
      try {
        const r = await engine.friendIngest(teach, opId);
        setTeach('');
        return `Learned ${r.tokens.toLocaleString()} tokens in ${r.observations} observations.`;
      } finally {
        off();
        setProgress(null);
      }
    });

  return (
    <div className="friend-controls">
      <h4>
        <label htmlFor="friend-origin">Origin text</label>
      </h4>
      <p className="muted small">
        The field’s first words and the friend’s identity. Saving a new one teaches it to the field once and
        re-seeds the friend’s fragments.{' '}
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
          onClick={() =>
            void act(async () => {
              await engine.friendSetOrigin(origin);
              return 'The new origin was learned.';
            })
          }
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
          onClick={() => void ingest()}
        >
          Teach
        </button>
        {progress && (
          <>
            <progress max={progress.total} value={progress.current} aria-label="Teaching progress" />
            <button type="button" className="secondary" onClick={() => void engine.cancel(progress.opId)}>
              Cancel
            </button>
          </>
        )}
      </div>

      <h4>Reset</h4>
      {confirmReset ? (
        <div className="row">
          <span>Forget every count, message and dream, and start again from the origin?</span>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await engine.friendReset();
                setConfirmReset(false);
                return 'The field starts again from its origin.';
              })
            }
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
