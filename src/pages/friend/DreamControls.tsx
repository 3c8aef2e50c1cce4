import { useState } from 'react';
import { engine } from '../../engine';

interface Props {
  dreamsEnabled: boolean;
  busy: boolean;
  act(fn: () => Promise<string | void>): Promise<void>;
}

/** Dream now (bypassing the gates) and the switch for dreams after replies. */
export function DreamControls({ dreamsEnabled, busy, act }: Props) {
  // Shown at once; put back if the engine refuses.
  const [dreamsOn, setDreamsOn] = useState(dreamsEnabled);
  return (
    <div className="row">
      <button
        type="button"
        disabled={busy}
        onClick={() => void act(async () => (await engine.friendDreamNow()).reason)}
      >
        Dream now
      </button>
      <label className="friend-toggle">
        <input
          type="checkbox"
          checked={dreamsOn}
          disabled={busy}
          onChange={(e) => {
            const on = e.target.checked;
            setDreamsOn(on);
            void act(async () => {
              try {
                await engine.friendSetDreamsEnabled(on);
              } catch (err) {
                setDreamsOn(!on);
                throw err;
              }
              return on ? 'Dreams are on.' : 'Dreams are off: the chat goes on without them.';
            });
          }}
        />{' '}
        Dreams after replies
      </label>
    </div>
  );
}
