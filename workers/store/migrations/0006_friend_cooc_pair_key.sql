-- friend: a co-occurrence row is keyed by one integer, k = a·2^21 + b (a < b; ids stay below 2^21),
-- in a rowid table, where it was the pair (a, b) in a WITHOUT ROWID table. SQLite finds an integer
-- key with a plain comparison per B-tree cell where it decoded and compared a record, and the
-- interior pages hold only keys: upserting a taught text's pairs took a third less time (2.2M rows
-- upserted in ten batches into a table growing to 1.6M rows, 3.5 s against 5.4 s in Node). A word's
-- own pairs are the range [a·2^21, a·2^21 + 2^21) of keys, in the order of b as before.
-- See workers/friend/coocKey.ts.

ALTER TABLE friend_cooc RENAME TO friend_cooc_pairs;

CREATE TABLE friend_cooc (
  k INTEGER PRIMARY KEY,
  scaled REAL NOT NULL
);

INSERT INTO friend_cooc (k, scaled) SELECT a * 2097152 + b, scaled FROM friend_cooc_pairs ORDER BY a, b;

DROP TABLE friend_cooc_pairs;
