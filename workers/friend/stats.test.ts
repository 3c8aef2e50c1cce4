import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';

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
    for (const { db } of [watched, plain]) db.run('UPDATE friend_cooc SET scaled = -1 WHERE a % 3 = 0');
    const decayed = watched.db.get<{ n: number }>('SELECT count(*) AS n FROM friend_cooc WHERE a % 3 = 0')!.n;
    expect(decayed).toBeGreaterThan(0);
    const a2 = await watched.api.friendStats();
    expect(a2.cooccurrences).toBe(a.cooccurrences - decayed);
    expect(a2).toEqual(await plain.api.friendStats());
    watched.db.close();
    plain.db.close();
  });
});
