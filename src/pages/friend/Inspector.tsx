import type { DreamDialog, FriendFragments, FriendStats } from '../../../workers/contract';
import { DreamControls } from './DreamControls';
import { DreamTimeline } from './DreamTimeline';
import { FieldStatsView } from './FieldStatsView';
import { FragmentChart } from './FragmentChart';
import { FriendControls } from './FriendControls';

interface Props {
  stats: FriendStats;
  dialogs: DreamDialog[];
  fragments: FriendFragments;
  busy: boolean;
  act(fn: () => Promise<string | void>): Promise<void>;
}

/** The private side of the field: its dreams, the friend's drifting fragments, its counts, its controls. */
export function Inspector({ stats, dialogs, fragments, busy, act }: Props) {
  return (
    <section className="panel friend-inspector" aria-label="Inspector" id="friend-inspector">
      <h2>Inspector</h2>
      <h3>Dreams</h3>
      <DreamControls dreamsEnabled={stats.dreamsEnabled} busy={busy} act={act} />
      <DreamTimeline dialogs={dialogs} />
      <h3>Fragments</h3>
      <FragmentChart data={fragments} />
      <h3>Field</h3>
      <FieldStatsView stats={stats} />
      <h3>Origin, teaching and reset</h3>
      <FriendControls key={stats.origin} stats={stats} busy={busy} act={act} />
    </section>
  );
}
