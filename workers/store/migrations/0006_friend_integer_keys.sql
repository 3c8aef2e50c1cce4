-- friend: the count tables are keyed by one integer each, in rowid tables, where they were keyed by
-- their ids in WITHOUT ROWID tables. Ids stay below 2^21, so
--   friend_bigrams:  k = a·2^21 + b
--   friend_cooc:     k = a·2^21 + b (a < b)
--   friend_trigrams: k = (a·2^21 + b)·2^21 + c (below 2^63)
-- SQLite finds an integer key with one comparison per B-tree cell where it decoded and compared a
-- record, and the interior pages hold only keys: upserting a taught text's rows took a fifth to a
-- third less time (in Node: 2.2M pair rows in ten batches into a table growing to 1.6M rows, 3.5 s
-- against 5.4 s; 885k triple rows in six batches, 2.0 s against 2.6 s). A word's rows are a range of
-- keys, in the order of the ids after it as before. See workers/friend/fieldKeys.ts.

ALTER TABLE friend_bigrams RENAME TO friend_bigrams_by_ids;
CREATE TABLE friend_bigrams (
  k INTEGER PRIMARY KEY,
  count INTEGER NOT NULL
);
INSERT INTO friend_bigrams (k, count)
SELECT a * 2097152 + b, count FROM friend_bigrams_by_ids ORDER BY a, b;
DROP TABLE friend_bigrams_by_ids;

ALTER TABLE friend_trigrams RENAME TO friend_trigrams_by_ids;
CREATE TABLE friend_trigrams (
  k INTEGER PRIMARY KEY,
  count INTEGER NOT NULL
);
INSERT INTO friend_trigrams (k, count)
SELECT (a * 2097152 + b) * 2097152 + c, count FROM friend_trigrams_by_ids ORDER BY a, b, c;
DROP TABLE friend_trigrams_by_ids;

ALTER TABLE friend_cooc RENAME TO friend_cooc_by_ids;
CREATE TABLE friend_cooc (
  k INTEGER PRIMARY KEY,
  scaled REAL NOT NULL
);
INSERT INTO friend_cooc (k, scaled) SELECT a * 2097152 + b, scaled FROM friend_cooc_by_ids ORDER BY a, b;
DROP TABLE friend_cooc_by_ids;
