-- friend: the dream-friend field. A small language field (vocabulary, n-gram and co-occurrence
-- counts), the chat with it, its themes, and the imaginary friend's four dream tables.

-- Small key/value state of the field (seed, observation counter, origin text, smoothed trauma…).
CREATE TABLE friend_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per token, compared case-insensitively (`word` is the lower-case key); `display` keeps
-- the case it is shown with, and `display_mid` says it was seen mid-sentence (so its capitals are
-- the word's own, not the sentence's).
CREATE TABLE friend_vocab (
  id INTEGER PRIMARY KEY,
  word TEXT NOT NULL UNIQUE,
  display TEXT NOT NULL,
  display_mid INTEGER NOT NULL DEFAULT 0,
  count INTEGER NOT NULL DEFAULT 0,
  is_punct INTEGER NOT NULL DEFAULT 0
);

-- N-gram counts never decay. WITHOUT ROWID: the key is the data, so a row lookup is one B-tree walk.
CREATE TABLE friend_bigrams (
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;

CREATE TABLE friend_trigrams (
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  c INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (a, b, c)
) WITHOUT ROWID;

-- Symmetric co-occurrence within ±5 tokens, stored once per unordered pair (a < b); the index on b
-- finds the other half of a token's neighbours. Counts are real (a novelty bonus and decay apply) and
-- stored scaled so that a decay step rewrites no row: count = scaled · 0.99^epoch − 2, with the epoch
-- in friend_meta (`cooc_epoch`); see workers/friend/field.ts.
CREATE TABLE friend_cooc (
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  scaled REAL NOT NULL,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX friend_cooc_b ON friend_cooc (b, a);

-- Themes: groups of words that co-occur, rebuilt on a throttle from a bounded set of words.
CREATE TABLE friend_themes (
  id INTEGER PRIMARY KEY,
  words TEXT NOT NULL,
  size INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The chat, with the presence metrics of each turn.
CREATE TABLE friend_messages (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('user', 'leo')),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expert TEXT,
  temperature REAL,
  semantic_weight REAL,
  novelty REAL,
  arousal REAL,
  entropy REAL,
  trauma REAL,
  quality REAL,
  dialog_id INTEGER
);

-- Every fragment's weight after every dream run, for the drift chart.
CREATE TABLE friend_fragment_history (
  id INTEGER PRIMARY KEY,
  dialog_id INTEGER NOT NULL,
  fragment_id INTEGER NOT NULL,
  weight REAL NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX friend_fragment_history_dialog ON friend_fragment_history (dialog_id);

-- The imaginary friend, exactly as its design names the tables (initDream also creates them).
CREATE TABLE dream_meta (
  key TEXT PRIMARY KEY,
  value TEXT
);

CREATE TABLE dream_bootstrap_fragments (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  weight REAL NOT NULL DEFAULT 1.0
);

CREATE TABLE dream_dialogs (
  id INTEGER PRIMARY KEY,
  started_at REAL,
  finished_at REAL,
  episodes_count INTEGER,
  avg_trauma REAL,
  avg_arousal REAL,
  note TEXT
);

CREATE TABLE dream_turns (
  id INTEGER PRIMARY KEY,
  dialog_id INTEGER REFERENCES dream_dialogs (id),
  speaker TEXT CHECK (speaker IN ('leo', 'friend')),
  text TEXT NOT NULL,
  trauma_level REAL,
  pulse_novelty REAL,
  pulse_arousal REAL,
  pulse_entropy REAL
);
CREATE INDEX dream_turns_dialog ON dream_turns (dialog_id);
