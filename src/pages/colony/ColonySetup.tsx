import { useState, type ReactNode } from 'react';
import type {
  ByzantineStrategy,
  ColonyConfig,
  ColonySummary,
  ExpertiseStyle,
  Plan,
} from '../../../workers/contract';

/** What the setup form edits: a colony's configuration and its name. */
export interface SetupValues extends ColonyConfig {
  name: string;
}

/** The plan caps on colony size (the engine enforces them; the page only shows them). */
export const MAX_AGENTS: Record<Plan, number> = { free: 10, pro: 100, enterprise: 1000 };

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
  const [v, setV] = useState<SetupValues>({
    name: '',
    size: 10,
    expertiseLevel: 0.6,
    expertiseStyle: 'mixed',
    personalitySpread: 0.5,
    byzantineShare: 0.2,
    byzantineStrategy: 'colluding',
    noise: 0.4,
    seed: 'colony-1',
  });
  const set = <K extends keyof SetupValues>(k: K, x: SetupValues[K]) => setV((old) => ({ ...old, [k]: x }));
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
      <form
        className="colony-form"
        onSubmit={(e) => {
          e.preventDefault();
          onCreate(v);
        }}
      >
        <label>
          Name{' '}
          <input
            value={v.name}
            placeholder={`Colony of ${v.size}`}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
        <label>
          Agents (plan {plan}: at most {MAX_AGENTS[plan]})
          <input
            type="number"
            min={3}
            max={1000}
            value={v.size}
            onChange={(e) => set('size', Math.max(3, Math.round(Number(e.target.value) || 3)))}
          />
        </label>
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
          Seed <input value={v.seed} onChange={(e) => set('seed', e.target.value)} />
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
      {props.label} {props.value.toFixed(2)}
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
