import { AdvancedSeedFields, Num, seedFieldHelpers, type SeedFieldsProps } from './AdvancedSeedFields';
import { FactorsTable } from './FactorsTable';
import { FormulaField } from './FormulaField';
import type { SeedForm } from './seedForm';

export function SeedEditor(props: SeedFieldsProps) {
  const { form, onChange, issues } = props;
  const { set, issueFor } = seedFieldHelpers(props);
  const other = issues.filter(
    (i) => !(i.field === 'model.outcome' || /^stakeholders\[\d+\]\.formula$/.test(i.field)),
  );

  return (
    <div className="seed-editor">
      <label htmlFor="seed-goal" className="field wide">
        <span>Goal</span>
        <textarea
          id="seed-goal"
          rows={2}
          maxLength={2000}
          value={form.goal}
          onChange={(e) => set('goal', e.target.value)}
        />
        <small className="muted">{form.goal.length}/600 characters</small>
      </label>

      <fieldset>
        <legend>Model</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={form.useModel}
            onChange={(e) => set('useModel', e.target.checked)}
          />{' '}
          Use my own model (otherwise a generic value/adoption/cost model)
        </label>
        {form.useModel && (
          <>
            <FactorsTable rows={form.factors} onChange={(rows) => set('factors', rows)} />
            <FormulaField
              id="seed-outcome"
              label="Outcome formula"
              value={form.outcome}
              onChange={(v) => set('outcome', v)}
              issue={issueFor('model.outcome')}
            />
            <p className="muted small">
              Use the factor names with + - * / ^, comparisons, min max abs sqrt log exp and if(condition, a,
              b).
            </p>
            <div className="row">
              <label className="field">
                <span>Target</span>
                <select
                  aria-label="Target direction"
                  value={form.direction}
                  onChange={(e) => set('direction', e.target.value as SeedForm['direction'])}
                >
                  <option value="maximise">maximise</option>
                  <option value="minimise">minimise</option>
                </select>
              </label>
              <Num
                id="seed-threshold"
                label="Failure threshold (optional)"
                value={form.threshold}
                onChange={(v) => set('threshold', v)}
              />
            </div>
          </>
        )}
      </fieldset>

      <div className="row">
        <Num
          id="seed-samples"
          label="Samples per branch"
          value={form.samples}
          onChange={(v) => set('samples', v)}
        />
        <p className="muted small">
          More samples give steadier numbers and take longer; 10,000 is plenty to start.
        </p>
      </div>
      <details className="advanced-settings" data-testid="advanced-settings">
        <summary>
          Advanced settings{' '}
          <span className="muted small">
            (context, stakeholders, tree shape, budgets, consent, flags, tenant, labels, clock — the defaults
            are fine)
          </span>
        </summary>
        <AdvancedSeedFields form={form} onChange={onChange} issues={issues} />
      </details>
      {other.length > 0 && (
        <div role="alert">
          <ul className="issues">
            {other.map((i) => (
              <li key={`${i.field}:${i.message}`}>
                {i.field}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
