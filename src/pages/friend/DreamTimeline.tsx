import type { DreamDialog } from '../../../workers/contract';
import { formatDateTime } from '../../components/format';
import { share } from './format';

/** The private side: every dream dialog, newest first, with its turns. */
export function DreamTimeline({ dialogs }: { dialogs: DreamDialog[] }) {
  if (dialogs.length === 0) {
    return <p className="muted">No dreams yet. They come after some replies, or when you ask for one.</p>;
  }
  return (
    <ol className="friend-timeline" aria-label="Dream dialogs">
      {dialogs.map((d) => (
        <li key={d.id} data-testid="dream-dialog">
          <h4>
            Dialog #{d.id}{' '}
            <span className="muted">
              · {formatDateTime(d.startedAt)} · {d.note}
            </span>
          </h4>
          <p className="muted">
            {d.episodesCount} turns · trauma {share(d.avgTrauma)} · arousal {share(d.avgArousal)}
          </p>
          <ol className="friend-turns">
            {d.turns.map((t) => (
              <li key={t.id} className={`friend-turn ${t.speaker}`} data-testid="dream-turn">
                <span className="friend-speaker">{t.speaker}</span> <span>{t.text}</span>{' '}
                <span className="muted small">
                  (n {share(t.pulse.novelty)}, a {share(t.pulse.arousal)}, e {share(t.pulse.entropy)}, t{' '}
                  {share(t.trauma)})
                </span>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
