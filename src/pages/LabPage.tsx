import { NotBuiltYet } from '../components/NotBuiltYet';

export function LabPage({ query }: { query: URLSearchParams }) {
  void query;
  return <NotBuiltYet title="Lab" what="The simulation lane (scenario branches rolled out by seeded Monte Carlo)" />;
}
