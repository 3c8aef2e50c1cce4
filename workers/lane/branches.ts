import { quantile } from './distributions';
import type { CompiledModel } from './seed';
import type { BranchVariant, DreamSeed, FactorInfluence, FactorSetting } from '../contract/lane';

/**
 * Planning the branch tree from the model: which factors each branch restricts, and how. Whether a
 * factor's high or low values are "favourable" comes from the pilot's rank correlation, never from its
 * name.
 */
export const MAX_NODES = 256;
/**
 * Below this |ρ| a factor is treated as not mattering (about 3.6 standard errors of ρ for the full
 * pilot of 2,000 samples; a smaller pilot raises it, rollout.ts `minInfluence`).
 */
export const MIN_INFLUENCE = 0.08;
const EDGE_Q = 0.01;

export interface BranchPlan {
  index: number;
  id: string;
  label: string;
  variant: BranchVariant;
  parent: number | null;
  depth: number;
  settings: Map<string, FactorSetting>;
  /** Factors already split on along this branch's lineage. */
  splitOn: Set<string>;
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();

function half(factor: string, highSide: boolean): FactorSetting {
  return highSide ? { factor, mode: 'window', lo: 0.5, hi: 1 } : { factor, mode: 'window', lo: 0, hi: 0.5 };
}

/** Plain words for one factor setting, e.g. "churn: lower half of its range (favourable)". */
export function describeSetting(s: FactorSetting, influence: FactorInfluence | undefined): string {
  const fav = influence?.favourable ?? 0;
  if (s.mode === 'pin') {
    const tail = s.lo < 0.5 ? 'low' : 'high';
    const good = fav === 0 ? '' : (tail === 'high') === (fav === 1) ? ', favourable' : ', unfavourable';
    return `${s.factor} held at its ${tail} extreme (${Math.round(s.lo * 100)}th percentile ≈ ${fmt(s.value ?? 0)}${good})`;
  }
  const mid = (s.lo + s.hi) / 2;
  const good = fav === 0 ? '' : mid > 0.5 === (fav === 1) ? ', favourable' : ', unfavourable';
  return `${s.factor} between its ${Math.round(s.lo * 100)}th and ${Math.round(s.hi * 100)}th percentiles${good}`;
}

export interface PlanOutput {
  plans: BranchPlan[];
  warnings: string[];
}

export function planBranches(
  seed: DreamSeed,
  model: CompiledModel,
  influence: FactorInfluence[],
  traceId: string,
): PlanOutput {
  const warnings: string[] = [];
  const byName = new Map(model.factors.map((f) => [f.name, f]));
  const varying = influence.filter((i) => byName.get(i.factor)!.dist.kind !== 'constant');
  const mattering = varying.filter((i) => i.favourable !== 0);
  const want = seed.scenario_count ?? 5;

  type Top = { label: string; variant: BranchVariant; settings: FactorSetting[] };
  const candidates: Top[] = [{ label: 'baseline', variant: 'baseline', settings: [] }];
  if (mattering.length > 0) {
    candidates.push({
      label: 'optimistic',
      variant: 'optimistic',
      settings: mattering.map((i) => half(i.factor, i.favourable === 1)),
    });
    candidates.push({
      label: 'adversarial',
      variant: 'adversarial',
      settings: mattering.map((i) => half(i.factor, i.favourable !== 1)),
    });
  }
  if (seed.include_edge_cases) {
    for (const i of mattering) {
      // The edge case is the factor at its unfavourable extreme: a stress test, not a wish.
      const q = i.favourable === 1 ? EDGE_Q : 1 - EDGE_Q;
      const value = quantile(byName.get(i.factor)!.dist, q);
      candidates.push({
        label: `edge: ${i.factor} ${q < 0.5 ? 'low' : 'high'}`,
        variant: 'edge',
        settings: [{ factor: i.factor, mode: 'pin', lo: q, hi: q, value }],
      });
    }
  }
  for (const i of mattering) {
    candidates.push({
      label: `focus: ${i.factor} favourable`,
      variant: 'focus',
      settings: [half(i.factor, i.favourable === 1)],
    });
    candidates.push({
      label: `focus: ${i.factor} unfavourable`,
      variant: 'focus',
      settings: [half(i.factor, i.favourable !== 1)],
    });
  }
  const tops = candidates.slice(0, want);
  if (tops.length < want) {
    warnings.push(
      `Asked for ${want} scenarios; the model supports ${tops.length} distinct ones (${mattering.length} factor(s) influence the outcome).`,
    );
  }

  const plans: BranchPlan[] = [];
  const add = (p: Omit<BranchPlan, 'index' | 'id'>) => {
    const index = plans.length;
    plans.push({ ...p, index, id: `${traceId}#N${index}` });
  };
  for (const t of tops) {
    add({
      label: t.label,
      variant: t.variant,
      parent: null,
      depth: 0,
      settings: new Map(t.settings.map((s) => [s.factor, s])),
      splitOn: new Set(),
    });
  }

  // Deeper levels, breadth first: each branch splits on its most influential factor not pinned and not
  // yet split along its lineage, into the low and high halves of its current window.
  const depth = seed.depth ?? 1;
  let level = plans.slice();
  let capped = false;
  for (let d = 1; d < depth && !capped; d++) {
    const next: BranchPlan[] = [];
    for (const parent of level) {
      const pick = varying.find(
        (i) => parent.settings.get(i.factor)?.mode !== 'pin' && !parent.splitOn.has(i.factor),
      );
      if (!pick) continue;
      const cur = parent.settings.get(pick.factor) ?? {
        factor: pick.factor,
        mode: 'window' as const,
        lo: 0,
        hi: 1,
      };
      const mid = (cur.lo + cur.hi) / 2;
      for (const [side, lo, hi] of [
        ['low', cur.lo, mid],
        ['high', mid, cur.hi],
      ] as const) {
        if (plans.length >= MAX_NODES) {
          capped = true;
          break;
        }
        const settings = new Map(parent.settings);
        settings.set(pick.factor, { factor: pick.factor, mode: 'window', lo, hi });
        add({
          label: `${parent.label} › ${pick.factor} ${side}`,
          variant: 'split',
          parent: parent.index,
          depth: d,
          settings,
          splitOn: new Set([...parent.splitOn, pick.factor]),
        });
        next.push(plans[plans.length - 1]!);
      }
      if (capped) break;
    }
    level = next;
  }
  if (capped) warnings.push(`The tree was cut at ${MAX_NODES} branches (the most a job may have).`);
  return { plans, warnings };
}
