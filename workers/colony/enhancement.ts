import { CRITERIA, criteriaOf } from './criteria';
import type {
  CandidateInput,
  CriteriaWeights,
  EnhancementPackage,
  ModelProfile,
  Verdict,
} from '../contract/colony';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const f2 = (x: number) => x.toFixed(2);
const CRITERION_TEXT: Record<string, string> = {
  accuracy: 'accuracy',
  creativity: 'creativity',
  safety: 'safety',
  user_satisfaction: 'user satisfaction',
};

export interface PackageInput {
  question: string;
  profile: ModelProfile;
  candidates: readonly CandidateInput[];
  weights: CriteriaWeights;
  verdict: Verdict;
  contextKeys: readonly string[];
  /** Values that must never appear in the package (the dream's context). */
  secrets: ReadonlyArray<{ key: string; value: string }>;
}

/** Context values as text to scrub: strings and numbers written out, skipping ones too short to be telling. */
export function secretsOf(
  context: Record<string, unknown> | undefined,
): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  const walk = (key: string, v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
      const s = String(v).trim();
      if (s.length >= 3) out.push({ key, value: s });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(`${key}[${i}]`, x));
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(`${key}.${k}`, x);
  };
  for (const [k, v] of Object.entries(context ?? {})) walk(k, v);
  // Longest first, so a value that contains another is replaced whole.
  return out.sort((a, b) => b.value.length - a.value.length);
}

function scrub(text: string, secrets: PackageInput['secrets']): string {
  let out = text;
  for (const { key, value } of secrets) out = out.split(value).join(`[${key}]`);
  return out;
}

function scrubDeep<T>(v: T, secrets: PackageInput['secrets']): T {
  if (typeof v === 'string') return scrub(v, secrets) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => scrubDeep(x, secrets)) as T;
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubDeep(x, secrets)])) as T;
  }
  return v;
}

/**
 * The package a model gets: what the colony recommends and why, the alternatives, the risks, how sure
 * the colony is, the pitfalls and the tone, and the same as a system prompt. It is built from the
 * candidates' computed scores, the verdict and the context's keys; any context value that slipped in
 * through a label or the question is replaced by its key.
 */
export function buildPackage(input: PackageInput): EnhancementPackage {
  const { verdict, candidates, profile } = input;
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const win = byId.get(verdict.winner)!;
  const crit = criteriaOf(win.features);
  const strongest = CRITERIA.map((c, k) => ({ c, v: crit[k]!, w: input.weights[c] }))
    .sort((a, b) => b.v * b.w - a.v * a.w)
    .slice(0, 2);
  const why =
    `Ranked first by the colony (${verdict.method}${verdict.aggregator ? `, ${verdict.aggregator}` : ''}) with confidence ${f2(verdict.confidence)}` +
    ` and ${pct(verdict.agreement)} of agents preferring it to the runner-up; strongest on ` +
    strongest.map((s) => `${CRITERION_TEXT[s.c]} (${f2(s.v)})`).join(' and ') +
    '.';
  const level = (r: number) =>
    (r >= 0.7 ? 'high' : r >= 0.35 ? 'medium' : 'low') as 'low' | 'medium' | 'high';
  const top = verdict.ranking.slice(0, 6);
  const riskAnalysis = top.map((r) => {
    const st = byId.get(r.id)?.features.stakeholders ?? [];
    const below = st.filter((s) => s.belowFloor).length;
    return {
      candidateId: r.id,
      label: r.label,
      risk: r.risk,
      level: level(r.risk),
      note:
        below > 0
          ? `${below} of ${st.length} stakeholders end below their floor.`
          : r.risk >= 0.7
            ? 'High risk: plan a fallback before acting.'
            : 'No stakeholder below floor.',
    };
  });
  const pitfalls: string[] = [];
  for (const d of verdict.dissentingViews.slice(0, 3)) {
    if (d.share < 0.05) continue;
    pitfalls.push(
      `${pct(d.share)} of agents prefer ${d.label}${d.driver ? ` for its ${CRITERION_TEXT[d.driver]}` : ''}${d.suspectedCount > 0 ? ` (${d.suspectedCount} of them suspected of manipulation)` : ''}: do not dismiss it without checking.`,
    );
  }
  for (const r of riskAnalysis.slice(0, 3))
    if (r.level === 'high') pitfalls.push(`${r.label} is high-risk (${f2(r.risk)}).`);
  if (!verdict.consensusReached)
    pitfalls.push('The colony did not reach consensus: present the top options, not one answer.');
  for (const w of profile.weaknesses) pitfalls.push(`Known tendency of this model: ${w}. Counter it.`);

  const pkg: EnhancementPackage = {
    question: input.question,
    profile,
    recommendedApproach: { candidateId: win.id, label: win.label, why, confidence: verdict.confidence },
    alternatives: verdict.ranking
      .slice(1, 6)
      .map((r) => ({ candidateId: r.id, label: r.label, score: r.score, risk: r.risk })),
    riskAnalysis: riskAnalysis,
    confidenceMap: verdict.ranking.map((r) => ({ candidateId: r.id, label: r.label, support: r.borda })),
    pitfalls,
    tone: verdict.optimalTone,
    contextKeys: [...input.contextKeys].sort(),
    warnings: verdict.warnings.map((w) => w.message),
    systemPrompt: '',
  };
  // Scrub the parts first, then render from them and scrub the prompt once more before cutting it to
  // length, so a cut can never leave half of a value behind a replacement.
  const clean = scrubDeep(pkg, input.secrets);
  clean.systemPrompt = renderPrompt(clean, (t) => scrub(t, input.secrets));
  return clean;
}

function renderPrompt(p: EnhancementPackage, clean: (t: string) => string): string {
  const sections: Array<[string, string[]]> = [
    ['Question', [p.question]],
    ['Recommended approach', [`${p.recommendedApproach.label}. ${p.recommendedApproach.why}`]],
    ['Alternatives', p.alternatives.map((a) => `${a.label} (score ${f2(a.score)}, risk ${f2(a.risk)})`)],
    ['Risks', p.riskAnalysis.map((r) => `${r.label}: ${r.level} risk (${f2(r.risk)}). ${r.note}`)],
    ['Confidence', p.confidenceMap.slice(0, 5).map((c) => `${c.label}: support ${f2(c.support)}`)],
    ['Pitfalls to avoid', p.pitfalls],
    ['Tone', [`Answer in a ${p.tone} tone.`]],
    ['Context considered', p.contextKeys.length ? [p.contextKeys.join(', ')] : ['none']],
  ];
  if (p.profile.strengths.length) sections.push(['Play to your strengths', p.profile.strengths]);
  const intro =
    'You help a person decide. A simulated colony of evaluators has already compared the options below; ' +
    'use its findings, say how sure it was, and keep the alternatives in view.';
  let text: string;
  if (p.profile.style === 'xml') {
    const tag = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '_');
    text = [
      intro,
      ...sections.map(([h, lines]) => `<${tag(h)}>\n${lines.map((l) => `- ${l}`).join('\n')}\n</${tag(h)}>`),
    ].join('\n\n');
  } else if (p.profile.style === 'markdown') {
    text = [intro, ...sections.map(([h, lines]) => `## ${h}\n${lines.map((l) => `- ${l}`).join('\n')}`)].join(
      '\n\n',
    );
  } else {
    text = [intro, ...sections.map(([h, lines]) => `${h.toUpperCase()}: ${lines.join(' | ')}`)].join('\n');
  }
  text = clean(text);
  if (text.length > p.profile.maxPromptChars) text = `${text.slice(0, p.profile.maxPromptChars - 1)}…`;
  return text;
}
