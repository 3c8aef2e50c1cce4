import { formatFixed } from '../../components/format';
import { useId, useState, type ReactNode } from 'react';
import type {
  ByzantineStrategy,
  ColonyConfig,
  ColonySummary,
  ExpertiseStyle,
  Plan,
} from '../../../workers/contract';
import { EXAMPLE_COLONY } from './exampleCandidates';

/** What the setup form edits: a colony's configuration and its name. */
export interface SetupValues extends ColonyConfig {
  name: string;
}

/** The plan caps on colony size (the engine enforces them; the page only shows them). */
export const MAX_AGENTS: Record<Plan, number> = { free: 10, pro: 100, enterprise: 1000 };

/**
 * The colony size as typed, checked like the engine checks it (a whole number from 3) and against the
 * plan's cap, so a bad entry is explained next to the field instead of being rewritten.
 */
export function parseColonySize(text: string, plan: Plan): { size: number } | { error: string } {
  const max = MAX_AGENTS[plan];
  const range = `a whole number from 3 to ${max} (the ${plan} plan's cap)`;
  const t = text.trim();
  if (t === '') return { error: `Enter the number of agents: ${range}.` };
  const n = Number(t);
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < 3 || n > max)
    return { error: `Agents must be ${range}; "${t}" is not.` };
  return { size: n };
}

interface Props {
  plan: Plan;
  colonies: ColonySummary[];
  colonyId: number | null;
  busy: boolean;
  onSelect(id: number): void;
  onCreate(values: SetupValues): void;
}

/** Build a colony (size, expertise, personality spread, Byzantine members) or pick a saved one. */
export function ColonySetup({ plan, colonies, colonyId, busy, onSelect, onCreate }: Props) {
  const [v, setV] = useState<SetupValues>({ name: '', ...EXAMPLE_COLONY });
  const set = <K extends keyof SetupValues>(k: K, x: SetupValues[K]) => setV((old) => ({ ...old, [k]: x }));
  // The size field keeps exactly what was typed; `v.size` follows it only while it is valid.
  const [sizeText, setSizeText] = useState(String(v.size));
  const [sizeChecked, setSizeChecked] = useState(false);
  const parsed = parseColonySize(sizeText, plan);
  const sizeError = sizeChecked && 'error' in parsed ? parsed.error : null;
  const sizeErrorId = useId();
  const f = Math.floor((v.size - 1) / 3);
  const byz = Math.round(v.byzantineShare * v.size);

  return (
    <section className="panel" aria-labelledby="setup-h">
      <h2 id="setup-h">Colony</h2>
      <div className="row">
        <label>
          Saved colony{' '}
          <select
            aria-label="Saved colony"
            value={colonyId ?? ''}
            onChange={(e) => e.target.value && onSelect(Number(e.target.value))}
          >
            <option value="">{colonies.length ? 'choose…' : 'none yet'}</option>
            {colonies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.config.size} agents · {c.runs} runs · {c.outcomes} outcomes
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* noValidate: the browser's own range check would block the submit silently; the form explains. */}
      <form
        className="colony-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSizeChecked(true);
          if ('error' in parsed) return;
          onCreate({ ...v, size: parsed.size });
        }}
      >
        <label>
          Name{' '}
          <input
            value={v.name}
            placeholder={`Colony of ${'size' in parsed ? parsed.size : v.size}`}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
        {/* The message sits beside the label, not inside it, so it is not read as the field's name. */}
        <div className="colony-field">
          <label>
            Agents (plan {plan}: at most {MAX_AGENTS[plan]})
            <input
              type="number"
              min={3}
              max={MAX_AGENTS[plan]}
              step={1}
              value={sizeText}
              aria-invalid={sizeError ? true : undefined}
              aria-describedby={sizeError ? sizeErrorId : undefined}
              onBlur={() => setSizeChecked(true)}
              onChange={(e) => {
                setSizeText(e.target.value);
                const p = parseColonySize(e.target.value, plan);
                if ('size' in p) set('size', p.size);
              }}
            />
          </label>
          {sizeError && (
            <span id={sizeErrorId} className="field-error" role="alert">
              {sizeError}
            </span>
          )}
        </div>
        <Slider
          label="Expertise level"
          value={v.expertiseLevel}
          min={0}
          max={1}
          step={0.05}
          onChange={(x) => set('expertiseLevel', x)}
        />
        <label>
          Expertise mix
          <select
            value={v.expertiseStyle}
            onChange={(e) => set('expertiseStyle', e.target.value as ExpertiseStyle)}
          >
            <option value="mixed">mixed</option>
            <option value="generalists">generalists</option>
            <option value="specialists">specialists</option>
          </select>
        </label>
        <Slider
          label="Personality spread"
          value={v.personalitySpread}
          min={0}
          max={1}
          step={0.05}
          onChange={(x) => set('personalitySpread', x)}
        />
        <Slider
          label="Byzantine share"
          value={v.byzantineShare}
          min={0}
          max={0.6}
          step={0.01}
          note={
            <>
              ({byz} of {v.size}; f = {f})
            </>
          }
          onChange={(x) => set('byzantineShare', x)}
        />
        <label>
          Byzantine strategy
          <select
            value={v.byzantineStrategy}
            onChange={(e) => set('byzantineStrategy', e.target.value as ByzantineStrategy)}
          >
            <option value="colluding">colluding on one target</option>
            <option value="random">random</option>
            <option value="inverting">inverting</option>
          </select>
        </label>
        <Slider
          label="Perception noise"
          value={v.noise}
          min={0}
          max={1}
          step={0.05}
          onChange={(x) => set('noise', x)}
        />
        <label>
          Colony seed <input value={v.seed} onChange={(e) => set('seed', e.target.value)} />
        </label>
        <div>
          <button type="submit" disabled={busy}>
            Build colony
          </button>
        </div>
      </form>
      {byz > f && (
        <p className="muted">More Byzantine agents than f: no method can promise the right answer.</p>
      )}
    </section>
  );
}

/** A labelled range input that shows its value with two decimals. */
function Slider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  note?: ReactNode;
  onChange: (value: number) => void;
}) {
  return (
    <label>
      {props.label} {formatFixed(props.value)}
      {props.note ? <> {props.note}</> : null}
      <input
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}
