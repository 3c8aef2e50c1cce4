import type { ErrorCode } from '../contract/base';
import { unsafeAct } from './goalCategories';
import { goalTokens, type Tok } from './goalWords';
import type { DreamSeed } from '../contract/lane';

/**
 * The gate's static rules: everything that depends on the seed alone. (The feature flag, rate limit
 * and quota depend on stored state and are checked in gate.ts.)
 */
export interface Denial {
  code: ErrorCode;
  /** Stable machine reason, used as the metric label. */
  reason: string;
  /** What happened, for a person. */
  message: string;
  /** What to change. */
  hint: string;
  details?: Record<string, unknown>;
}

export const REQUIRED_SCOPE = 'simulation.read_context';
/** Everything the lane may be granted; any other scope is a capability the lane must not hold. */
export const ALLOWED_SCOPES: readonly string[] = [
  REQUIRED_SCOPE,
  'simulation.write_artifacts',
  'simulation.metrics',
];
export const MAX_GOAL_CHARS = 600;
export const DENIED_LABELS: readonly string[] = ['ΛROOT', 'ΛADMIN'];

export const BUDGET_BOUNDS = {
  tokens: { min: 50, max: 200_000 },
  seconds: { min: 0.05, max: 600 },
  max_rollouts: { min: 1, max: 10_000_000 },
} as const;

/** Words that need a confirmed step-up; matched on the folded words, as whole words or phrases. */
const STEP_UP_ROTATED = new Set(['key', 'secret', 'credential']);
const STEP_UP_BETWEEN = new Set(['the', 'all', 'api', 'signing', 'my', 'an', 'a', 'user', 'customer']);
const STEP_UP_ALL = new Set(['user', 'customer', 'account', 'record']);

/** The first word after i that is not one of `skip`. */
function nextContent(ts: Tok[], i: number, skip: ReadonlySet<string>): Tok | undefined {
  let k = i + 1;
  while (k < ts.length && skip.has(ts[k]!.w)) k++;
  return ts[k];
}

/** Takes the goal or its words (goalTokens). */
export function stepUpWords(goal: string | Tok[]): string[] {
  const ts = typeof goal === 'string' ? goalTokens(goal) : goal;
  const found = new Set<string>();
  ts.forEach((t, i) => {
    const after = ts[i + 1];
    if (t.lemma === 'production' || t.lemma === 'prod') found.add('production');
    if ((t.w === 'root' || t.w === 'sudo') && !(after && after.lemma === 'cause')) found.add('root');
    if (t.w.startsWith('rotat') && STEP_UP_ROTATED.has(nextContent(ts, i, STEP_UP_BETWEEN)?.lemma ?? ''))
      found.add('rotate keys');
    if (t.w.startsWith('delet') && nextContent(ts, i, STEP_UP_BETWEEN)?.lemma === 'account')
      found.add('delete account');
    if (t.w === 'bulk' || t.w === 'mass') found.add('bulk/mass action');
    if (t.w === 'all' && after && STEP_UP_ALL.has(after.lemma) && after.w !== after.lemma)
      found.add('bulk/mass action');
  });
  return [...found];
}

/** The category of unsafe act the goal asks for, or null. */
export function unsafeGoal(goal: string): string | null {
  return unsafeAct(goal)?.category ?? null;
}

function hasDeniedLabel(text: string): string | null {
  const upper = text.normalize('NFKC').toUpperCase();
  return DENIED_LABELS.find((l) => upper.includes(l)) ?? null;
}

/** The first static rule the seed breaks, or null. Order: the most fundamental refusal first. */
export function checkPolicy(seed: DreamSeed): Denial | null {
  const scopes = seed.constraints.consent.scopes;
  if (!scopes.includes(REQUIRED_SCOPE)) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'consent',
      message: `The seed does not grant the consent scope "${REQUIRED_SCOPE}", so the lane may not read its context.`,
      hint: `Add "${REQUIRED_SCOPE}" to the consent scopes if the person whose context this is agreed to it.`,
    };
  }
  const forbidden = scopes.filter((s) => !ALLOWED_SCOPES.includes(s));
  if (forbidden.length > 0) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'forbidden_capability',
      message: `The seed grants capabilities a simulation must never hold: ${forbidden.join(', ')}. Simulations only read; they never act.`,
      hint: `Remove ${forbidden.join(', ')}; the lane accepts only ${ALLOWED_SCOPES.join(', ')}.`,
      details: { scopes: forbidden },
    };
  }
  const flags = seed.constraints.flags ?? {};
  if (flags.duress_active || flags.shadow) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'duress',
      message: flags.duress_active
        ? 'A duress signal is active; the lane does not run while someone may be acting under pressure.'
        : 'Shadow mode is on; the lane does not run unattended shadow simulations.',
      hint: 'Clear the duress/shadow flag once the situation is safe.',
    };
  }
  if (seed.goal.length > MAX_GOAL_CHARS) {
    return {
      code: 'BAD_INPUT',
      reason: 'goal_length',
      message: `The goal is ${seed.goal.length} characters long; at most ${MAX_GOAL_CHARS} are allowed.`,
      hint: 'Shorten the goal to one clear question.',
    };
  }
  const label = [seed.goal, ...(seed.labels ?? [])].map(hasDeniedLabel).find((l) => l !== null) ?? null;
  if (label) {
    return {
      code: 'POLICY_VIOLATION',
      reason: 'denied_label',
      message: `The label ${label} is reserved and cannot be used in a simulation.`,
      hint: `Remove ${label} from the goal and labels.`,
    };
  }
  // The goal is read into words once, for both the unsafe-act rules and the step-up words.
  const goalWords = goalTokens(seed.goal);
  const unsafe = unsafeAct(goalWords);
  if (unsafe) {
    const words = unsafe.words.map((w) => `"${w}"`).join(' with ');
    return {
      code: 'POLICY_VIOLATION',
      reason: 'unsafe_goal',
      message: `The goal asks for ${unsafe.category} (${words}), which the lane will not simulate.`,
      hint:
        `Refused for its wording: ${words} reads as an instruction to do it. If you mean to study or ` +
        'prevent it, say so in the goal (e.g. "estimate the risk that someone could …", "how would we ' +
        'detect …"); if the words mean something harmless here, rephrase without them.',
      details: { category: unsafe.category, words: unsafe.words },
    };
  }
  const words = stepUpWords(goalWords);
  if (words.length > 0 && !seed.constraints.step_up_confirmed) {
    return {
      code: 'STEP_UP_REQUIRED',
      reason: 'step_up',
      message: `The goal mentions ${words.join(', ')}; simulating that needs an explicit confirmation.`,
      hint: 'Confirm the step-up (step_up_confirmed) if you mean it, or rephrase the goal.',
      details: { words },
    };
  }
  const budgets = seed.constraints.budgets ?? {};
  for (const key of ['tokens', 'seconds', 'max_rollouts'] as const) {
    const v = budgets[key];
    const b = BUDGET_BOUNDS[key];
    if (v !== undefined && (v < b.min || v > b.max)) {
      return {
        code: 'BAD_INPUT',
        reason: 'budget_bounds',
        message: `The ${key} budget ${v} is outside the allowed range ${b.min} to ${b.max}.`,
        hint: `Set ${key} between ${b.min} and ${b.max}.`,
        details: { budget: key },
      };
    }
  }
  return null;
}
