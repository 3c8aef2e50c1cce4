import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';
import { AnsweringField } from './answeringField';
import { readStatsInSteps } from './stats';

const TEXT = Array.from(
  { length: 400 },
  (_, i) => `The river ${i % 13} ran past the mill ${i % 7}, and the miller counted ${i % 5} stones.`,
).join(' ');

/** A field taught the same text and told the same turns, on a file that is watched or not. */
async function field(trackFile: boolean) {
  const db = await openTestDb(undefined, { trackFile });
  const clock = new ManualClock();
  const api = createFriendApi(createTestContext(db, clock));
  await api.friendIngest(TEXT, 'stats-test');
  for (const p of ['where does the river go?', 'count the stones', 'the mill is quiet']) {
    await api.friendChat(p);
    clock.advance(60_000);
  }
  return { db, api };
}

describe('friendStats', () => {
  it('counts the live co-occurrence pairs from the file as SQLite counts them, decayed pairs left out', async () => {
    const watched = await field(true);
    const plain = await field(false);
    expect(watched.db.fileBytes()).not.toBeNull(); // the count comes from the file's pages
    expect(plain.db.fileBytes()).toBeNull(); // the count comes from SQLite
    const a = await watched.api.friendStats();
    const b = await plain.api.friendStats();
    expect(a.cooccurrences).toBeGreaterThan(100);
    expect(a).toEqual(b);
    // Pairs decayed to nothing that wait for a prune are not counted, either way.
    for (const { db } of [watched, plain])
      db.run('UPDATE friend_cooc SET scaled = -1 WHERE (k >> 21) % 3 = 0');
    const decayed = watched.db.get<{ n: number }>(
      'SELECT count(*) AS n FROM friend_cooc WHERE (k >> 21) % 3 = 0',
    )!.n;
    expect(decayed).toBeGreaterThan(0);
    const a2 = await watched.api.friendStats();
    expect(a2.cooccurrences).toBe(a.cooccurrences - decayed);
    expect(a2).toEqual(await plain.api.friendStats());
    watched.db.close();
    plain.db.close();
  });

  it('counts a page at a time, leaving the thread between pages, and starts again after a write', async () => {
    const { db, api } = await field(true);
    const ctx = createTestContext(db);
    const fieldOf = new AnsweringField();
    const whole = await api.friendStats();
    const inSteps = (pause: (n: number) => void) => {
      let pauses = 0;
      return readStatsInSteps(ctx, fieldOf, { pagesPerStep: 1, pause: async () => pause(++pauses) }).then(
        (stats) => ({ stats, pauses }),
      );
    };

    const one = await inSteps(() => undefined);
    expect(one.pauses).toBeGreaterThanOrEqual(3); // one pause per page after the first
    expect(one.stats).toEqual(whole);

    // A write at the second pause (pairs decayed to nothing): the count starts again, and counts the
    // file as the write left it.
    const decayed = db.get<{ n: number }>('SELECT count(*) AS n FROM friend_cooc WHERE (k >> 21) % 3 = 0')!.n;
    expect(decayed).toBeGreaterThan(0);
    const again = await inSteps((n) => {
      if (n === 2) db.run('UPDATE friend_cooc SET scaled = -1 WHERE (k >> 21) % 3 = 0');
    });
    expect(again.pauses).toBe(one.pauses + 2);
    expect(again.stats.cooccurrences).toBe(whole.cooccurrences - decayed);
    expect(again.stats).toEqual(await api.friendStats());

    // A write at every pause: after three starts SQLite counts in one go, still right.
    const setMeta = (n: number) =>
      db.run(
        "INSERT INTO friend_meta (key, value) VALUES ('stats-test', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [String(n)],
      );
    const busy = await inSteps((n) => {
      setMeta(n);
      if (n === 3) db.run('UPDATE friend_cooc SET scaled = -1 WHERE (k >> 21) % 5 = 0');
    });
    expect(busy.pauses).toBe(3);
    const live = db.get<{ n: number }>('SELECT count(*) AS n FROM friend_cooc WHERE scaled > ?', [
      fieldOf.store.coocFloor,
    ])!.n;
    expect(live).toBeLessThan(whole.cooccurrences - decayed);
    expect(busy.stats.cooccurrences).toBe(live);
    db.close();
  });
});
