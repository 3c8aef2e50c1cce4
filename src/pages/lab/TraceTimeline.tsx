import { formatSeconds } from '../../components/format';
import type { TraceEvent } from '../../../workers/contract';

export function TraceTimeline({ events }: { events: TraceEvent[] }) {
  const t0 = events[0]?.at_ms ?? 0;
  return (
    <ol className="timeline" aria-label="Trace">
      {events.map((e) => (
        <li key={e.id}>
          <span className="when">+{formatSeconds(e.at_ms - t0)}</span> <strong>{e.kind}</strong>{' '}
          <span className="muted small">
            {Object.entries(e.data)
              .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ol>
  );
}
