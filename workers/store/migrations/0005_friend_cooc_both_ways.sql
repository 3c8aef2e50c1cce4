-- friend: co-occurrence is stored both ways, (a, b) and (b, a), and the index on b is dropped.
-- A pair's neighbours are then one range of the primary key, and a batch of counts sorted by key
-- writes one B-tree in order; the index took every new pair in random order, which made teaching a
-- long text about a third slower. Both rows of a pair are always written with the same value.
INSERT INTO friend_cooc (a, b, scaled) SELECT b, a, scaled FROM friend_cooc;
DROP INDEX friend_cooc_b;
