-- Foundation: settings shared by the engines, persisted metrics, and a small notes table the Data
-- page and tests use to prove that writes survive reloads, tab switches and imports.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per (metric name, label set). `labels` is canonical JSON so equal label sets collide.
CREATE TABLE metrics (
  name TEXT NOT NULL,
  labels TEXT NOT NULL DEFAULT '{}',
  kind TEXT NOT NULL DEFAULT 'counter',
  help TEXT NOT NULL DEFAULT '',
  value REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (name, labels)
);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
