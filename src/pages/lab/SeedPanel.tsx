import { ProgressLine } from '../../components/ProgressLine';
import { SeedEditor } from './SeedEditor';
import type { LabState } from './useLab';

/** The seed: examples, the editor with inline issues, run/cancel, the job's progress and a denial. */
export function SeedPanel({ lab }: { lab: LabState }) {
  const { settings, job, denial, loadingExample } = lab;
  const enabled = settings?.enabled === true;
  return (
    <section className="panel" aria-labelledby="seed-title">
      <div className="row spread">
        <h2 id="seed-title">Seed</h2>
        <div className="row examples" role="group" aria-label="Examples">
          {lab.examples.map((ex) => (
            <button
              key={ex.file}
              type="button"
              className={ex.advanced ? 'secondary advanced-example' : 'secondary'}
              title={ex.advanced ? 'An advanced example, written to exercise the engine' : undefined}
              onClick={() => void lab.pickExample(ex.file)}
            >
              Example: {ex.title}
            </button>
          ))}
        </div>
      </div>
      {lab.note && <p className="muted">{lab.note}</p>}
      <fieldset className="plain" disabled={loadingExample !== null} aria-busy={loadingExample !== null}>
        <SeedEditor form={lab.form} onChange={lab.setForm} issues={lab.issues} />
      </fieldset>
      <div className="actions">
        <button
          type="button"
          disabled={job.running || !enabled || loadingExample !== null}
          onClick={lab.runForm}
        >
          Run simulation
        </button>
        {enabled && (
          <button type="button" className="secondary" onClick={() => void lab.answer(false)}>
            Turn simulation off
          </button>
        )}
      </div>
      <ProgressLine op={job} label="Simulation" />
      {denial && (
        <div role="alert" className="banner error denial" data-testid="denial">
          <p>
            <strong>{denial.code}</strong>: {denial.message}
          </p>
          {denial.hint && <p>What to change: {denial.hint}</p>}
        </div>
      )}
    </section>
  );
}
