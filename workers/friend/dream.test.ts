import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../core/rng';
import type { Db } from '../store/db';
import { openEmptyDb, openTestDb } from '../store/testDb';
import {
  COOLDOWN_MS,
  DREAM_PROBABILITY,
  FRAGMENT_BUFFER,
  FRAGMENT_DECAY,
  FRAGMENT_FLOOR,
  initDream,
  maybeRunDream,
  NEW_FRAGMENT_WEIGHT,
  ORIGIN_FRAGMENTS,
  type DreamContext,
  type DreamHooks,
} from './dream';
import { AnsweringField } from './answeringField';
import { chatTurn } from './chatTurn';
import { dreamNow } from './dreamNow';
import { DEFAULT_ORIGIN } from './origin';
import { tokenize } from './tokenizer';

const T0 = 1_700_000_000_000;
const STIRRED: DreamContext = {
  prompt: 'who are you?',
  reply: 'I am the place where your words meet.',
  pulse: { novelty: 0.8, arousal: 0.2, entropy: 0.5 },
  trauma: 0.6,
  quality: 0.7,
  expert: 'wounded',
};
const CALM: DreamContext = {
  ...STIRRED,
  pulse: { novelty: 0.1, arousal: 0.1, entropy: 0.5 },
  trauma: 0.1,
  quality: 0.9,
};

/** A stream whose every draw is `x`: lets a test open or close the p≈0.3 draw on purpose. */
const fixed = (x: number): Rng => ({
  next: () => x,
  uint32: () => Math.floor(x * 2 ** 32),
  int: (n) => Math.floor(x * n),
});

/** Small fake hooks that record what the dream layer asked of the field. */
function fakeHooks(opts: { failGenerateAt?: number; failObserveAt?: number } = {}) {
  const generated: Array<{ seed: string; temperature: number; semanticWeight: number }> = [];
  const observed: string[] = [];
  const hooks: DreamHooks = {
    generate(seed, temperature, semanticWeight) {
      if (generated.length === opts.failGenerateAt) throw new Error('generator broke');
      generated.push({ seed, temperature, semanticWeight });
      return `line ${generated.length} about the sea!`;
    },
    observe(text) {
      if (observed.length === opts.failObserveAt) throw new Error('observer broke');
      observed.push(text);
    },
    measure: () => ({ pulse: { novelty: 0.5, arousal: 0.9, entropy: 0.5 }, trauma: 0.3 }),
  };
  return { hooks, generated, observed };
}

const rows = (db: Db, t: string) => db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)!.n;
const fragments = (db: Db) =>
  db.all<{ id: number; text: string; weight: number }>('SELECT * FROM dream_bootstrap_fragments ORDER BY id');

describe('the dream layer', () => {
  it('init creates the four tables on its own, seeds fragments from the origin, and is idempotent', async () => {
    const db = await openEmptyDb();
    initDream(db, DEFAULT_ORIGIN);
    const tables = db
      .all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dream_%' ORDER BY name",
      )
      .map((r) => r.name);
    expect(tables).toEqual(['dream_bootstrap_fragments', 'dream_dialogs', 'dream_meta', 'dream_turns']);
    const first = fragments(db);
    expect(first.length).toBe(ORIGIN_FRAGMENTS);
    expect(first.every((f) => f.weight === 1 && DEFAULT_ORIGIN.replace(/\s+/g, ' ').includes(f.text))).toBe(
      true,
    );
    initDream(db, DEFAULT_ORIGIN);
    expect(fragments(db)).toEqual(first);
  });

  it('has exactly the four tables and columns of the design, from the migration and from init alike', async () => {
    const columns = (db: Db) =>
      Object.fromEntries(
        ['dream_meta', 'dream_bootstrap_fragments', 'dream_dialogs', 'dream_turns'].map((t) => [
          t,
          db.all<{ name: string }>(`PRAGMA table_info(${t})`).map((c) => c.name),
        ]),
      );
    const want = {
      dream_meta: ['key', 'value'],
      dream_bootstrap_fragments: ['id', 'text', 'weight'],
      dream_dialogs: [
        'id',
        'started_at',
        'finished_at',
        'episodes_count',
        'avg_trauma',
        'avg_arousal',
        'note',
      ],
      dream_turns: [
        'id',
        'dialog_id',
        'speaker',
        'text',
        'trauma_level',
        'pulse_novelty',
        'pulse_arousal',
        'pulse_entropy',
      ],
    };
    expect(columns(await openTestDb())).toEqual(want);
    const empty = await openEmptyDb();
    initDream(empty, DEFAULT_ORIGIN);
    expect(columns(empty)).toEqual(want);
  });

  it('respects the switch, the cooldown, the state gates and the draw', async () => {
    const db = await openTestDb();
    initDream(db, DEFAULT_ORIGIN);
    const { hooks, observed } = fakeHooks();
    expect(maybeRunDream(db, CALM, hooks, { now: T0, rng: fixed(0) }).reason).toBe('calm');
    expect(maybeRunDream(db, STIRRED, hooks, { now: T0, rng: fixed(0.31) }).reason).toBe('draw');
    expect(rows(db, 'dream_dialogs')).toBe(0);
    expect(observed).toEqual([]);
    const ran = maybeRunDream(db, STIRRED, hooks, { now: T0, rng: fixed(0.1) });
    expect(ran).toMatchObject({ ran: true, reason: 'trauma' });
    expect(maybeRunDream(db, STIRRED, hooks, { now: T0 + COOLDOWN_MS - 1, rng: fixed(0) }).reason).toBe(
      'cooldown',
    );
    expect(maybeRunDream(db, STIRRED, hooks, { now: T0 + COOLDOWN_MS, rng: fixed(0) }).ran).toBe(true);
    // Each state gate opens on its own.
    const later = T0 + 10 * COOLDOWN_MS;
    expect(
      maybeRunDream(db, { ...CALM, pulse: { ...CALM.pulse, novelty: 0.71 } }, hooks, {
        now: later,
        rng: fixed(0),
      }).reason,
    ).toBe('novelty');
    expect(
      maybeRunDream(db, { ...CALM, quality: 0.4 }, hooks, { now: later + COOLDOWN_MS, rng: fixed(0) }).reason,
    ).toBe('borderline');
    db.run("UPDATE dream_meta SET value = '0' WHERE key = 'enabled'");
    expect(maybeRunDream(db, STIRRED, hooks, { now: later * 2, rng: fixed(0) }).reason).toBe('disabled');
    expect(maybeRunDream(db, CALM, hooks, { now: later * 2, rng: fixed(0.99), force: true }).ran).toBe(true);
    expect(rows(db, 'dream_dialogs')).toBe(5);
  });

  it('the gates let about 0.3 of eligible turns dream over many seeded runs', async () => {
    const db = await openTestDb();
    initDream(db, DEFAULT_ORIGIN);
    const { hooks } = fakeHooks();
    let ran = 0;
    const N = 2000;
    for (let i = 0; i < N; i++) {
      if (
        maybeRunDream(db, STIRRED, hooks, { now: T0 + i, rng: createRng('gate-test', i), cooldownMs: 0 }).ran
      )
        ran++;
    }
    expect(ran / N).toBeGreaterThan(DREAM_PROBABILITY - 0.035);
    expect(ran / N).toBeLessThan(DREAM_PROBABILITY + 0.035);
  });

  it('a dialog is 3–4 alternating turns, each observed, with the friend leaning more on meaning', async () => {
    const db = await openTestDb();
    initDream(db, DEFAULT_ORIGIN);
    const lengths = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const { hooks, generated, observed } = fakeHooks();
      const out = maybeRunDream(db, STIRRED, hooks, { now: T0, rng: createRng('dialog', i), force: true });
      expect(out.ran).toBe(true);
      const turns = db.all<{ speaker: string; text: string }>(
        'SELECT speaker, text FROM dream_turns WHERE dialog_id = ? ORDER BY id',
        [out.dialogId!],
      );
      expect(turns.length).toBeGreaterThanOrEqual(3);
      expect(turns.length).toBeLessThanOrEqual(4);
      lengths.add(turns.length);
      expect(turns.map((t) => t.speaker)).toEqual(['leo', 'friend', 'leo', 'friend'].slice(0, turns.length));
      expect(observed).toEqual(turns.map((t) => t.text));
      expect(generated[1]!.semanticWeight).toBeGreaterThan(generated[0]!.semanticWeight);
      expect(generated[0]!.seed).toContain(STIRRED.prompt);
      const d = db.get<{ episodes_count: number; avg_arousal: number }>(
        'SELECT * FROM dream_dialogs WHERE id = ?',
        [out.dialogId!],
      )!;
      expect(d.episodes_count).toBe(turns.length);
      expect(d.avg_arousal).toBeCloseTo(0.9, 10);
    }
    expect([...lengths].sort()).toEqual([3, 4]);
  });

  it('fails silently and writes nothing when generation or observation throws', async () => {
    for (const fail of [{ failGenerateAt: 2 }, { failObserveAt: 1 }, { failGenerateAt: 0 }]) {
      const db = await openTestDb();
      initDream(db, DEFAULT_ORIGIN);
      const before = fragments(db);
      const { hooks } = fakeHooks(fail);
      let out;
      expect(() => (out = maybeRunDream(db, STIRRED, hooks, { now: T0, rng: fixed(0) }))).not.toThrow();
      expect(out).toMatchObject({ ran: false, reason: 'failed' });
      expect(rows(db, 'dream_dialogs')).toBe(0);
      expect(rows(db, 'dream_turns')).toBe(0);
      expect(fragments(db)).toEqual(before);
      expect(db.get("SELECT value FROM dream_meta WHERE key = 'last_run_ts'")).toBeUndefined();
    }
  });

  it('no-ops when its tables are missing', async () => {
    const db = await openTestDb();
    db.exec('DROP TABLE dream_turns');
    const { hooks, observed } = fakeHooks();
    expect(maybeRunDream(db, STIRRED, hooks, { now: T0, rng: fixed(0), force: true })).toEqual({
      ran: false,
      reason: 'missing',
    });
    expect(observed).toEqual([]);
  });

  it('drifts: strong friend lines join as light fragments, old ones decay to a floor, the buffer keeps the heaviest', async () => {
    const db = await openTestDb();
    initDream(db, DEFAULT_ORIGIN);
    const origin = fragments(db);
    for (let i = 0; i < 30; i++) {
      maybeRunDream(db, STIRRED, fakeHooks().hooks, { now: T0 + i, rng: createRng('drift', i), force: true });
    }
    const after = fragments(db);
    expect(after.length).toBe(FRAGMENT_BUFFER);
    for (const f of origin) {
      expect(after.find((a) => a.id === f.id)!.weight).toBeCloseTo(FRAGMENT_DECAY ** 30, 10);
    }
    const drifted = after.filter((f) => f.id > origin[origin.length - 1]!.id);
    expect(drifted.length).toBe(FRAGMENT_BUFFER - origin.length);
    expect(
      drifted.every((f) => /^line \d about the sea!$/.test(f.text) && f.weight <= NEW_FRAGMENT_WEIGHT),
    ).toBe(true);
    // The newest drifted lines are the heaviest of the drifted ones: older ones were pushed out.
    expect(Math.max(...drifted.map((f) => f.weight))).toBe(NEW_FRAGMENT_WEIGHT);
    // Long after, the origin's own sentences have been pushed out by the friend's newer lines.
    for (let i = 30; i < 200; i++) {
      maybeRunDream(db, STIRRED, fakeHooks().hooks, { now: T0 + i, rng: createRng('drift', i), force: true });
    }
    const late = fragments(db);
    expect(late.length).toBe(FRAGMENT_BUFFER);
    expect(late.some((f) => origin.some((o) => o.id === f.id))).toBe(false);
  });

  it('calm dialogs add no fragment, and weights never fall below the floor', async () => {
    const db = await openTestDb();
    initDream(db, DEFAULT_ORIGIN);
    const { hooks } = fakeHooks();
    hooks.measure = () => ({ pulse: { novelty: 0.1, arousal: 0.1, entropy: 0.5 }, trauma: 0.1 });
    for (let i = 0; i < 200; i++)
      maybeRunDream(db, STIRRED, hooks, { now: T0 + i, rng: createRng('calm', i), force: true });
    const after = fragments(db);
    expect(after.length).toBe(ORIGIN_FRAGMENTS);
    expect(after.every((f) => f.weight === FRAGMENT_FLOOR)).toBe(true);
  });
});

describe('the dream layer with the real generator', () => {
  it('dialogs have 3–4 non-empty turns and the field grows by exactly what they said', async () => {
    const db = await openTestDb();
    const field = new AnsweringField();
    db.transaction(() => field.ready(db, T0));
    db.transaction(() => chatTurn(field, db, 'Who are you, little field?', T0));
    for (let i = 0; i < 8; i++) {
      const tokensBefore = field.store.tokenCount;
      const bigramsBefore = db.get<{ n: number }>('SELECT SUM(count) AS n FROM friend_bigrams')!.n;
      const out = db.transaction(() => dreamNow(field, db, T0 + i * 1000));
      expect(out.ran).toBe(true);
      const turns = db.all<{ text: string; speaker: string }>(
        'SELECT text, speaker FROM dream_turns WHERE dialog_id = ?',
        [out.dialogId!],
      );
      expect(turns.length).toBeGreaterThanOrEqual(3);
      expect(turns.length).toBeLessThanOrEqual(4);
      for (const t of turns) expect(tokenize(t.text).filter((x) => !x.isPunct).length).toBeGreaterThan(0);
      const said = turns.map((t) => tokenize(t.text).length);
      expect(field.store.tokenCount - tokensBefore).toBe(said.reduce((s, n) => s + n, 0));
      const bigramsAfter = db.get<{ n: number }>('SELECT SUM(count) AS n FROM friend_bigrams')!.n;
      expect(bigramsAfter - bigramsBefore).toBe(said.reduce((s, n) => s + n - 1, 0));
      expect(db.get<{ n: number }>('SELECT SUM(count) AS n FROM friend_vocab')!.n).toBe(
        field.store.tokenCount,
      );
    }
    expect(
      db.get<{ n: number }>('SELECT COUNT(DISTINCT dialog_id) AS n FROM friend_fragment_history')!.n,
    ).toBe(8);
  });
});
