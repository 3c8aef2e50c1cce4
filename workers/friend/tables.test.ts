import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { openTestDb } from '../store/testDb';
import { createTestContext } from '../runtime/testContext';
import { createFriendApi } from './api';
import { resetFriendTables } from './tables';

describe('the Friend page’s tables', () => {
  it('resetFriendTables empties every friend_ and dream_ table, asking each owner', async () => {
    const db = await openTestDb();
    const clock = new ManualClock();
    const api = createFriendApi(createTestContext(db, clock));
    await api.friendChat('Who are you, little field?');
    await api.friendDreamNow();
    const tables = db
      .all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'friend\\_%' ESCAPE '\\' OR name LIKE 'dream\\_%' ESCAPE '\\')",
      )
      .map((r) => r.name);
    const rows = (t: string) => db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)!.n;
    expect(tables.length).toBe(13);
    // Every table has something in it before, so an owner that forgot one would show.
    for (const t of tables) expect(rows(t), t).toBeGreaterThan(0);
    db.transaction(() => resetFriendTables(db));
    for (const t of tables) expect(rows(t), t).toBe(0);
  });

  it('a chat turn returns its two messages exactly as the history stores them', async () => {
    const db = await openTestDb();
    const api = createFriendApi(createTestContext(db, new ManualClock()));
    const first = await api.friendChat('hello there');
    const second = await api.friendChat('Who are you?');
    expect(await api.friendHistory()).toEqual([first.user, first.reply, second.user, second.reply]);
    expect(first.metrics.promptWords).toBe(2);
    expect(first.metrics.knownWords).toBeLessThanOrEqual(2);
    const weights = Object.values(first.metrics.expertWeights);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
    expect(Math.max(...weights)).toBe(first.metrics.expertWeights[first.reply.expert!]);
  });
});
