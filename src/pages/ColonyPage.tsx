import { CandidatesPanel } from './colony/CandidatesPanel';
import { ColonySetup, MAX_AGENTS } from './colony/ColonySetup';
import { CompareView } from './colony/CompareView';
import { EnhancementPanel } from './colony/EnhancementPanel';
import { OutcomePanel } from './colony/OutcomePanel';
import { RobustnessView } from './colony/RobustnessView';
import { RunPanel } from './colony/RunPanel';
import { TunePanel } from './colony/TunePanel';
import { useColony } from './colony/useColony';
import { VerdictView } from './colony/VerdictView';
import { VoteHeatmap } from './colony/VoteHeatmap';
import './colony/colony.css';

/** The colony evaluator: simulated agents vote on candidates, robustly, and learn from outcomes. */
export function ColonyPage() {
  const c = useColony();
  const { colony, result, compare, message } = c;
  return (
    <section className="colony-page">
      <h1>Colony</h1>
      <p className="privacy-note">
        A colony of simulated evaluators scores each candidate on weighted criteria and reaches a verdict.
        Byzantine members try to bend it; the robust method is built to resist up to f = ⌊(n − 1)/3⌋ of them.
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`banner ${message.kind}`}>
          {message.text}
        </p>
      )}
      <ColonySetup
        plan={c.plan}
        colonies={c.colonies}
        colonyId={colony?.id ?? null}
        busy={c.busy}
        onSelect={(id) => void c.select(id)}
        onCreate={(v) => void c.create(v)}
      />
      <CandidatesPanel candidates={c.candidates} source={c.source} onChange={c.takeCandidates} />
      <RunPanel c={c} />

      {result && (
        <section className="panel" aria-labelledby="verdict-h">
          <h2 id="verdict-h">
            Verdict (run {result.runId}, seed <span data-testid="verdict-seed">{result.seed}</span>)
          </h2>
          {compare && <CompareView result={compare} />}
          <VerdictView verdict={result.verdict} truthBest={result.truth.best} />
          {result.attackTarget && (
            <p className="muted">
              Colluders pushed: {result.candidates.find((x) => x.id === result.attackTarget)?.label}.
            </p>
          )}
          <VoteHeatmap agents={result.agents} candidates={result.candidates} />
        </section>
      )}

      {colony && (
        <OutcomePanel
          runId={result?.runId ?? null}
          candidates={result?.candidates ?? []}
          truthBest={result?.truth.best ?? null}
          agents={colony.agents}
          history={c.history}
          busy={c.busy}
          onRecord={(b) => void c.record(b)}
        />
      )}
      {colony && (
        <TunePanel
          colonyId={colony.id}
          outcomes={c.history?.points.length ?? 0}
          onChanged={() => void c.reload()}
        />
      )}
      <RobustnessView maxAgents={MAX_AGENTS[c.plan]} />
      <EnhancementPanel runId={result?.runId ?? null} contextKeys={c.contextKeys} />
    </section>
  );
}
