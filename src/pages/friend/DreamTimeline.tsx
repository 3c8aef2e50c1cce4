import type { DreamDialog } from '../../../workers/contract';
import { formatDateTime, share } from '../../components/format';
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
            {dreamReason(d.note)} · {d.episodesCount} turns · pull of the origin {share(d.avgTrauma)} on
            average · stirred {share(d.avgArousal)} on average
          </p>
          <ol className="friend-turns">
            {d.turns.map((t) => (
              <li key={t.id} className={`friend-turn ${t.speaker}`} data-testid="dream-turn">
                <span className="friend-speaker">{voiceName(t.speaker)}</span> <span>{t.text}</span>
                <span className="friend-turn-metrics muted small">
                  new {share(t.pulse.novelty)} · stirred {share(t.pulse.arousal)} · unsure{' '}
                  {share(t.pulse.entropy)} · pull of the origin {share(t.trauma)}
                </span>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
