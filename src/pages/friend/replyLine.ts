import type { FriendMessage, TurnMetrics } from '../../../workers/contract';
import { expertWay } from './expertWays';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One plain line of what the field did for a reply. The turn's own metrics (known words) exist only
 * for replies made on this visit; an older reply is described from what its row keeps.
 */
export function replyLine(reply: FriendMessage, metrics?: TurnMetrics): string {
  const parts: string[] = [];
  if (metrics) {
    parts.push(
      metrics.knownWords === 0
        ? 'None of your words were known yet, so it started from the words it knows best'
        : `Answered from ${plural(metrics.knownWords, 'word')} of yours it knows`,
    );
  } else {
    parts.push('Answered');
  }
  if (reply.expert) {
    const e = expertWay(reply.expert);
    parts.push(`leaning on “${e.name}” patterns (${e.way})`);
  }
  let line = parts.join(', ');
  if (reply.dialogId !== null) line += '; then it dreamed with its imaginary friend';
  return `${line}.`;
}
