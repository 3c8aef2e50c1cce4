import type { FormulaIssue } from '../../../workers/contract';
import { FormulaField } from './FormulaField';
import type { SeedForm } from './seedForm';

export function Num({
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

/** What both halves of the seed editor take: the form, how to change it, and the formula issues. */
export interface SeedFieldsProps {
  form: SeedForm;
  onChange: (f: SeedForm) => void;
  issues: FormulaIssue[];
}

/** Sets one field of the form, and finds the formula issue of a field. */
export function seedFieldHelpers({ form, onChange, issues }: SeedFieldsProps) {
  return {
    set: <K extends keyof SeedForm>(key: K, value: SeedForm[K]) => onChange({ ...form, [key]: value }),
    issueFor: (field: string) => issues.find((i) => i.field === field),
  };
}

/**
 * Everything a first run can leave at its defaults: context, stakeholders, the shape of the tree,
 * budgets, consent scopes, flags, tenant, labels and the pinned clock.
 */
export function AdvancedSeedFields(props: SeedFieldsProps) {
  const { form } = props;
  const { set, issueFor } = seedFieldHelpers(props);
  return (
    <>
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
    </>
  );
}
