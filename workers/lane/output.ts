import type { Branch, DreamSeed, DreamShard, FactorInfluence, MatadaNode } from '../contract/lane';

/** Turning scored branches into dream shards and MATADA nodes. Only context keys appear, never values. */

export const SCHEMA_REF = 'lukhas://schemas/matada_node_v1.json' as const;
export const PRODUCER = 'dreamlane/workers/lane';
export const MODEL_SIGNATURE = 'lane-montecarlo@1';
export const POLICY_VERSION = 'lane-gate@1';
const MAX_LABELS = 12;
const MAX_LINKS = 32;
const LABEL_CHARS = 64;

const clip = (s: string, n = LABEL_CHARS) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function buildShard(seed: DreamSeed, b: Branch, influence: FactorInfluence[]): DreamShard {
  const top = influence.find((i) => i.favourable !== 0);
  const plan: string[] = [];
  if (top) plan.push(`Track ${top.factor} first: it moves the outcome most (rank correlation ${top.rho}).`);
  plan.push(
    `Set a stop rule: in this branch a quarter of outcomes fall below ${b.percentiles.p25}; decide now what you do if early results land there.`,
  );
  plan.push('Check the assumptions of this branch with a small, reversible test before committing.');
  return {
    type: 'dream_shard',
    branch_id: b.id,
    variant: b.variant,
    proposal: {
      problem: seed.goal,
      approach: b.assumptions,
      plan,
      ul_tags: [
        'ΛSIM',
        `ΛVAR:${b.variant.toUpperCase()}`,
        ...(b.ethics_warnings.length ? ['ΛETHICS:FLOOR'] : []),
      ],
    },
    risks: b.risks.map((r) => ({ label: r.label, mitigation: r.mitigation })),
    scores: b.scores,
  };
}

/**
 * What a shard costs against the tokens budget: all of its text (problem, approach, plan, tags,
 * risks) at about four characters a token. Identifiers and scores are structure, not text, and are
 * not counted, so every branch keeps a shard however small the budget.
 */
export function shardTokens(shard: DreamShard): number {
  const text = [
    shard.proposal.problem,
    ...shard.proposal.approach,
    ...shard.proposal.plan,
    ...shard.proposal.ul_tags,
    ...shard.risks.flatMap((r) => [r.label, r.mitigation]),
  ].join(' ');
  return Math.ceil(text.length / 4);
}

export const OMITTED_NOTE = '(text omitted: the tokens budget was spent)';

/**
 * The shard cut down to fit `room` tokens once the budget is spent (the result says so). It keeps,
 * in this order and only as far as they fit: a note that text was left out, the tags (they carry the
 * ethics flag), and the problem, shortened if need be. With no room left only the scores remain.
 */
export function compactShard(shard: DreamShard, room = Infinity): DreamShard {
  const out: DreamShard = {
    ...shard,
    proposal: { problem: '', approach: [], plan: [OMITTED_NOTE], ul_tags: [] },
    risks: [],
  };
  const fits = () => shardTokens(out) <= room;
  if (!fits()) out.proposal.plan = [];
  for (const tag of shard.proposal.ul_tags) {
    out.proposal.ul_tags.push(tag);
    if (!fits()) {
      out.proposal.ul_tags.pop();
      break;
    }
  }
  const problem = shard.proposal.problem;
  out.proposal.problem = problem;
  if (fits()) return out;
  // The longest prefix that fits, marked as cut; the cost grows with the length, so bisect.
  let lo = 0;
  let hi = problem.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    out.proposal.problem = `${problem.slice(0, mid)}…`;
    if (fits()) lo = mid;
    else hi = mid - 1;
  }
  out.proposal.problem = lo > 0 ? `${problem.slice(0, lo)}…` : '';
  return out;
}

/** What the smallest shard that still says its text was left out costs. */
export const NOTE_TOKENS = shardTokens({
  type: 'dream_shard',
  branch_id: '',
  variant: 'baseline',
  proposal: { problem: '', approach: [], plan: [OMITTED_NOTE], ul_tags: [] },
  risks: [],
  scores: { utility: 0, risk: 0, novelty: 0, confidence: 0 },
});

export function buildNode(seed: DreamSeed, b: Branch, traceId: string, contextKeys: string[]): MatadaNode {
  const labels = [
    'ΛSIM',
    `ΛVAR:${b.variant.toUpperCase()}`,
    clip(`lane:branch=${b.label}`),
    `lane:depth=${b.depth}`,
    ...(b.ethics_warnings.length ? ['ΛETHICS:FLOOR'] : []),
    ...(seed.labels ?? []).map((l) => clip(l)),
  ].slice(0, MAX_LABELS);
  const links: MatadaNode['links'] = [];
  if (b.parent_id) {
    links.push({
      target_node_id: b.parent_id,
      link_type: 'causal',
      direction: 'unidirectional',
      weight: 1,
      explanation: 'refines its parent branch',
    });
  }
  const s = b.scores;
  return {
    version: 1,
    id: b.id,
    type: 'HYPOTHESIS',
    labels,
    state: {
      confidence: s.confidence,
      salience: Number(Math.max(s.risk, s.novelty).toFixed(6)),
      novelty: s.novelty,
      risk: s.risk,
      utility: s.utility,
      valence: Number((2 * s.utility - 1).toFixed(6)),
    },
    timestamps: { created_ts: seed.clock_ms ?? 0 },
    provenance: {
      producer: PRODUCER,
      capabilities: ['simulation.read_context'],
      tenant: seed.tenant ?? 'local',
      trace_id: traceId,
      consent_scopes: seed.constraints.consent.scopes,
      model_signature: MODEL_SIGNATURE,
      policy_version: POLICY_VERSION,
    },
    links: links.slice(0, MAX_LINKS),
    evidence: [
      { kind: 'trace', uri: `lukhas://trace/${traceId}` },
      ...contextKeys.slice(0, 16).map((k) => ({ kind: 'input_key' as const, uri: `context:${k}` })),
    ],
    schema_ref: SCHEMA_REF,
  };
}
