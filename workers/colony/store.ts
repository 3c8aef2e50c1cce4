import { EngineError } from '../core/errors';
import type { Db } from '../store/db';
import type {
  AgentInfo,
  ByzantineStrategy,
  CandidateInput,
  ColonyConfig,
  ColonyHistory,
  ColonySummary,
  ConsensusMethod,
  ByzantineAggregator,
  CriteriaWeights,
  OutcomePoint,
  Personality,
  Verdict,
} from '../contract/colony';

interface ColonyRow {
  id: number;
  name: string;
  config: string;
  created_at: number;
}

export function insertColony(
  db: Db,
  name: string,
  config: ColonyConfig,
  agents: readonly AgentInfo[],
  now: number,
): number {
  db.run('INSERT INTO colony_colonies (name, config, created_at) VALUES (?, ?, ?)', [
    name,
    JSON.stringify(config),
    now,
  ]);
  const id = db.lastInsertRowid();
  for (const a of agents) {
    db.run(
      `INSERT INTO colony_agents (colony_id, idx, agent_id, role, strategy, expertise, personality, reliability)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        a.index,
        a.id,
        a.role,
        a.strategy,
        JSON.stringify(a.expertise),
        JSON.stringify(a.personality),
        a.reliability,
      ],
    );
  }
  return id;
}

function summaryOf(db: Db, r: ColonyRow): ColonySummary {
  const runs = db.get<{ n: number }>('SELECT count(*) AS n FROM colony_runs WHERE colony_id = ?', [r.id]);
  const outs = db.get<{ n: number }>('SELECT count(*) AS n FROM colony_outcomes WHERE colony_id = ?', [r.id]);
  return {
    id: r.id,
    name: r.name,
    config: JSON.parse(r.config) as ColonyConfig,
    createdAt: r.created_at,
    runs: Number(runs?.n ?? 0),
    outcomes: Number(outs?.n ?? 0),
  };
}

export function listColonies(db: Db): ColonySummary[] {
  return db
    .all<ColonyRow>('SELECT id, name, config, created_at FROM colony_colonies ORDER BY id DESC LIMIT 200')
    .map((r) => summaryOf(db, r));
}

/**
 * Each colony's agents as last read outside a transaction, per database. An evaluation needs all of
 * them, and reading 1,000 (5,000 text columns, 2,000 JSON documents) cost more than scoring a small
 * request; they change only through the writes below, which drop the entry. Entries are filled only
 * outside a transaction, so rows a rolled-back write left behind are never kept; a database opened
 * anew (import, hand-over) is another `Db`, with no entries. The agents are frozen: callers share them.
 */
const agentCache = new WeakMap<Db, Map<number, AgentInfo[]>>();

function forget(db: Db, colonyId?: number): void {
  if (colonyId === undefined) agentCache.delete(db);
  else agentCache.get(db)?.delete(colonyId);
}

function readAgents(db: Db, id: number): AgentInfo[] {
  const cached = agentCache.get(db)?.get(id);
  if (cached) return cached;
  const agents = db
    .all<{
      idx: number;
      agent_id: string;
      role: string;
      strategy: string | null;
      expertise: string;
      personality: string;
      reliability: number;
    }>(
      'SELECT idx, agent_id, role, strategy, expertise, personality, reliability FROM colony_agents WHERE colony_id = ? ORDER BY idx',
      [id],
    )
    .map((a) =>
      Object.freeze({
        index: a.idx,
        id: a.agent_id,
        role: a.role === 'byzantine' ? ('byzantine' as const) : ('honest' as const),
        strategy: (a.strategy as ByzantineStrategy | null) ?? null,
        expertise: Object.freeze(JSON.parse(a.expertise) as CriteriaWeights),
        personality: Object.freeze(JSON.parse(a.personality) as Personality),
        reliability: a.reliability,
      }),
    );
  Object.freeze(agents);
  if (!db.inTransaction) {
    let byId = agentCache.get(db);
    if (!byId) agentCache.set(db, (byId = new Map()));
    byId.set(id, agents);
  }
  return agents;
}

export function loadColony(db: Db, id: number): ColonySummary & { agents: AgentInfo[] } {
  const r = db.get<ColonyRow>('SELECT id, name, config, created_at FROM colony_colonies WHERE id = ?', [id]);
  if (!r) throw new EngineError('NOT_FOUND', `There is no colony ${id}.`);
  return { ...summaryOf(db, r), agents: readAgents(db, id) };
}

/** Drops every cached colony of `db`: its colony tables were emptied. */
export function forgetColonies(db: Db): void {
  forget(db);
}

export function deleteColony(db: Db, id: number): void {
  forget(db, id);
  for (const t of ['colony_agents', 'colony_outcomes', 'colony_runs'])
    db.run(`DELETE FROM ${t} WHERE colony_id = ?`, [id]);
  db.run(
    'DELETE FROM colony_tune_leaderboard WHERE tune_id IN (SELECT id FROM colony_tunes WHERE colony_id = ?)',
    [id],
  );
  db.run('DELETE FROM colony_tunes WHERE colony_id = ?', [id]);
  db.run(
    'DELETE FROM colony_evolution_generations WHERE evolution_id IN (SELECT id FROM colony_evolutions WHERE colony_id = ?)',
    [id],
  );
  db.run('DELETE FROM colony_evolutions WHERE colony_id = ?', [id]);
  db.run('DELETE FROM colony_colonies WHERE id = ?', [id]);
}

export function setReliability(db: Db, colonyId: number, reliability: readonly number[]): void {
  forget(db, colonyId);
  reliability.forEach((r, i) =>
    db.run('UPDATE colony_agents SET reliability = ? WHERE colony_id = ? AND idx = ?', [r, colonyId, i]),
  );
}

export function setPersonalities(db: Db, colonyId: number, ps: readonly Personality[]): void {
  forget(db, colonyId);
  ps.forEach((p, i) =>
    db.run('UPDATE colony_agents SET personality = ? WHERE colony_id = ? AND idx = ?', [
      JSON.stringify(p),
      colonyId,
      i,
    ]),
  );
}

export interface RunRequest {
  candidates: CandidateInput[];
  weights: CriteriaWeights;
  method: ConsensusMethod;
  aggregator: ByzantineAggregator;
  trim: number;
  attackTarget: string | null;
}

export interface StoredRun {
  id: number;
  colonyId: number;
  seed: string;
  source: string | null;
  request: RunRequest;
  winners: Record<'majority' | 'weighted' | 'byzantine', string>;
  verdict: Verdict;
  createdAt: number;
}

export function insertRun(db: Db, run: Omit<StoredRun, 'id'>): number {
  db.run(
    'INSERT INTO colony_runs (colony_id, seed, source, request, winners, verdict, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      run.colonyId,
      run.seed,
      run.source,
      JSON.stringify(run.request),
      JSON.stringify(run.winners),
      JSON.stringify(run.verdict),
      run.createdAt,
    ],
  );
  return db.lastInsertRowid();
}

interface RunRow {
  id: number;
  colony_id: number;
  seed: string;
  source: string | null;
  request: string;
  winners: string;
  verdict: string;
  created_at: number;
}

/** Verdict fields stored before the wire names became camelCase, with their names today. */
const LEGACY_VERDICT_FIELDS: ReadonlyArray<[string, keyof Verdict]> = [
  ['top_3', 'top3'],
  ['consensus_reached', 'consensusReached'],
  ['dissenting_views', 'dissentingViews'],
  ['optimal_tone', 'optimalTone'],
];

/** A stored verdict under today's field names (runs saved by an earlier version keep working). */
function verdictOf(json: string): Verdict {
  const v = JSON.parse(json) as Record<string, unknown>;
  for (const [old, now] of LEGACY_VERDICT_FIELDS) {
    if (old in v) {
      v[now] = v[old];
      delete v[old];
    }
  }
  return v as unknown as Verdict;
}

const runOf = (r: RunRow): StoredRun => ({
  id: r.id,
  colonyId: r.colony_id,
  seed: r.seed,
  source: r.source,
  request: JSON.parse(r.request) as RunRequest,
  winners: JSON.parse(r.winners) as StoredRun['winners'],
  verdict: verdictOf(r.verdict),
  createdAt: r.created_at,
});

export function loadRun(db: Db, id: number): StoredRun {
  const r = db.get<RunRow>('SELECT * FROM colony_runs WHERE id = ?', [id]);
  if (!r) throw new EngineError('NOT_FOUND', `There is no colony run ${id}.`);
  return runOf(r);
}

export function listRuns(db: Db, colonyId: number, limit = 50): StoredRun[] {
  return db
    .all<RunRow>('SELECT * FROM colony_runs WHERE colony_id = ? ORDER BY id DESC LIMIT ?', [colonyId, limit])
    .map(runOf);
}

/** The best candidate recorded for each run of a colony that has an outcome. */
export function outcomeByRun(db: Db, colonyId: number): Map<number, string> {
  return new Map(
    db
      .all<{ run_id: number; best_candidate: string }>(
        'SELECT run_id, best_candidate FROM colony_outcomes WHERE colony_id = ?',
        [colonyId],
      )
      .map((r) => [r.run_id, r.best_candidate]),
  );
}

/** Runs that have a recorded outcome, oldest first, with the best candidate people recorded. */
export function outcomeRuns(db: Db, colonyId: number): Array<{ run: StoredRun; best: string }> {
  return db
    .all<RunRow & { best_candidate: string }>(
      `SELECT r.*, o.best_candidate FROM colony_outcomes o JOIN colony_runs r ON r.id = o.run_id
       WHERE o.colony_id = ? ORDER BY o.id`,
      [colonyId],
    )
    .map((r) => ({ run: runOf(r), best: r.best_candidate }));
}

export function insertOutcome(
  db: Db,
  o: {
    colonyId: number;
    runId: number;
    best: string;
    scores: Record<string, number> | null;
    correct: OutcomePoint['correct'];
    reliability: readonly number[];
    eta: number;
    share: number;
    createdAt: number;
  },
): number {
  db.run(
    `INSERT INTO colony_outcomes (colony_id, run_id, best_candidate, scores, correct, reliability, eta, share, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      o.colonyId,
      o.runId,
      o.best,
      o.scores ? JSON.stringify(o.scores) : null,
      JSON.stringify(o.correct),
      JSON.stringify(o.reliability),
      o.eta,
      o.share,
      o.createdAt,
    ],
  );
  return db.lastInsertRowid();
}

export function loadHistory(db: Db, colonyId: number, agents: readonly AgentInfo[]): ColonyHistory {
  const rows = db.all<{
    id: number;
    run_id: number;
    best_candidate: string;
    correct: string;
    reliability: string;
    created_at: number;
  }>(
    'SELECT id, run_id, best_candidate, correct, reliability, created_at FROM colony_outcomes WHERE colony_id = ? ORDER BY id',
    [colonyId],
  );
  const reliability = rows.map((r) => JSON.parse(r.reliability) as number[]);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const points = rows.map((r, k) => {
    const rel = reliability[k]!;
    return {
      outcomeId: r.id,
      runId: r.run_id,
      createdAt: r.created_at,
      best: r.best_candidate,
      correct: JSON.parse(r.correct) as OutcomePoint['correct'],
      meanReliabilityHonest: mean(rel.filter((_, i) => agents[i]?.role === 'honest')) ?? 0,
      meanReliabilityByzantine: mean(rel.filter((_, i) => agents[i]?.role === 'byzantine')),
    };
  });
  return { points, reliability, agentIds: agents.map((a) => a.id) };
}
