import type { DreamDialog } from '../../../workers/contract';
import { formatDateTime, formatFixed } from '../../components/format';
import { dreamReason } from './dreamReasons';
import { voiceName } from './voices';

/** The private side: every dream dialog, newest first, with its turns. */
export function DreamTimeline({ dialogs }: { dialogs: DreamDialog[] }) {
  if (dialogs.length === 0) {
    return <p className="muted">No dreams yet. They come after some replies, or when you ask for one.</p>;
  }
  return (
    // Focusable so that a keyboard can scroll the list.
    <ol className="friend-timeline" aria-label="Dream dialogs" tabIndex={0}>
      {dialogs.map((d) => (
        <li key={d.id} data-testid="dream-dialog">
          <h4>
            Dialog #{d.id} <span className="muted">· {formatDateTime(d.startedAt)}</span>
          </h4>
          <p className="muted small">
            {dreamReason(d.note)} · {d.episodesCount} turns · pull of the origin {formatFixed(d.avgTrauma)} on
            average · stirred {formatFixed(d.avgArousal)} on average
          </p>
          <ol className="friend-turns">
            {d.turns.map((t) => (
              <li key={t.id} className={`friend-turn ${t.speaker}`} data-testid="dream-turn">
                <span className="friend-speaker">{voiceName(t.speaker)}</span> <span>{t.text}</span>
                <span className="friend-turn-metrics muted small">
                  new {formatFixed(t.pulse.novelty)} · stirred {formatFixed(t.pulse.arousal)} · unsure{' '}
                  {formatFixed(t.pulse.entropy)} · pull of the origin {formatFixed(t.trauma)}
                </span>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
