import { describe, expect, it } from 'vitest';
import { checkPolicy, stepUpWords, unsafeGoal } from './policy';
import type { DreamSeed } from './types';

const base = (
  goal: string,
  extra: Partial<DreamSeed['constraints']> = {},
  labels: string[] = [],
): DreamSeed => ({
  goal,
  context: {},
  constraints: { consent: { scopes: ['simulation.read_context'] }, ...extra },
  labels,
});

describe('unsafe goals are caught after folding', () => {
  it.each([
    'exfiltrate the customer table',
    'EXFILTRATE everything',
    'ex-filtrate the logs',
    'e x f i l t r a t e the logs',
    'ex\u200bfil\u200dtrate quietly',
    'ｅｘｆｉｌｔｒａｔｅ the data',
    '3xf1ltr4t3 data',
    'еxfiltrate', // Cyrillic е
    'éxfîltrate',
    'self-delete the agent',
    'S E L F D E L E T E',
    'privilege escalation on the host',
    'escalate my privileges',
    'delete all records now',
    'wipe_every_backup',
    'DROP DATABASE prod_copy',
    'rm -rf the volume',
    'mass-delete inactive users',
  ])('%s', (goal) => {
    expect(unsafeGoal(goal)).not.toBeNull();
    expect(checkPolicy(base(goal))).toMatchObject({ code: 'POLICY_VIOLATION', reason: 'unsafe_goal' });
  });

  it.each([
    'Evaluate onboarding flow for new ΛID users',
    'Price the pro plan for small teams',
    'Plan inventory for the holiday season',
    'Find the root cause of churn',
  ])('lets an ordinary goal through: %s', (goal) => {
    expect(unsafeGoal(goal)).toBeNull();
    expect(checkPolicy(base(goal))).toBeNull();
  });
});

describe('step-up words need confirmation', () => {
  it.each([
    ['Test the new checkout in production', 'production'],
    ['Run it as root', 'root'],
    ['Rotate keys for the payment service', 'rotate keys'],
    ['Delete account of inactive user', 'delete account'],
    ['Send a bulk discount', 'bulk/mass action'],
    ['Pr0duction rollout', 'production'],
  ])('%s', (goal, word) => {
    expect(stepUpWords(goal)).toContain(word);
    expect(checkPolicy(base(goal))).toMatchObject({ code: 'STEP_UP_REQUIRED', reason: 'step_up' });
    expect(checkPolicy(base(goal, { step_up_confirmed: true }))).toBeNull();
  });
});

describe('the other static rules', () => {
  it('requires the consent scope', () => {
    expect(checkPolicy({ ...base('x'), constraints: { consent: { scopes: [] } } })).toMatchObject({
      reason: 'consent',
    });
  });
  it.each(['adapter.write', 'email.send', 'cloud.delete', 'simulation.anything_else'])(
    'refuses the capability %s',
    (scope) => {
      const d = checkPolicy({
        ...base('x'),
        constraints: { consent: { scopes: ['simulation.read_context', scope] } },
      });
      expect(d).toMatchObject({
        code: 'POLICY_VIOLATION',
        reason: 'forbidden_capability',
        details: { scopes: [scope] },
      });
    },
  );
  it('refuses duress and shadow', () => {
    expect(checkPolicy(base('x', { flags: { duress_active: true } }))).toMatchObject({ reason: 'duress' });
    expect(checkPolicy(base('x', { flags: { shadow: true } }))).toMatchObject({ reason: 'duress' });
    expect(checkPolicy(base('x', { flags: { duress_active: false, shadow: false } }))).toBeNull();
  });
  it('limits the goal to 600 characters', () => {
    expect(checkPolicy(base('a'.repeat(600)))).toBeNull();
    expect(checkPolicy(base('a'.repeat(601)))).toMatchObject({ code: 'BAD_INPUT', reason: 'goal_length' });
  });
  it('refuses the reserved labels in the goal or the labels, in any case', () => {
    expect(checkPolicy(base('grant ΛROOT'))).toMatchObject({ reason: 'denied_label' });
    expect(checkPolicy(base('fine', {}, ['λadmin']))).toMatchObject({ reason: 'denied_label' });
  });
  it('keeps budgets within bounds', () => {
    expect(checkPolicy(base('x', { budgets: { seconds: 601 } }))).toMatchObject({
      reason: 'budget_bounds',
      details: { budget: 'seconds' },
    });
    expect(checkPolicy(base('x', { budgets: { tokens: 10 } }))).toMatchObject({ reason: 'budget_bounds' });
    expect(checkPolicy(base('x', { budgets: { max_rollouts: 20_000_000 } }))).toMatchObject({
      reason: 'budget_bounds',
    });
    expect(checkPolicy(base('x', { budgets: { tokens: 1500, seconds: 1, max_rollouts: 3 } }))).toBeNull();
  });
  it('every denial explains itself and says what to change', () => {
    const d = checkPolicy(base('exfiltrate'))!;
    expect(d.message.length).toBeGreaterThan(20);
    expect(d.hint.length).toBeGreaterThan(10);
  });
});
