import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { silentOperation } from '../core/operation';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { knownMigrations } from '../store/migrations';
import { openEmptyDb, openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { PairCounts } from './countTables';
import { addBelow, addBelowFew, decodeIds, idsBelow, mergeIds } from './coocBelow';
import { DECAY_EVERY, DECAY_OFFSET, type FieldStore } from './field';
import { neighbours } from './generate';
import { ingestText } from './ingest';
import { tokenize } from './tokenizer';
import { freshField, xorshift } from './testField';

const WORDS = 'river stone light field word night city road dream child window rain bird song'.split(' ');

/** A deterministic text with a few hundred words of varying frequency. */
function corpus(sentences: number, seed = 7): string {
  const next = xorshift(seed);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 4 + (next() % 9);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = next();
      words.push(r % 5 === 0 ? `word${r % 300}` : WORDS[r % WORDS.length]!);
    }
    out.push(words.join(' ') + '.');
  }
  return out.join(' ');
}

/** friend_cooc's rows as pairs (a, b): its key is a·2^21 + b (fieldKeys.ts, migration 0006). */
const PAIRS = 'SELECT k >> 21 AS a, k & 2097151 AS b, scaled FROM friend_cooc';
/** The same before migration 0006, when the pair was the key. */
const OLD_PAIRS = 'SELECT a, b, scaled FROM friend_cooc';

/** For every b, the a's of its rows (a, b): what its list must name. */
function rowsBelow(db: Db): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of db.all<{ a: number; b: number }>(`SELECT a, b FROM (${PAIRS}) ORDER BY b, a`)) {
    const list = out.get(r.b) ?? [];
    list.push(r.a);
    out.set(r.b, list);
  }
  return out;
}

/** A token's neighbours as the index on friend_cooc (b, a) gave them before the lists. */
function neighboursByScan(db: Db, field: FieldStore, id: number, limit: number, pairs = PAIRS) {
  return db.all(
    `SELECT id, scaled * ? - ? AS count FROM (
       SELECT b AS id, scaled FROM (${pairs}) WHERE a = ? AND scaled > ?
       UNION ALL SELECT a AS id, scaled FROM (${pairs}) WHERE b = ? AND scaled > ?)
     ORDER BY scaled DESC, id LIMIT ?`,
    [field.coocScale, DECAY_OFFSET, id, field.coocFloor, id, field.coocFloor, limit],
  );
}

describe('the co-occurrence lists (the lower half of each token’s neighbours)', () => {
  it('merge new ids into a list in order, and say when there is nothing new', () => {
    const enc = (ids: number[]) => {
      const c = new PairCounts();
      for (const a of ids) c.add(a, 2_000_000, 1);
      return c.bySecond().first;
    };
    const list = new Uint8Array([0, 0, 3, 0, 1, 0, 0x1f, 0xff, 0xff]); // 3, 256, 2^21 − 1
    expect(mergeIds(list, enc([3, 256]), 0, 2)).toBeNull();
    const merged = mergeIds(list, enc([1, 256, 70_000]), 0, 3)!;
    const ids = [...merged].reduce<number[]>((out, _, i) => {
      if (i % 3 === 0) out.push((merged[i]! << 16) | (merged[i + 1]! << 8) | merged[i + 2]!);
      return out;
    }, []);
    expect(ids).toEqual([1, 3, 256, 70_000, 2_097_151]);
  });

  it('merge as a sorted union does, for lists and additions of every length', () => {
    const next = xorshift(5);
    for (let round = 0; round < 400; round++) {
      const span = 1 + (next() % 5000);
      const has = [...new Set(Array.from({ length: next() % 300 }, () => next() % span))].sort(
        (x, y) => x - y,
      );
      const extra = [...new Set(Array.from({ length: next() % 40 }, () => next() % span))].sort(
        (x, y) => x - y,
      );
      const list = new Uint8Array(has.length * 3);
      has.forEach((x, i) => list.set([x >>> 16, (x >>> 8) & 0xff, x & 0xff], 3 * i));
      // The additions sit in the middle of a larger array, as a token's run of new pairs does.
      const add = Int32Array.from([-1, ...extra, -1]);
      const merged = mergeIds(list, add, 1, extra.length + 1);
      const union = [...new Set([...has, ...extra])].sort((x, y) => x - y);
      if (union.length === has.length) expect(merged).toBeNull();
      else expect(decodeIds(merged!)).toEqual(union);
    }
  });

  it('name exactly the rows of each token after teaching, chatting and a prune', async () => {
    const db = await openTestDb();
    const f = freshField(db);
    const ctx = createTestContext(db, new ManualClock());
    await ingestText({ field: f, write: ctx.write }, corpus(400), silentOperation(), { rowsPerWrite: 300 });
    db.transaction(() => {
      for (let i = 0; i < 3 * DECAY_EVERY; i++) f.observe(tokenize(corpus(1, i + 11)), db);
      f.flush(db);
      for (let i = 0; i < 200; i++) f.decay(db, false);
      for (let at = f.prunePiece(db, [0, 0], 50); at; at = f.prunePiece(db, at, 50));
    });
    const rows = rowsBelow(db);
    expect(rows.size).toBeGreaterThan(0);
    const listed = new Map(
      db.all<{ b: number }>('SELECT b FROM friend_cooc_below').map((r) => [r.b, idsBelow(db, r.b)]),
    );
    expect(listed).toEqual(rows);
  });

  it('keep a pair a text being taught is about to write again, even when the prune deletes its row', async () => {
    const db = await openTestDb();
    const f = freshField(db);
    db.transaction(() => {
      f.observe(tokenize('weak link'), db);
      f.flush(db);
      for (let i = 0; i < 200; i++) f.decay(db, false);
    });
    const [a, b] = [f.lookup('weak')!.id, f.lookup('link')!.id].sort((x, y) => x - y) as [number, number];
    const pending = new PairCounts();
    pending.add(a, b, 1);
    f.holdUnwritten(pending, true);
    db.transaction(() => expect(f.prunePiece(db, [0, 0], 10)).toBeNull());
    expect(db.get('SELECT 1 AS x FROM friend_cooc')).toBeUndefined();
    expect(idsBelow(db, b)).toEqual([a]);
    f.holdUnwritten(pending, false);
    db.transaction(() => {
      f.observe(tokenize('weak link'), db);
      f.flush(db);
      for (let i = 0; i < 200; i++) f.decay(db, false);
      f.prunePiece(db, [0, 0], 10);
    });
    expect(idsBelow(db, b)).toEqual([]);
  });

  it('are built from the stored pairs when an older lab is migrated, and give the same neighbours', async () => {
    const db = await openEmptyDb();
    migrate(db, knownMigrations.slice(0, 4), 1);
    const f = freshField(db);
    // An older lab's field, written as it was: rows in friend_cooc, its index on (b, a).
    let x = 3;
    const next = () => {
      // xorshift32: every bit mixes, so small moduli are spread evenly.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % 2147483648;
    };
    const pairs = new Map<string, [number, number, number]>();
    for (let i = 0; i < 9000; i++) {
      const p = 1 + (next() % 400);
      const q = 1 + (next() % 400);
      if (p === q) continue;
      pairs.set(`${Math.min(p, q)} ${Math.max(p, q)}`, [
        Math.min(p, q),
        Math.max(p, q),
        2 + (next() % 1000) / 7,
      ]);
    }
    db.transaction(() => {
      for (const [a, b, v] of pairs.values())
        db.run('INSERT INTO friend_cooc (a, b, scaled) VALUES (?, ?, ?)', [a, b, v]);
    });
    const before = [1, 17, 200, 399].map((id) => neighboursByScan(db, f, id, 20, OLD_PAIRS));
    const rowsBefore = db.all(`${OLD_PAIRS} ORDER BY a, b`);
    migrate(db, knownMigrations, 2);
    // Migration 0006: the same rows, keyed by a·2^21 + b, in the same order.
    expect(db.all(`${PAIRS} ORDER BY k`)).toEqual(rowsBefore);
    expect(rowsBefore.length).toBe(pairs.size);
    expect(db.get("SELECT 1 AS x FROM sqlite_master WHERE name = 'friend_cooc_b'")).toBeUndefined();
    const listed = new Map(
      db.all<{ b: number }>('SELECT b FROM friend_cooc_below').map((r) => [r.b, idsBelow(db, r.b)]),
    );
    expect(listed).toEqual(rowsBelow(db));
    expect([1, 17, 200, 399].map((id) => neighbours(db, f, id, 20))).toEqual(before);
    expect(before.map((n) => n.length)).toEqual([20, 20, 20, 20]);
  });
});

describe('a few pairs added to the lists (a chat turn’s)', () => {
  it('leave the lists as the grouping over every id leaves them', async () => {
    const dense = await openTestDb();
    const few = await openTestDb();
    const next = xorshift(11);
    for (let round = 0; round < 20; round++) {
      const pairs = new PairCounts();
      for (let k = 0; k < 5 + (next() % 300); k++) {
        const a = 1 + (next() % 3000);
        const b = a + 1 + (next() % 40_000);
        pairs.add(a, b, 1);
      }
      const lists = pairs.bySecondFew()!;
      expect(lists.bs.length).toBeGreaterThan(0);
      const grouped = pairs.bySecond();
      dense.transaction(() => addBelow(dense, grouped, 0, grouped.start.length - 1));
      few.transaction(() => addBelowFew(few, lists));
    }
    const read = (db: Db) =>
      db
        .all<{ b: number; ids: Uint8Array }>('SELECT b, ids FROM friend_cooc_below ORDER BY b')
        .map((r) => [r.b, Array.from(decodeIds(r.ids))]);
    const stored = read(dense);
    expect(stored.length).toBeGreaterThan(500);
    expect(read(few)).toEqual(stored);
  });
});
