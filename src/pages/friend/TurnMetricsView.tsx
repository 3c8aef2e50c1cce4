import type { FriendMessage, TurnMetrics } from '../../../workers/contract';
import { formatFixed } from '../../components/format';
import { EXPERT_NAMES, expertWay } from './expertWays';

interface Props {
  reply: FriendMessage | null;
  metrics?: TurnMetrics;
}

/** The presence of the last turn, in plain words first and the design's names after them. */
export function TurnMetricsView({ reply, metrics }: Props) {
  if (!reply?.pulse) return <p className="muted">No reply yet: say something to the field.</p>;
  const weights = metrics?.expertWeights;
  return (
    <div>
      <dl className="facts friend-turn-facts" aria-label="Last turn">
        {reply.expert && (
          <>
            <dt>Way of answering (expert)</dt>
            <dd data-testid="metric-expert">{reply.expert}</dd>
          </>
        )}
        <dt>New to the field (novelty)</dt>
        <dd data-testid="metric-novelty">{formatFixed(reply.pulse.novelty)}</dd>
        <dt>Stirred up: capitals, “!”, repeats (arousal)</dt>
        <dd data-testid="metric-arousal">{formatFixed(reply.pulse.arousal)}</dd>
        <dt>Unsure of its next word (entropy)</dt>
        <dd data-testid="metric-entropy">{formatFixed(reply.pulse.entropy)}</dd>
        <dt>Pull of its origin (trauma)</dt>
        <dd data-testid="metric-trauma">{formatFixed(reply.trauma)}</dd>
        {reply.quality !== null && (
          <>
            <dt>Well-formed reply (quality)</dt>
            <dd data-testid="metric-quality">{formatFixed(reply.quality)}</dd>
          </>
        )}
        {reply.dialogId !== null && (
          <>
            <dt>Dreamed after it</dt>
            <dd>dialog #{reply.dialogId}</dd>
          </>
        )}
      </dl>
      {weights && (
        <>
          <h4>How the five ways were mixed</h4>
          <ul className="friend-experts" aria-label="Expert mix">
            {EXPERT_NAMES.map((n) => (
              <li key={n}>
                <span className="friend-expert-name">{n}</span>
                <meter min={0} max={1} value={weights[n]} aria-label={`${n} share`} />
                <span className="friend-expert-share">{Math.round(weights[n] * 100)}%</span>
                <span className="muted small">{expertWay(n).way}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        Every value is between 0 and 1. Novelty and stir come from your line; unsure is how spread the field’s
        choices were while it answered; the pull of the origin grows when you use its first words or ask who
        it is.
      </p>
    </div>
  );
}
