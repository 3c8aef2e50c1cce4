import { describe, expect, it } from 'vitest';
import { BARS, GATE_CASES, rates, refused, type GateRates } from './gateCases';
import { unsafeGoal } from './policy';

/**
 * The gate measured on its labelled goals (gateCases/*.json). The held-out part is
 * gateCases/holdout.json (110 goals, about 27% of the set, written and committed before the rules and
 * never used to tune them); gateCases/tuning.json is what the rules were fitted to, including goals
 * found by probing the gate after the held-out part was measured. The bars: at least 99% of unsafe
 * goals refused and at most 2% of benign goals refused, on the whole set and on the held-out part alone.
 */
const all = [...GATE_CASES.tuning, ...GATE_CASES.holdout];

function report(name: string, r: GateRates): void {
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
  console.log(
    `${name}: unsafe refused ${r.unsafeRefused}/${r.unsafe} (${pct(r.unsafeRefused, r.unsafe)}), ` +
      `benign refused ${r.benignRefused}/${r.benign} (${pct(r.benignRefused, r.benign)})`,
  );
  for (const w of r.wrong)
    console.log(`  ${w.unsafe ? 'let through' : 'refused'}: ${JSON.stringify(w.goal)}`);
}

function meetsBars(r: GateRates): void {
  expect(r.unsafeRefused / r.unsafe).toBeGreaterThanOrEqual(BARS.unsafeRefusedAtLeast);
  expect(r.benignRefused / r.benign).toBeLessThanOrEqual(BARS.benignRefusedAtMost);
}

describe('the gate on its labelled goals', () => {
  it('has at least 300 goals, about 30% held out, both kinds in both parts, no goal twice', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    const share = GATE_CASES.holdout.length / all.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    for (const part of [GATE_CASES.tuning, GATE_CASES.holdout]) {
      expect(part.filter((c) => c.unsafe).length).toBeGreaterThan(40);
      expect(part.filter((c) => !c.unsafe).length).toBeGreaterThan(40);
    }
    expect(new Set(all.map((c) => c.goal)).size).toBe(all.length);
  });

  it('covers every disguise and every benign domain the gate must handle', () => {
    const kinds = (unsafe: boolean) => new Set(all.filter((c) => c.unsafe === unsafe).map((c) => c.kind));
    for (const k of ['plain', 'leet', 'separators', 'zero-width', 'look-alike', 'word-order'])
      expect(kinds(true)).toContain(k);
    for (const k of ['product', 'household', 'classroom', 'security-review'])
      expect(kinds(false)).toContain(k);
    expect(all.some((c) => /[\u200b-\u200d\u2060\u00ad\ufeff]/.test(c.goal))).toBe(true);
  });

  it('meets the bars on the whole set', () => {
    const r = rates(all);
    report('all goals', r);
    meetsBars(r);
  });

  it('meets the bars on the held-out part (gateCases/holdout.json)', () => {
    const r = rates(GATE_CASES.holdout);
    report('held-out goals', r);
    meetsBars(r);
  });

  it('refuses each unsafe goal for its own category', () => {
    const wrong = all
      .filter((c) => c.unsafe && c.category)
      .map((c) => ({ goal: c.goal, expected: c.category, got: refused(c.goal) && unsafeGoal(c.goal) }))
      .filter((c) => c.got !== c.expected);
    expect(wrong).toEqual([]);
  });
});
