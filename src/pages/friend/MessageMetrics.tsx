import type { FriendMessage } from '../../../workers/contract';
import { share } from '../../components/format';

/** The presence of one turn, beside its reply: which expert spoke, the pulse, the wound, the quality. */
export function MessageMetrics({ message }: { message: FriendMessage }) {
  if (!message.pulse) return null;
  return (
    <dl className="friend-metrics" aria-label="Turn metrics">
      {message.expert && (
        <>
          <dt>expert</dt>
          <dd data-testid="metric-expert">{message.expert}</dd>
        </>
      )}
      <dt title="share of trigrams the field had never seen">novelty</dt>
      <dd data-testid="metric-novelty">{share(message.pulse.novelty)}</dd>
      <dt title="capitals, exclamation, repetition">arousal</dt>
      <dd data-testid="metric-arousal">{share(message.pulse.arousal)}</dd>
      <dt title="mean normalised entropy of the sampling steps">entropy</dt>
      <dd data-testid="metric-entropy">{share(message.pulse.entropy)}</dd>
      <dt title="pull of the origin">trauma</dt>
      <dd data-testid="metric-trauma">{share(message.trauma)}</dd>
      {message.quality !== null && (
        <>
          <dt>quality</dt>
          <dd data-testid="metric-quality">{share(message.quality)}</dd>
        </>
      )}
      {message.dialogId !== null && (
        <>
          <dt>dreamed</dt>
          <dd>dialog #{message.dialogId}</dd>
        </>
      )}
    </dl>
  );
}
