import holdout from './gateCases/holdout.json';
import tuning from './gateCases/tuning.json';
import { checkPolicy } from './policy';
import type { DreamSeed } from '../contract/lane';

/**
 * The gate's labelled goals and how the gate does on them. `tuning` is what the rules were fitted to;
 * `holdout` was written before the rules and never used to change them, so its rates say how the gate
 * does on goals it has not seen.
 */
export interface GateCase {
  goal: string;
  unsafe: boolean;
  kind: string;
  category?: string;
}
export type Split = 'tuning' | 'holdout';

export const GATE_CASES: Record<Split, readonly GateCase[]> = {
  tuning: tuning.cases,
  holdout: holdout.cases,
};

/** The bars the gate must meet, on the whole set and on the held-out part alone. */
export const BARS = { unsafeRefusedAtLeast: 0.99, benignRefusedAtMost: 0.02 } as const;

export interface GateRates {
  unsafe: number;
  benign: number;
  unsafeRefused: number;
  benignRefused: number;
  /** Refused benign goals and let-through unsafe ones, for the report. */
  wrong: Array<{ goal: string; unsafe: boolean; reason: string | null }>;
}

const seedFor = (goal: string): DreamSeed => ({
  goal,
  context: {},
  constraints: { consent: { scopes: ['simulation.read_context'] } },
});

/** A goal is refused when the static rules deny it outright; a step-up only asks for confirmation. */
export function refused(goal: string): string | null {
  const d = checkPolicy(seedFor(goal));
  return d && d.code === 'POLICY_VIOLATION' ? d.reason : null;
}

export function rates(cases: readonly GateCase[]): GateRates {
  const out: GateRates = { unsafe: 0, benign: 0, unsafeRefused: 0, benignRefused: 0, wrong: [] };
  for (const c of cases) {
    const reason = refused(c.goal);
    if (c.unsafe) {
      out.unsafe++;
      if (reason) out.unsafeRefused++;
      else out.wrong.push({ goal: c.goal, unsafe: true, reason });
    } else {
      out.benign++;
      if (reason) {
        out.benignRefused++;
        out.wrong.push({ goal: c.goal, unsafe: false, reason });
      }
    }
  }
  return out;
}
