import type { FormulaIssue } from '../../../workers/contract';
import { FactorsTable } from './FactorsTable';
import { FormulaField } from './FormulaField';
import type { SeedForm } from './seedForm';

function Num({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <label htmlFor={id} className="field">
      <span>{label}</span>
      <input
        id={id}
        className="num"
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function SeedEditor({
  form,
  onChange,
  issues,
}: {
  form: SeedForm;
  onChange: (f: SeedForm) => void;
  issues: FormulaIssue[];
}) {
  const set = <K extends keyof SeedForm>(key: K, value: SeedForm[K]) => onChange({ ...form, [key]: value });
  const issueFor = (field: string) => issues.find((i) => i.field === field);
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
        <legend>Context</legend>
        <p className="muted small">Only the keys are used and shown; values never leave the gate.</p>
        {form.context.map((c, i) => (
          <div className="row" key={i}>
            <input
              aria-label={`Context key ${i + 1}`}
              placeholder="key"
              value={c.key}
              onChange={(e) =>
                set(
                  'context',
                  form.context.map((x, k) => (k === i ? { ...x, key: e.target.value } : x)),
                )
              }
            />
            <input
              aria-label={`Context value ${i + 1}`}
              placeholder="value"
              value={c.value}
              onChange={(e) =>
                set(
                  'context',
                  form.context.map((x, k) => (k === i ? { ...x, value: e.target.value } : x)),
                )
              }
            />
            <button
              type="button"
              className="secondary"
              aria-label={`Remove context ${c.key || i + 1}`}
              onClick={() =>
                set(
                  'context',
                  form.context.filter((_, k) => k !== i),
                )
              }
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => set('context', [...form.context, { key: '', value: '' }])}
        >
          Add context key
        </button>
      </fieldset>

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

      <fieldset>
        <legend>Stakeholders</legend>
        {form.stakeholders.map((s, i) => (
          <div className="stakeholder" key={i}>
            <div className="row">
              <input
                aria-label={`Stakeholder ${i + 1} name`}
                placeholder="name"
                value={s.name}
                onChange={(e) =>
                  set(
                    'stakeholders',
                    form.stakeholders.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)),
                  )
                }
              />
              <Num
                id={`sh-${i}-weight`}
                label="weight"
                value={s.weight}
                onChange={(v) =>
                  set(
                    'stakeholders',
                    form.stakeholders.map((x, k) => (k === i ? { ...x, weight: v } : x)),
                  )
                }
              />
              <Num
                id={`sh-${i}-floor`}
                label="floor"
                value={s.floor}
                onChange={(v) =>
                  set(
                    'stakeholders',
                    form.stakeholders.map((x, k) => (k === i ? { ...x, floor: v } : x)),
                  )
                }
              />
              <button
                type="button"
                className="secondary"
                aria-label={`Remove stakeholder ${s.name || i + 1}`}
                onClick={() =>
                  set(
                    'stakeholders',
                    form.stakeholders.filter((_, k) => k !== i),
                  )
                }
              >
                ✕
              </button>
            </div>
            <FormulaField
              id={`sh-${i}-formula`}
              label={`${s.name || 'Stakeholder'}'s view (formula; empty = the outcome)`}
              value={s.formula}
              onChange={(v) =>
                set(
                  'stakeholders',
                  form.stakeholders.map((x, k) => (k === i ? { ...x, formula: v } : x)),
                )
              }
              issue={issueFor(`stakeholders[${i}].formula`)}
            />
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            set('stakeholders', [...form.stakeholders, { name: '', weight: '1', formula: '', floor: '' }])
          }
        >
          Add stakeholder
        </button>
      </fieldset>

      <fieldset>
        <legend>Branches and sampling</legend>
        <div className="row">
          <Num
            id="seed-scenarios"
            label="Scenarios"
            value={form.scenarioCount}
            onChange={(v) => set('scenarioCount', v)}
          />
          <Num id="seed-depth" label="Depth" value={form.depth} onChange={(v) => set('depth', v)} />
          <Num
            id="seed-samples"
            label="Samples per branch"
            value={form.samples}
            onChange={(v) => set('samples', v)}
          />
          <label htmlFor="seed-rng" className="field">
            <span>RNG seed</span>
            <input
              id="seed-rng"
              value={form.rngSeed}
              maxLength={64}
              onChange={(e) => set('rngSeed', e.target.value)}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={form.edgeCases}
              onChange={(e) => set('edgeCases', e.target.checked)}
            />{' '}
            Edge cases
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>Budgets, consent and flags</legend>
        <div className="row">
          <Num id="seed-tokens" label="Tokens" value={form.tokens} onChange={(v) => set('tokens', v)} />
          <Num id="seed-seconds" label="Seconds" value={form.seconds} onChange={(v) => set('seconds', v)} />
          <Num
            id="seed-rollouts"
            label="Max rollouts (samples)"
            value={form.maxRollouts}
            onChange={(v) => set('maxRollouts', v)}
          />
          <label className="field">
            <span>When a budget runs out</span>
            <select
              aria-label="When a budget runs out"
              value={form.onExceed}
              onChange={(e) => set('onExceed', e.target.value as SeedForm['onExceed'])}
            >
              <option value="partial">return a partial result</option>
              <option value="fail">fail the job</option>
            </select>
          </label>
        </div>
        <label htmlFor="seed-scopes" className="field wide">
          <span>Consent scopes (comma separated)</span>
          <input id="seed-scopes" value={form.scopes} onChange={(e) => set('scopes', e.target.value)} />
        </label>
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={form.duress} onChange={(e) => set('duress', e.target.checked)} />{' '}
            Duress active
          </label>
          <label className="check">
            <input type="checkbox" checked={form.shadow} onChange={(e) => set('shadow', e.target.checked)} />{' '}
            Shadow mode
          </label>
          <label className="check">
            <input type="checkbox" checked={form.stepUp} onChange={(e) => set('stepUp', e.target.checked)} />{' '}
            Step-up confirmed
          </label>
        </div>
        <div className="row">
          <label htmlFor="seed-tenant" className="field">
            <span>Tenant</span>
            <input
              id="seed-tenant"
              value={form.tenant}
              maxLength={64}
              onChange={(e) => set('tenant', e.target.value)}
            />
          </label>
          <label htmlFor="seed-labels" className="field">
            <span>Labels</span>
            <input id="seed-labels" value={form.labels} onChange={(e) => set('labels', e.target.value)} />
          </label>
          <Num
            id="seed-clock"
            label="Pinned clock (epoch ms, optional)"
            value={form.clockMs}
            onChange={(v) => set('clockMs', v)}
          />
        </div>
      </fieldset>
      {other.length > 0 && (
        <ul className="issues" role="alert">
          {other.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              {i.field}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
