import type { LockState, SaveState } from '../../workers/contract';
import { formatTime } from './format';

/** Where the data stands: saved, saving, or failing to save (with the reason and the next retry). */
export function SaveIndicator({ lock, save }: { lock: LockState; save: SaveState | null }) {
  if (lock.role !== 'writer') return <span className="save-state muted">Not writing in this tab</span>;
  if (!save || save.status === 'idle') return <span className="save-state muted">Nothing to save yet</span>;
  switch (save.status) {
    case 'pending':
      return <span className="save-state">Unsaved changes…</span>;
    case 'saving':
      return <span className="save-state">Saving…</span>;
    case 'saved':
      return (
        <span className="save-state ok" data-testid="save-state">
          Saved {save.lastSavedAt ? formatTime(save.lastSavedAt) : ''}
        </span>
      );
    case 'error':
      return (
        <span className="save-state error" role="alert" title={save.error?.message}>
          Not saved: {save.error?.message}
          {save.retryInMs ? ` Retrying in ${Math.round(save.retryInMs / 1000)} s.` : ''}
        </span>
      );
  }
}
