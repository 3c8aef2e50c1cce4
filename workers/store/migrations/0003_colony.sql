-- colony: simulated evaluator colonies, their agents' learned reliability, runs and verdicts, recorded
-- outcomes (with the reliability after each), self-tuning leaderboards, evolution history, and the
-- editable model profiles of the enhancement package.

CREATE TABLE colony_colonies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  config TEXT NOT NULL,            -- ColonyConfig as JSON (size, expertise, personality, Byzantine share…)
  created_at INTEGER NOT NULL
);

CREATE TABLE colony_agents (
  colony_id INTEGER NOT NULL REFERENCES colony_colonies(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  agent_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('honest', 'byzantine')),
  strategy TEXT,
  expertise TEXT NOT NULL,         -- JSON criterion → [0, 1]
  personality TEXT NOT NULL,       -- JSON trait → [0, 1]
  reliability REAL NOT NULL DEFAULT 1,
  PRIMARY KEY (colony_id, idx)
);

CREATE TABLE colony_runs (
  id INTEGER PRIMARY KEY,
  colony_id INTEGER NOT NULL REFERENCES colony_colonies(id) ON DELETE CASCADE,
  seed TEXT NOT NULL,
  source TEXT,                     -- lane job id the candidates came from, or NULL for hand entry
  request TEXT NOT NULL,           -- candidates, weights, method, aggregator, trim, attack target (JSON)
  winners TEXT NOT NULL,           -- JSON method → winning candidate id at the time of the run
  verdict TEXT NOT NULL,           -- the requested method's verdict (JSON, without per-agent detail)
  created_at INTEGER NOT NULL
);
CREATE INDEX colony_runs_by_colony ON colony_runs (colony_id, id);

CREATE TABLE colony_outcomes (
  id INTEGER PRIMARY KEY,
  colony_id INTEGER NOT NULL REFERENCES colony_colonies(id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES colony_runs(id) ON DELETE CASCADE,
  best_candidate TEXT NOT NULL,
  scores TEXT,                     -- JSON candidate → observed score, when given
  correct TEXT NOT NULL,           -- JSON method → whether its verdict picked the actual best
  reliability TEXT NOT NULL,       -- JSON array: every agent's reliability after this update
  eta REAL NOT NULL,
  share REAL NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX colony_outcomes_by_colony ON colony_outcomes (colony_id, id);

CREATE TABLE colony_tunes (
  id INTEGER PRIMARY KEY,
  colony_id INTEGER NOT NULL REFERENCES colony_colonies(id) ON DELETE CASCADE,
  seed TEXT NOT NULL,
  options TEXT NOT NULL,
  evaluations INTEGER NOT NULL,
  default_held_out REAL NOT NULL,
  rungs TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE colony_tune_leaderboard (
  tune_id INTEGER NOT NULL REFERENCES colony_tunes(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  config TEXT NOT NULL,
  score REAL NOT NULL,
  rung INTEGER NOT NULL,
  held_out REAL,
  PRIMARY KEY (tune_id, rank)
);

CREATE TABLE colony_evolutions (
  id INTEGER PRIMARY KEY,
  colony_id INTEGER NOT NULL REFERENCES colony_colonies(id) ON DELETE CASCADE,
  seed TEXT NOT NULL,
  options TEXT NOT NULL,
  applied INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE colony_evolution_generations (
  evolution_id INTEGER NOT NULL REFERENCES colony_evolutions(id) ON DELETE CASCADE,
  generation INTEGER NOT NULL,
  best REAL NOT NULL,
  mean REAL NOT NULL,
  worst REAL NOT NULL,
  colony_accuracy REAL NOT NULL,
  PRIMARY KEY (evolution_id, generation)
);

CREATE TABLE colony_model_profiles (
  id TEXT PRIMARY KEY,
  profile TEXT NOT NULL,           -- ModelProfile as JSON (edited copy of a built-in profile)
  updated_at INTEGER NOT NULL
);
