-- friend: the other half of a token's co-occurrence neighbours (the pairs (a, b) with a < b, looked up
-- by b) moves from an index to a list per token. The index friend_cooc_b took one random-order
-- B-tree insert per new pair while a text was taught, and a quarter of the field's file; a list is
-- written a whole token at a time and takes a third of the room.

DROP INDEX friend_cooc_b;

-- For each token b, the ids a < b of its rows in friend_cooc, ascending, three bytes each (big-endian:
-- ids stay below 2^21). A list may name a pair that has no row (yet, or any more): readers join it
-- with friend_cooc, which decides. It never misses one: a list gains its new ids before friend_cooc
-- gains the rows (see workers/friend/coocBelow.ts).
CREATE TABLE friend_cooc_below (
  b INTEGER PRIMARY KEY,
  ids BLOB NOT NULL
);

-- Existing labs: the lists of the pairs already stored.
INSERT INTO friend_cooc_below (b, ids)
SELECT b, unhex(group_concat(printf('%06X', a), '' ORDER BY a)) FROM friend_cooc GROUP BY b;
