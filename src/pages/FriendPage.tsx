import { NotBuiltYet } from '../components/NotBuiltYet';

export function FriendPage() {
  return <NotBuiltYet title="Friend" what="The dream-friend field (a small language field you can chat with)" />;
}
