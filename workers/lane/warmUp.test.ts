import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import { hashValue } from '../core/hash';
import { normalizeSeed } from './seed';
import { simulate } from './simulate';
import { prepareLaneStatements, warmUpLane, warmUpLaneLoops, warmUpLaneStorage } from './warmUp';
import { verifyArtifactChain } from './artifacts';
import { readTrace } from './trace';
import { openTestDb } from '../store/testDb';
import type { DreamSeed } from '../contract/lane';

const examples = (
  JSON.parse(readFileSync('public/examples/index.json', 'utf8')) as Array<{ file: string }>
).map(
  ({ file }) =>
    [
      file,
      (JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as { seed: DreamSeed }).seed,
    ] as const,
);

const hashOf = async (seed: DreamSeed) =>
  hashValue(await simulate(normalizeSeed(seed, 0), { clock: new ManualClock(), pool: null }));

describe('the lane warm-up', () => {
  it('changes no result: every example hashes the same before and after it', async () => {
    // First in this file, so these run on code that nothing has warmed yet.
    const before = await Promise.all(examples.map(([, seed]) => hashOf(seed)));
    let pieces = 0;
    await warmUpLane(async () => void pieces++);
    expect(pieces).toBeGreaterThan(20);
    // The hot loops at a job's length: one call a piece.
    let loopPieces = 0;
    await warmUpLaneLoops(async () => void loopPieces++);
    expect(loopPieces).toBeGreaterThan(40);
    const after = await Promise.all(examples.map(([, seed]) => hashOf(seed)));
    expect(after).toEqual(before);
    // And the pinned golden hash of the canary (goldenHashes.test.ts).
    expect(after[examples.findIndex(([f]) => f === 'onboarding.json')]).toBe(
      'c68b933dfd6d55d4e5459c2786e355a749a6108ac19f0d2708e9ef1a5467c079',
    );
  });
});

describe('the lane storage warm-up', () => {
  it('runs a job through SQLite, then one through the lane API, on the scratch database it is given, and closes it', async () => {
    const db = await openTestDb(0);
    let closed = 0;
    const close = db.close.bind(db);
    db.close = () => void closed++;
    let pieces = 0;
    const statements = await warmUpLaneStorage(
      async () => void pieces++,
      async () => db,
    );
    expect(closed).toBe(1);
    // What it ran, for the lab's connection: a job's writes among them.
    expect(statements).toEqual(db.preparedSql());
    expect(statements.some((sql) => /^\s*INSERT INTO lane_jobs\b/i.test(sql))).toBe(true);
    expect(statements.some((sql) => /UPDATE lane_jobs SET state = 'finished'/.test(sql))).toBe(true);
    expect(pieces).toBeGreaterThan(4);
    const jobs = db.all<{ job_id: string; state: string; result_hash: string | null }>(
      'SELECT job_id, state, result_hash FROM lane_jobs',
    );
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(job.state).toBe('finished');
      expect(job.result_hash).toMatch(/^[0-9a-f]{64}$/);
      const kinds = readTrace(db, job.job_id).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['seed_scheduled', 'job_finished', 'seed_collected']));
    }
    expect(verifyArtifactChain(db).ok).toBe(true);
    close();
  });
});

describe('preparing the lane statements on the lab', () => {
  it("prepares what the storage warm-up ran, in pieces, and leaves the lab's file as it was", async () => {
    const scratch = await openTestDb(0);
    const statements = await warmUpLaneStorage(
      async () => undefined,
      async () => scratch,
    );
    const lab = await openTestDb(0);
    lab.transaction(() => lab.run("INSERT INTO notes (body, created_at) VALUES ('kept', 1)"));
    const before = lab.export();
    const changes = lab.totalChanges();
    let pieces = 0;
    await prepareLaneStatements(
      async () => void pieces++,
      statements,
      () => lab,
    );
    expect(pieces).toBe(Math.ceil(statements.length / 8));
    expect(lab.preparedSql()).toEqual(expect.arrayContaining(statements));
    expect(lab.totalChanges()).toBe(changes);
    expect(lab.export()).toEqual(before);
    expect(lab.all('SELECT job_id FROM lane_jobs')).toEqual([]);
  });

  it('stops when the lab is no longer there', async () => {
    let asked = 0;
    await prepareLaneStatements(
      async () => undefined,
      ['SELECT 1', 'SELECT 2'],
      () => {
        asked++;
        throw new Error('The lab is open in another tab.');
      },
    );
    expect(asked).toBe(1);
  });
});
