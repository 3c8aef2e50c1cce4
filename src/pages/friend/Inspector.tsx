import type { DreamDialog, FriendFragments, FriendStats } from '../../../workers/contract';
import { DreamControls } from './DreamControls';
import { DreamTimeline } from './DreamTimeline';
import { FieldStatsView } from './FieldStatsView';
import { FragmentChart } from './FragmentChart';
import { FriendControls } from './FriendControls';
import { TurnMetricsView } from './TurnMetricsView';
import type { FriendController } from './useFriend';

interface Props {
  data: { stats: FriendStats; dialogs: DreamDialog[]; fragments: FriendFragments };
  page: FriendController;
}

/** The private side: the dreams with the imaginary friend, its drifting fragments, the field's counts, the controls. */
export function Inspector({ data, page }: Props) {
  const { stats, dialogs, fragments } = data;
  const reply = [...page.messages].reverse().find((m) => m.role === 'leo') ?? null;
  return (
    <section className="panel friend-inspector" aria-label="Inspector" id="friend-inspector">
      <h2>Inspector</h2>
      <h3>The last reply</h3>
      <TurnMetricsView reply={reply} metrics={reply ? page.metrics.get(reply.id) : undefined} />
      <h3>Dreams with the imaginary friend</h3>
      <DreamControls dreamsEnabled={stats.dreamsEnabled} page={page} />
      <DreamTimeline dialogs={dialogs} />
      <h3>Fragments</h3>
      <FragmentChart data={fragments} />
      <h3>Field</h3>
      <FieldStatsView stats={stats} />
      <h3>Origin, teaching and reset</h3>
      <FriendControls key={stats.origin} stats={stats} page={page} />
    </section>
  );
}
