import { useState } from 'react';
import type { FriendController } from './useFriend';

interface Props {
  dreamsEnabled: boolean;
  page: FriendController;
}

/** The switch for dreams after replies ("Dream now" sits beside the chat, so it needs no inspector). */
export function DreamControls({ dreamsEnabled, page }: Props) {
  // Shown at once; put back if the engine refuses.
  const [dreamsOn, setDreamsOn] = useState(dreamsEnabled);
  return (
    <div className="row">
      <label className="friend-toggle">
        <input
          type="checkbox"
          checked={dreamsOn}
          disabled={page.busy}
          onChange={(e) => {
            const on = e.target.checked;
            setDreamsOn(on);
            void page.setDreamsEnabled(on).then((ok) => ok || setDreamsOn(!on));
          }}
        />{' '}
        Dreams after replies
      </label>
    </div>
  );
}
