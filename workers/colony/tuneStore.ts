import type { Db } from '../store/db';
import type {
  EvolutionSummary,
  GenerationReport,
  LeaderboardEntry,
  RungReport,
  TuneSummary,
} from '../contract/colony';

// The tables of self-tuning (colony_tunes, colony_tune_leaderboard) and evolution
// (colony_evolutions, colony_evolution_generations).

export function insertTune(
  db: Db,
  t: {
    colonyId: number;
    seed: string;
    options: unknown;
    evaluations: number;
    defaultHeldOut: number;
    rungs: RungReport[];
    leaderboard: LeaderboardEntry[];
    createdAt: number;
  },
): number {
  db.run(
    'INSERT INTO colony_tunes (colony_id, seed, options, evaluations, default_held_out, rungs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      t.colonyId,
      t.seed,
      JSON.stringify(t.options),
      t.evaluations,
      t.defaultHeldOut,
      JSON.stringify(t.rungs),
      t.createdAt,
    ],
  );
  const tid = db.lastInsertRowid();
  for (const e of t.leaderboard) {
    db.run(
      'INSERT INTO colony_tune_leaderboard (tune_id, rank, config, score, rung, held_out) VALUES (?, ?, ?, ?, ?, ?)',
      [tid, e.rank, JSON.stringify(e.config), e.score, e.rung, e.heldOut],
    );
  }
  return tid;
}

interface EntryRow {
  rank: number;
  config: string;
  score: number;
  rung: number;
  held_out: number | null;
}

const entryOf = (r: EntryRow): LeaderboardEntry => ({
  rank: r.rank,
  config: JSON.parse(r.config),
  score: r.score,
  rung: r.rung,
  heldOut: r.held_out,
});

export function listTunes(db: Db, colonyId: number): TuneSummary[] {
  return db
    .all<{ id: number; created_at: number; evaluations: number; default_held_out: number }>(
      'SELECT id, created_at, evaluations, default_held_out FROM colony_tunes WHERE colony_id = ? ORDER BY id DESC LIMIT 50',
      [colonyId],
    )
    .map((t) => {
      const b = db.get<EntryRow>(
        'SELECT rank, config, score, rung, held_out FROM colony_tune_leaderboard WHERE tune_id = ? AND rank = 1',
        [t.id],
      );
      return {
        tuneId: t.id,
        createdAt: t.created_at,
        evaluations: t.evaluations,
        defaultHeldOut: t.default_held_out,
        best: {
          rank: 1,
          config: JSON.parse(b?.config ?? 'null'),
          score: b?.score ?? 0,
          rung: b?.rung ?? 0,
          heldOut: b?.held_out ?? null,
        },
      };
    });
}

export function loadLeaderboard(db: Db, tuneId: number): LeaderboardEntry[] {
  return db
    .all<EntryRow>(
      'SELECT rank, config, score, rung, held_out FROM colony_tune_leaderboard WHERE tune_id = ? ORDER BY rank',
      [tuneId],
    )
    .map(entryOf);
}

export function insertEvolution(
  db: Db,
  e: {
    colonyId: number;
    seed: string;
    options: unknown;
    applied: boolean;
    generations: GenerationReport[];
    createdAt: number;
  },
): number {
  db.run(
    'INSERT INTO colony_evolutions (colony_id, seed, options, applied, created_at) VALUES (?, ?, ?, ?, ?)',
    [e.colonyId, e.seed, JSON.stringify(e.options), e.applied ? 1 : 0, e.createdAt],
  );
  const eid = db.lastInsertRowid();
  for (const g of e.generations) {
    db.run(
      'INSERT INTO colony_evolution_generations (evolution_id, generation, best, mean, worst, colony_accuracy) VALUES (?, ?, ?, ?, ?, ?)',
      [eid, g.generation, g.best, g.mean, g.worst, g.colonyAccuracy],
    );
  }
  return eid;
}

export function listEvolutions(db: Db, colonyId: number): EvolutionSummary[] {
  return db
    .all<{ id: number; created_at: number; applied: number }>(
      'SELECT id, created_at, applied FROM colony_evolutions WHERE colony_id = ? ORDER BY id DESC LIMIT 20',
      [colonyId],
    )
    .map((e) => ({
      id: e.id,
      createdAt: e.created_at,
      applied: e.applied === 1,
      generations: db
        .all<{ generation: number; best: number; mean: number; worst: number; colony_accuracy: number }>(
          'SELECT generation, best, mean, worst, colony_accuracy FROM colony_evolution_generations WHERE evolution_id = ? ORDER BY generation',
          [e.id],
        )
        .map((g) => ({
          generation: g.generation,
          best: g.best,
          mean: g.mean,
          worst: g.worst,
          colonyAccuracy: g.colony_accuracy,
        })),
    }));
}
