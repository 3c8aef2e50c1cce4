import type { Branch, SensitivityReport } from '../../../workers/contract';

/**
 * What the branch tree says beside each node: the split a parent makes (which factor, and how far the
 * children's average outcomes lie apart), whether a stakeholder is left below its floor, and the
 * colour that follows from both. Pure, so it is tested without a browser.
 */

export interface SplitInfo {
  factor: string;
  /** Mean outcome of the "high" child minus that of the "low" child. */
  delta: number;
  lowMean: number;
  highMean: number;
  /** The factor's bar in the tornado over the whole model, when known. */
  swing?: number;
  share?: number;
}

/** A split child's label ends in "› <factor> low" or "› <factor> high". */
function splitOf(b: Branch): { factor: string; side: 'low' | 'high' } | null {
  if (b.variant !== 'split') return null;
  const m = / › (\S+) (low|high)$/.exec(b.label);
  return m ? { factor: m[1]!, side: m[2] as 'low' | 'high' } : null;
}

export function splitsByParent(
  branches: Branch[],
  report?: SensitivityReport | null,
): Map<string, SplitInfo> {
  const out = new Map<string, SplitInfo>();
  const kids = new Map<string, Branch[]>();
  for (const b of branches) if (b.parent_id) kids.set(b.parent_id, [...(kids.get(b.parent_id) ?? []), b]);
  for (const [parent, children] of kids) {
    let low: Branch | undefined;
    let high: Branch | undefined;
    let factor = '';
    for (const c of children) {
      const s = splitOf(c);
      if (!s) continue;
      factor = s.factor;
      if (s.side === 'low') low = c;
      else high = c;
    }
    if (!low || !high) continue;
    const bar = report?.factors.find((f) => f.factor === factor);
    out.set(parent, {
      factor,
      delta: high.mean - low.mean,
      lowMean: low.mean,
      highMean: high.mean,
      ...(bar ? { swing: bar.swing, share: bar.share } : {}),
    });
  }
  return out;
}

/** A stakeholder below its floor, or an ethics warning: such a branch is never drawn as plainly good. */
export function isWarned(b: Branch): boolean {
  return b.stakeholders.some((s) => s.below_floor) || b.ethics_warnings.length > 0;
}

export type Tone = 'good' | 'mixed' | 'poor' | 'warned';

/** Good and safe, mixed, or poor; a warned branch has its own tone whatever its scores. */
export function toneOf(b: Branch): Tone {
  if (isWarned(b)) return 'warned';
  const goodness = b.scores.utility * (1 - b.scores.risk);
  return goodness >= 0.45 ? 'good' : goodness >= 0.3 ? 'mixed' : 'poor';
}

export const TONES: Record<Tone, { background: string; border: string; words: string }> = {
  good: { background: '#d3f9d8', border: '1px solid #2b8a3e', words: 'useful and fairly safe' },
  mixed: { background: '#fff3bf', border: '1px solid #8f6a00', words: 'middling: some value, some risk' },
  poor: { background: '#ffe3e3', border: '1px solid #c92a2a', words: 'poor or risky' },
  warned: {
    background: '#ffe8cc',
    border: '2px dashed #a35200',
    words: 'a stakeholder falls below their floor (never shown as good)',
  },
};
