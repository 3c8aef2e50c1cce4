import { CRITERIA, tiltedWeights, weightVector } from './criteria';
import { aggregate, leader, type Aggregate, type MethodOptions } from './consensus';
import { argmax, perceive, pickAttackTarget, scoreMatrix, trueScores, type Perception } from './perception';
import { condorcet } from './rankAggregation';
import { BOOTSTRAP_RESAMPLES, winnerStability } from './bootstrap';
import { createRng } from '../core/rng';
import type {
  AgentDetail,
  AgentInfo,
  ByzantineAggregator,
  CandidateInput,
  ColonyConfig,
  ColonyWarning,
  ConsensusMethod,
  CriteriaWeights,
  DissentGroup,
  RankedCandidate,
  Tone,
  Verdict,
} from '../contract/colony';

const K = CRITERIA.length;

export interface EvaluationInput {
  agents: readonly AgentInfo[];
  config: Pick<ColonyConfig, 'noise' | 'byzantineShare'>;
  candidates: readonly CandidateInput[];
  weights: CriteriaWeights;
  seed: string;
  threshold?: number;
  attackTarget?: string;
  /** Bootstrap resamples behind `confidence` (default BOOTSTRAP_RESAMPLES). */
  resamples?: number;
}

export interface MethodChoice {
  method: ConsensusMethod;
  aggregator?: ByzantineAggregator;
  trim?: number;
  refine?: boolean;
}

/** Everything shared by the methods for one request: perception, scores, truth. */
export interface Scored {
  input: EvaluationInput;
  perception: Perception;
  w: number[];
  scores: Float64Array;
  truth: number[];
  target: number;
  agentWeights: number[];
  reliability: number[];
}

export function expertiseOn(a: AgentInfo, w: CriteriaWeights): number {
  return CRITERIA.reduce((s, c) => s + w[c] * a.expertise[c], 0);
}

export function scoreRequest(input: EvaluationInput): Scored {
  const { agents, candidates, seed } = input;
  const perception = perceive(agents, candidates, seed, input.config.noise);
  const w = weightVector(input.weights);
  const truth = trueScores(perception, w);
  const fixed =
    input.attackTarget === undefined ? undefined : candidates.findIndex((c) => c.id === input.attackTarget);
  const target = pickAttackTarget(truth, seed, fixed);
  const scores = scoreMatrix(perception, agents, w, seed, target);
  const reliability = agents.map((a) => a.reliability);
  const agentWeights = agents.map((a) => a.reliability * expertiseOn(a, input.weights));
  return { input, perception, w, scores, truth, target, agentWeights, reliability };
}

const optionsOf = (sc: Scored, choice: MethodChoice): MethodOptions => ({
  method: choice.method,
  aggregator: choice.aggregator ?? 'trimmed_mean',
  trim: choice.trim ?? 0,
  weights: sc.agentWeights,
  reliability: sc.reliability,
  refine: choice.refine ?? true,
});

export function runMethod(sc: Scored, choice: MethodChoice): Aggregate {
  return aggregate(sc.scores, sc.input.agents.length, sc.input.candidates.length, optionsOf(sc, choice));
}

/** The index of the candidate a method ranks first: `runMethod(sc, choice).order[0]`, for less. */
export function winnerIndex(sc: Scored, choice: MethodChoice): number {
  return leader(sc.scores, sc.input.agents.length, sc.input.candidates.length, optionsOf(sc, choice));
}

function dissent(sc: Scored, agg: Aggregate, winner: number): DissentGroup[] {
  const { agents, candidates } = sc.input;
  const { m, x } = sc.perception;
  const groups = new Map<number, number[]>();
  agg.firstChoice.forEach((c, i) => {
    if (c === winner) return;
    const list = groups.get(c) ?? [];
    list.push(i);
    groups.set(c, list);
  });
  const n = agents.length;
  return [...groups.entries()]
    .map(([c, members]) => {
      // The criterion on which the group, as it perceives and weighs things, sees c beat the winner most.
      const drive = new Array<number>(K).fill(0);
      let honest = 0;
      for (const i of members) {
        if (agents[i]!.role === 'byzantine' || agg.suspected[i]) continue;
        honest++;
        const tw = tiltedWeights(sc.w, agents[i]!.personality);
        for (let k = 0; k < K; k++) {
          drive[k]! += tw[k]! * (x[(i * m + c) * K + k]! - x[(i * m + winner) * K + k]!);
        }
      }
      const kBest = argmax(drive);
      return {
        candidateId: candidates[c]!.id,
        label: candidates[c]!.label,
        agentIds: members.map((i) => agents[i]!.id),
        share: members.length / n,
        driver: honest > 0 && drive[kBest]! > 0 ? CRITERIA[kBest]! : null,
        suspectedCount: members.filter((i) => agg.suspected[i]).length,
      };
    })
    .sort((a, b) => b.share - a.share || a.candidateId.localeCompare(b.candidateId))
    .slice(0, 12);
}

/** The verdict of one method on a scored request. */
export function verdictOf(sc: Scored, choice: MethodChoice, agg: Aggregate = runMethod(sc, choice)): Verdict {
  const { agents, candidates, config } = sc.input;
  const n = agents.length;
  const m = candidates.length;
  const s = sc.scores;
  const risk = (j: number) => candidates[j]!.features.risk;
  const ranking: RankedCandidate[] = agg.order.map((j, r) => ({
    id: candidates[j]!.id,
    label: candidates[j]!.label,
    rank: r + 1,
    score: agg.score[j]!,
    borda: agg.borda[j]!,
    votes: agg.votes[j]!,
    risk: risk(j),
  }));
  const win = agg.order[0]!;
  const run = agg.order[1]!;

  let agreeW = 0;
  let totalW = 0;
  for (let i = 0; i < n; i++) {
    const w = agg.influence[i]!;
    totalW += w;
    if (s[i * m + win]! > s[i * m + run]!) agreeW += w;
  }
  const agreement = totalW > 0 ? agreeW / totalW : 0;
  const gap = agg.score[win]! - agg.score[run]!;
  // Every method resamples the same agents (one stream per run seed), so their confidences compare.
  const resamples = sc.input.resamples ?? BOOTSTRAP_RESAMPLES;
  const confidence = winnerStability(
    s,
    n,
    m,
    choice.method,
    agg,
    createRng(sc.input.seed, 'bootstrap'),
    resamples,
  );
  const threshold = sc.input.threshold ?? 0.6;
  const consensus = confidence >= threshold;

  const cond = condorcet(s, n, m, (i) => agg.influence[i]! > 0);
  const suspected = agents.filter((_, i) => agg.suspected[i]).map((a) => a.id);
  const warnings: ColonyWarning[] = [];
  const risky = ranking.slice(0, 3).filter((r) => r.risk >= 0.7);
  if (risky.length > 0) {
    warnings.push({
      code: 'high_risk_top3',
      message: `High-risk candidate in the top 3: ${risky.map((r) => `${r.label} (risk ${r.risk.toFixed(2)})`).join(', ')}.`,
    });
  }
  if (agreement < 0.5) {
    warnings.push({
      code: 'low_agreement',
      message: `Only ${(agreement * 100).toFixed(0)}% of the counted agents score the winner above the runner-up.`,
    });
  }
  if (suspected.length > agg.f) {
    warnings.push({
      code: 'suspected_above_f',
      message: `${suspected.length} agents look Byzantine, more than the f = ${agg.f} a colony of ${n} tolerates: the robust result is not guaranteed.`,
    });
  }
  if (cond.winner === null && cond.smith.length > 1) {
    warnings.push({
      code: 'condorcet_cycle',
      message: `No Condorcet winner: the pairwise majorities run in a cycle among ${cond.smith.map((j) => candidates[j]!.label).join(', ')}.`,
    });
  }
  const byzCount = Math.round(config.byzantineShare * n);
  if (byzCount > agg.f) {
    warnings.push({
      code: 'byzantine_share_above_bound',
      message: `The colony is set up with ${byzCount} Byzantine agents, above f = ${agg.f}: no aggregation can promise the right answer.`,
    });
  }
  if (!consensus) {
    warnings.push({
      code: 'no_consensus',
      message: `Confidence ${confidence.toFixed(2)} is below the threshold ${threshold.toFixed(2)}.`,
    });
  }
  const wf = candidates[win]!.features;
  const tone: Tone =
    wf.risk >= 0.6 || agreement < 0.5 || risky.length > 0
      ? 'cautious'
      : wf.novelty >= 0.6 && wf.risk <= 0.4 && confidence >= threshold
        ? 'exploratory'
        : 'balanced';

  return {
    method: choice.method,
    aggregator: choice.method === 'byzantine' ? (choice.aggregator ?? 'trimmed_mean') : null,
    ranking,
    top3: ranking.slice(0, 3),
    winner: candidates[win]!.id,
    consensusReached: consensus,
    threshold,
    confidence,
    resamples,
    agreement,
    margin: gap,
    dissentingViews: dissent(sc, agg, win),
    warnings,
    optimalTone: tone,
    suspected,
    f: agg.f,
    condorcet: {
      winner: cond.winner === null ? null : candidates[cond.winner]!.id,
      cycle: cond.winner === null && cond.smith.length > 1 ? cond.smith.map((j) => candidates[j]!.id) : null,
    },
  };
}

/**
 * s[o .. o + m) as an array. A loop, not Array.from: that walks a typed array through its iterator,
 * one result object and one boxed double per score (100,000 of each for 1,000 agents × 100).
 */
function rowOf(s: Float64Array, o: number, m: number): number[] {
  const out = new Array<number>(m);
  for (let j = 0; j < m; j++) out[j] = s[o + j]!;
  return out;
}

export function agentDetails(sc: Scored, agg: Aggregate): AgentDetail[] {
  const { agents, candidates } = sc.input;
  const m = candidates.length;
  return agents.map((a, i) => ({
    id: a.id,
    role: a.role,
    strategy: a.strategy,
    reliability: a.reliability,
    weight: sc.agentWeights[i]!,
    topChoice: candidates[agg.firstChoice[i]!]!.id,
    scores: rowOf(sc.scores, i * m, m),
    suspected: agg.suspected[i]!,
    distance: agg.distance[i]!,
  }));
}

export function truthOf(sc: Scored) {
  return { best: sc.input.candidates[argmax(sc.truth)]!.id, scores: sc.truth };
}

export const ALL_METHODS: readonly MethodChoice[] = [
  { method: 'majority' },
  { method: 'weighted' },
  { method: 'byzantine', aggregator: 'median' },
  { method: 'byzantine', aggregator: 'trimmed_mean' },
  { method: 'byzantine', aggregator: 'geometric_median' },
  { method: 'byzantine', aggregator: 'krum' },
];

export const methodLabel = (c: MethodChoice) =>
  c.method === 'byzantine'
    ? `${c.aggregator ?? 'trimmed_mean'}${c.refine === false ? ' (raw)' : ''}`
    : c.method;
