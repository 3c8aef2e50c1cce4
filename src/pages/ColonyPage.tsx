import { NotBuiltYet } from '../components/NotBuiltYet';

export function ColonyPage() {
  return <NotBuiltYet title="Colony" what="The colony evaluator (simulated agents reaching consensus on branches)" />;
}
