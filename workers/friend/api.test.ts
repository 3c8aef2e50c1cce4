import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock';
import type { EngineError } from '../core/errors';
import type { Db } from '../store/db';
import { openTestDb } from '../store/testDb';
import { createFriendApi } from './api';
import { COOLDOWN_MS } from './dream';
import { AnsweringField } from './answeringField';
import { chatTurn } from './chatTurn';
import type { EngineEvent, ProgressEvent } from '../contract';
import { createTestContext } from '../runtime/testContext';

const PROMPTS = [
  'Who are you?',
  'Tell me about the sea and the sand.',
  'I like words that come back.',
  'WHAT IS A WOUND!!!',
  'Do you dream at night?',
  'Where do you come from, little field?',
  'The first page is where you live.',
  'Say something new to me.',
];

async function setup() {
  const db = await openTestDb();
  const clock = new ManualClock();
  const ctx = createTestContext(db, clock);
  return { db, clock, ctx, api: createFriendApi(ctx) };
}

async function talk(api: ReturnType<typeof createFriendApi>, clock: ManualClock, prompts = PROMPTS) {
  const replies: string[] = [];
  for (const p of prompts) {
    replies.push((await api.friendChat(p)).reply.text);
    clock.advance(COOLDOWN_MS);
  }
  return replies;
}

/** Every table of the field and the chat, as data (the dream tables apart). */
function fieldTables(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const t of ['friend_vocab', 'friend_bigrams', 'friend_trigrams', 'friend_cooc', 'friend_themes']) {
    out[t] = db.all(`SELECT * FROM ${t} ORDER BY 1, 2`);
  }
  out.messages = db.all(
    'SELECT role, text, expert, novelty, arousal, entropy, trauma, quality FROM friend_messages ORDER BY id',
  );
  return out;
}

describe('the friend API', () => {
  it('same field + same inputs ⇒ the same replies and the same dreams', async () => {
    const a = await setup();
    const b = await setup();
    const ra = await talk(a.api, a.clock);
    const rb = await talk(b.api, b.clock);
    expect(ra).toEqual(rb);
    expect(await a.api.friendDreams()).toEqual(await b.api.friendDreams());
    expect(fieldTables(a.db)).toEqual(fieldTables(b.db));
    // And after a reload of the vocabulary mirror (a new tab over the same saved data) too.
    a.ctx.reset();
    await b.api.friendStats();
    expect((await a.api.friendChat('and now?')).reply.text).toBe(
      (await b.api.friendChat('and now?')).reply.text,
    );
  });

  it('each reply carries its expert, pulse, trauma and quality, and the field grows', async () => {
    const { api } = await setup();
    const before = await api.friendStats();
    const { user, reply } = await api.friendChat('Who are you?');
    expect(reply.role).toBe('leo');
    expect(reply.text.length).toBeGreaterThan(0);
    expect(['structural', 'semantic', 'creative', 'precise', 'wounded']).toContain(reply.expert);
    for (const v of [
      reply.pulse!.novelty,
      reply.pulse!.arousal,
      reply.pulse!.entropy,
      reply.trauma!,
      reply.quality!,
    ]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // An identity question about the origin's own words is a wound.
    expect(user.trauma!).toBeGreaterThan(0.5);
    const after = await api.friendStats();
    expect(after.tokens).toBeGreaterThan(before.tokens);
    expect(after.messages).toBe(2);
    expect((await api.friendHistory()).map((m) => m.role)).toEqual(['user', 'leo']);
  });

  it('a disabled, missing or failing dream layer leaves the chat exactly as without it', async () => {
    const runs = async (configure: (f: AnsweringField, db: Db) => void) => {
      const db = await openTestDb();
      const clock = new ManualClock();
      const field = new AnsweringField();
      const ctx = createTestContext(db, clock);
      await ctx.write((d) => field.ready(d, clock.now()));
      configure(field, db);
      const replies: string[] = [];
      for (const p of PROMPTS) {
        replies.push(await ctx.write((d) => chatTurn(field, d, p, clock.now()).turn.reply.text));
        clock.advance(COOLDOWN_MS);
      }
      return {
        replies,
        tables: fieldTables(db),
        dialogs: db.get<{ n: number }>('SELECT COUNT(*) AS n FROM dream_dialogs')!.n,
      };
    };
    const disabled = await runs((_, db) => db.run("UPDATE dream_meta SET value = '0' WHERE key = 'enabled'"));
    const missing = await runs((f) => (f.dreamLayer = null));
    const throwing = await runs((f) => {
      f.dreamLayer = () => {
        throw new Error('broken dream layer');
      };
    });
    // The real layer, failing half-way: its generator works, then a write fails after lines were observed.
    const failingSql = await runs((_, db) =>
      db.exec(
        "CREATE TRIGGER no_turns BEFORE INSERT ON dream_turns BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
      ),
    );
    const dropped = await runs((_, db) => db.exec('DROP TABLE dream_turns'));
    for (const other of [missing, throwing, failingSql, dropped]) {
      expect(other.replies).toEqual(disabled.replies);
      expect(other.tables).toEqual(disabled.tables);
      expect(other.dialogs).toBe(0);
    }
    // Dreams that do run change the field (their lines are observed), which is the point of them.
    const dreaming = await runs(() => {});
    expect(dreaming.dialogs).toBeGreaterThan(0);
    expect(dreaming.tables.friend_vocab).not.toEqual(disabled.tables.friend_vocab);
  });

  it('a reply seeded by a brand-new word does not stop at that word', async () => {
    const { api } = await setup();
    for (const p of ['do you dream?', 'zebras!', 'what is a lighthouse?']) {
      const { reply } = await api.friendChat(p);
      expect(reply.text.split(' ').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('dream now bypasses the gates and the switch; the switch persists', async () => {
    const { api } = await setup();
    await api.friendChat('hello');
    expect(await api.friendSetDreamsEnabled(false)).toBe(false);
    expect((await api.friendStats()).dreamsEnabled).toBe(false);
    const r = await api.friendDreamNow();
    expect(r.dialog).not.toBeNull();
    expect(r.dialog!.turns.length).toBeGreaterThanOrEqual(3);
    const frags = await api.friendFragments();
    expect(frags.history.filter((p) => p.dialogId === r.dialog!.id).length).toBe(frags.fragments.length);
  });

  it('a dialog ends when the clock says it ended', async () => {
    const db = await openTestDb();
    // A clock that moves on every time it is read, as the real one does while a dialog runs.
    let t = 1_700_000_000_000;
    const api = createFriendApi(createTestContext(db, { now: () => (t += 5) }));
    await api.friendChat('hello');
    const r = await api.friendDreamNow();
    expect(r.dialog).not.toBeNull();
    const row = db.get<{ started_at: number; finished_at: number }>(
      'SELECT started_at, finished_at FROM dream_dialogs WHERE id = ?',
      [r.dialog!.id],
    );
    expect(row!.finished_at).toBeGreaterThan(row!.started_at);
  });

  it('dream now explains in words when no dialog could run, and changes nothing', async () => {
    const { api, db } = await setup();
    await api.friendChat('hello');
    db.exec('DROP TABLE dream_turns');
    const before = fieldTables(db);
    const r = await api.friendDreamNow();
    expect(r.dialog).toBeNull();
    expect(r.reason).toMatch(/dream layer is not available/);
    expect(fieldTables(db)).toEqual(before);
  });

  it('refuses bad input with BAD_INPUT and changes nothing', async () => {
    const { api, db } = await setup();
    await api.friendChat('hello there');
    const before = fieldTables(db);
    const bad: Array<() => Promise<unknown>> = [
      () => api.friendChat(''),
      () => api.friendChat('   '),
      () => api.friendChat(42 as unknown as string),
      () => api.friendChat('x'.repeat(4001)),
      () => api.friendHistory(0),
      () => api.friendDreams(1.5),
      () => api.friendSetDreamsEnabled('yes' as unknown as boolean),
      () => api.friendSetOrigin('no'),
      () => api.friendIngest('', 'op-1'),
      () => api.friendIngest('some words', ''),
    ];
    for (const call of bad) {
      await expect(call()).rejects.toMatchObject({ code: 'BAD_INPUT' } satisfies Partial<EngineError>);
    }
    expect(fieldTables(db)).toEqual(before);
  });

  it('a new origin is ingested once and re-seeds the fragments; reset keeps it and starts over', async () => {
    const { api } = await setup();
    const origin =
      'The lighthouse keeper counts the waves. Every wave is a word. The lamp turns and turns all night.';
    await api.friendChat('hello');
    const stats = await api.friendSetOrigin(origin);
    expect(stats.origin).toBe(origin);
    expect(stats.originIsDefault).toBe(false);
    const frags = (await api.friendFragments()).fragments.map((f) => f.text);
    expect(frags).toEqual([
      'The lighthouse keeper counts the waves.',
      'Every wave is a word.',
      'The lamp turns and turns all night.',
    ]);
    const reset = await api.friendReset();
    expect(reset.messages).toBe(0);
    expect(reset.dreams).toBe(0);
    expect(reset.origin).toBe(origin);
    // After the reset the field holds exactly the new origin.
    expect(reset.tokens).toBe(21);
    expect(await api.friendHistory()).toEqual([]);
  });

  it('ingests a long text in batches with progress, and can be cancelled between them', async () => {
    const all: EngineEvent[] = [];
    const progress = () => all.filter((e): e is ProgressEvent => e.type === 'progress');
    const db = await openTestDb();
    // The saves' quiet-time hold, as the runtime's saver would see it.
    let held = 0;
    const ctx = {
      ...createTestContext(db, new ManualClock(), all),
      holdQuietSaves: () => {
        held++;
        let once = true;
        return () => void (once && ((once = false), held--));
      },
    };
    const api = createFriendApi(ctx);
    const sentence = 'The river keeps the stones and the stones keep the river. ';
    const text = sentence.repeat(4000); // 48,000 tokens: three batches
    const taught = api.friendIngest(text, 'ingest-1');
    await new Promise((r) => setTimeout(r, 0));
    expect(held).toBe(1);
    const r = await taught;
    expect(held).toBe(0);
    expect(r.tokens).toBe(48_000);
    expect(progress().at(-1)).toMatchObject({ step: 'themes', current: 48_000 });
    expect(progress().filter((e) => e.step === 'ingest').length).toBeGreaterThanOrEqual(4);
    const stats = await api.friendStats();
    expect(stats.tokens).toBeGreaterThan(48_000);

    const seen = progress().length;
    const p = api.friendIngest(text, 'ingest-2');
    // Cancelled once a slice of the text is counted.
    while (
      !progress()
        .slice(seen)
        .some((e) => e.step === 'ingest' && e.current > 0)
    )
      await new Promise((r) => setTimeout(r, 0));
    ctx.operations.cancel('ingest-2');
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    // A cancelled text lets the saves go too.
    expect(held).toBe(0);
    const afterCancel = await api.friendStats();
    // What was counted before the cancel was seen is written, nothing after it.
    expect(afterCancel.tokens - stats.tokens).toBeGreaterThan(0);
    expect(afterCancel.tokens - stats.tokens).toBeLessThan(48_000);
  });
});
