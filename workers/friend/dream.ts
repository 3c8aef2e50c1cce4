import type { Rng } from '../core/rng';
import type { Db } from '../store/db';
import type { DreamDialog, DreamFragment, ExpertName, Pulse } from '../contract/friend';

/** The turn the dream follows (the spec's DreamContext). */
export interface DreamContext {
  prompt: string;
  reply: string;
  pulse: Pulse;
  trauma: number;
  quality: number;
  expert: ExpertName;
}

/** The field's own hooks: the dream layer never generates or counts by itself. */
export interface DreamHooks {
  generate(seedText: string, temperature: number, semanticWeight: number): string;
  observe(text: string): void;
  /** Pulse and trauma of a line, measured before it is observed. */
  measure(text: string): { pulse: Pulse; trauma: number };
  /** Runs inside the dialog's transaction once its rows exist (e.g. to record fragment weights). */
  afterDialog?(dialogId: number): void;
}

export interface DreamOptions {
  now: number;
  /** This turn's seeded stream: the gate's draw and the dialog's choices come from it. */
  rng: Rng;
  /** "Dream now": bypass the switch, the cooldown, the state gates and the draw. */
  force?: boolean;
  cooldownMs?: number;
  /** The time when the dialog ends (the injected clock, read again); defaults to `now`. */
  finishedAt?: () => number;
}

export interface DreamOutcome {
  ran: boolean;
  /** Why it ran or not: disabled, missing, cooldown, calm, draw, failed, forced, trauma, novelty, borderline. */
  reason: string;
  dialogId?: number;
  error?: string;
}

export const COOLDOWN_MS = 180_000;
export const DREAM_PROBABILITY = 0.3;
export const FRAGMENT_BUFFER = 20;
/** The origin fills only part of the buffer, leaving room for the friend's own lines to drift in. */
export const ORIGIN_FRAGMENTS = 12;
export const NEW_FRAGMENT_WEIGHT = 0.3;
export const FRAGMENT_DECAY = 0.985;
export const FRAGMENT_FLOOR = 0.1;
/** A friend line becomes a fragment when its arousal or trauma reaches this. */
const DRIFT_THRESHOLD = 0.4;

const TABLES = `
CREATE TABLE IF NOT EXISTS dream_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS dream_bootstrap_fragments (id INTEGER PRIMARY KEY, text TEXT NOT NULL, weight REAL NOT NULL DEFAULT 1.0);
CREATE TABLE IF NOT EXISTS dream_dialogs (id INTEGER PRIMARY KEY, started_at REAL, finished_at REAL, episodes_count INTEGER,
  avg_trauma REAL, avg_arousal REAL, note TEXT);
CREATE TABLE IF NOT EXISTS dream_turns (id INTEGER PRIMARY KEY, dialog_id INTEGER REFERENCES dream_dialogs (id),
  speaker TEXT CHECK (speaker IN ('leo', 'friend')), text TEXT NOT NULL, trauma_level REAL, pulse_novelty REAL,
  pulse_arousal REAL, pulse_entropy REAL);
`;

/** Sentences of a text, trimmed, without the very short ones. */
export function splitFragments(text: string): string[] {
  return (text.match(/[^.!?…]+[.!?…]*/gu) ?? [])
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.split(' ').length >= 3);
}

/** Creates the four tables if needed and seeds the fragments from the origin's sentences. Idempotent. */
export function initDream(db: Db, originText: string): void {
  db.exec(TABLES);
  const have = db.get<{ n: number }>('SELECT COUNT(*) AS n FROM dream_bootstrap_fragments')!.n;
  if (have === 0) seedFragments(db, originText);
  db.run("INSERT OR IGNORE INTO dream_meta (key, value) VALUES ('enabled', '1')");
}

/** Replaces the fragments with the origin's first sentences (weight 1.0). */
export function seedFragments(db: Db, originText: string): void {
  db.run('DELETE FROM dream_bootstrap_fragments');
  for (const s of splitFragments(originText).slice(0, ORIGIN_FRAGMENTS)) {
    db.run('INSERT INTO dream_bootstrap_fragments (text, weight) VALUES (?, 1.0)', [s]);
  }
}

export function getDreamMeta(db: Db, key: string): string | undefined {
  return (
    db.get<{ value: string | null }>('SELECT value FROM dream_meta WHERE key = ?', [key])?.value ?? undefined
  );
}

export function setDreamMeta(db: Db, key: string, value: string): void {
  db.run(
    'INSERT INTO dream_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}

/** The imaginary friend's fragments, heaviest first. */
export function readFragments(db: Db): DreamFragment[] {
  return db.all<DreamFragment>(
    'SELECT id, text, weight FROM dream_bootstrap_fragments ORDER BY weight DESC, id',
  );
}

/** Dream dialogs with their turns, newest first (or the one dialog `id`). */
export function readDialogs(db: Db, limit: number, id?: number): DreamDialog[] {
  const rows = db.all<{
    id: number;
    started_at: number;
    finished_at: number;
    episodes_count: number;
    avg_trauma: number;
    avg_arousal: number;
    note: string | null;
  }>(
    id === undefined
      ? 'SELECT * FROM dream_dialogs ORDER BY id DESC LIMIT ?'
      : 'SELECT * FROM dream_dialogs WHERE id = ? LIMIT ?',
    id === undefined ? [limit] : [id, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    episodesCount: r.episodes_count,
    avgTrauma: r.avg_trauma,
    avgArousal: r.avg_arousal,
    note: r.note ?? '',
    turns: db
      .all<{
        id: number;
        speaker: 'leo' | 'friend';
        text: string;
        trauma_level: number;
        pulse_novelty: number;
        pulse_arousal: number;
        pulse_entropy: number;
      }>('SELECT * FROM dream_turns WHERE dialog_id = ? ORDER BY id', [r.id])
      .map((t) => ({
        id: t.id,
        speaker: t.speaker,
        text: t.text,
        trauma: t.trauma_level,
        pulse: { novelty: t.pulse_novelty, arousal: t.pulse_arousal, entropy: t.pulse_entropy },
      })),
  }));
}

export function countDialogs(db: Db): number {
  return db.get<{ n: number }>('SELECT COUNT(*) AS n FROM dream_dialogs')!.n;
}

/** Empties the imaginary friend's four tables (the switch included: the caller keeps what it must). */
export function resetDreamTables(db: Db): void {
  for (const t of ['dream_meta', 'dream_bootstrap_fragments', 'dream_turns', 'dream_dialogs']) {
    db.run(`DELETE FROM ${t}`);
  }
}

function tablesExist(db: Db): boolean {
  const n = db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('dream_meta', 'dream_bootstrap_fragments', 'dream_dialogs', 'dream_turns')",
  )!.n;
  return n === 4;
}

/** Which state gate opens (trauma, novelty, a borderline reply), or null. */
export function stateGate(ctx: DreamContext): string | null {
  if (ctx.trauma > 0.5) return 'trauma';
  if (ctx.pulse.novelty > 0.7) return 'novelty';
  if (ctx.quality >= 0.35 && ctx.quality <= 0.55) return 'borderline';
  return null;
}

/**
 * Called last after each real reply. Maybe runs a short private dialog between the answering field
 * (`leo`) and its imaginary friend (`friend`) whose lines are observed back into the field. Never
 * throws: a missing, disabled or failing layer leaves the chat as it would be without it, and the
 * dialog is one savepoint, so a failure writes nothing at all.
 */
export function maybeRunDream(
  db: Db,
  ctx: DreamContext,
  hooks: DreamHooks,
  opts: DreamOptions,
): DreamOutcome {
  try {
    if (!tablesExist(db)) return { ran: false, reason: 'missing' };
    let reason = 'forced';
    if (!opts.force) {
      if (getDreamMeta(db, 'enabled') === '0') return { ran: false, reason: 'disabled' };
      const last = Number(getDreamMeta(db, 'last_run_ts') ?? NaN);
      if (Number.isFinite(last) && opts.now - last < (opts.cooldownMs ?? COOLDOWN_MS))
        return { ran: false, reason: 'cooldown' };
      const gate = stateGate(ctx);
      if (!gate) return { ran: false, reason: 'calm' };
      if (opts.rng.next() >= DREAM_PROBABILITY) return { ran: false, reason: 'draw' };
      reason = gate;
    }
    const dialogId = db.transaction(() => runDialog(db, ctx, hooks, opts, reason));
    if (dialogId === null) return { ran: false, reason: 'no fragments' };
    return { ran: true, reason, dialogId };
  } catch (err) {
    return { ran: false, reason: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
}

interface Fragment {
  id: number;
  text: string;
  weight: number;
}

/** 1–3 fragments drawn by weight, without repeats. */
function originSeed(frags: Fragment[], rng: Rng): string {
  const pool = frags.slice();
  const k = Math.min(pool.length, 1 + rng.int(3));
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const total = pool.reduce((s, f) => s + f.weight, 0);
    let r = rng.next() * total;
    let j = 0;
    while (j < pool.length - 1 && (r -= pool[j]!.weight) >= 0) j++;
    out.push(pool[j]!.text);
    pool.splice(j, 1);
  }
  return out.join(' ');
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

interface Line {
  speaker: 'leo' | 'friend';
  text: string;
  pulse: Pulse;
  trauma: number;
}

function runDialog(
  db: Db,
  ctx: DreamContext,
  hooks: DreamHooks,
  opts: DreamOptions,
  reason: string,
): number | null {
  const frags = db.all<Fragment>('SELECT id, text, weight FROM dream_bootstrap_fragments ORDER BY id');
  if (frags.length === 0) return null;
  const rng = opts.rng;
  const origin = originSeed(frags, rng);
  const turns = 3 + rng.int(2);
  const lines: Line[] = [];
  let speaker: 'leo' | 'friend' = 'leo';
  let seed = `${ctx.prompt} ${ctx.reply} ${origin}`;
  // The field speaks near its sweet-spot temperature; the imaginary friend leans more on meaning.
  let temperature = clamp(0.6 + 0.4 * ctx.pulse.entropy, 0.6, 1.0);
  let semanticWeight = 0.35;
  for (let step = 0; step < turns; step++) {
    const text = hooks.generate(seed, temperature, semanticWeight).trim();
    if (!text) throw new Error('a dream line came out empty');
    const m = hooks.measure(text);
    hooks.observe(text);
    lines.push({ speaker, text, pulse: m.pulse, trauma: m.trauma });
    if (speaker === 'leo') {
      speaker = 'friend';
      seed = `${text} ${origin}`;
      temperature = 0.85 + 0.2 * m.pulse.arousal;
      semanticWeight = 0.55;
      // The wounded tilt: when the origin hurts, the friend stays close to it.
      if (Math.max(ctx.trauma, m.trauma) > 0.7) {
        temperature = (temperature + 0.9) / 2;
        semanticWeight = 0.65;
      }
    } else {
      speaker = 'leo';
      seed = `${text} ${ctx.prompt}`;
      temperature = clamp(0.6 + 0.4 * m.pulse.entropy, 0.6, 1.0);
      semanticWeight = 0.35;
    }
  }

  const avg = (f: (l: Line) => number) => lines.reduce((s, l) => s + f(l), 0) / lines.length;
  db.run(
    'INSERT INTO dream_dialogs (started_at, finished_at, episodes_count, avg_trauma, avg_arousal, note) VALUES (?, ?, ?, ?, ?, ?)',
    [
      opts.now,
      opts.finishedAt?.() ?? opts.now,
      lines.length,
      avg((l) => l.trauma),
      avg((l) => l.pulse.arousal),
      reason,
    ],
  );
  const dialogId = db.lastInsertRowid();
  for (const l of lines) {
    db.run(
      `INSERT INTO dream_turns (dialog_id, speaker, text, trauma_level, pulse_novelty, pulse_arousal, pulse_entropy)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [dialogId, l.speaker, l.text, l.trauma, l.pulse.novelty, l.pulse.arousal, l.pulse.entropy],
    );
  }

  // Drift: old fragments fade towards a floor, the strongest friend lines join, the heaviest stay.
  db.run('UPDATE dream_bootstrap_fragments SET weight = MAX(?, weight * ?)', [
    FRAGMENT_FLOOR,
    FRAGMENT_DECAY,
  ]);
  const strong = lines
    .filter((l) => l.speaker === 'friend')
    .map((l) => ({ l, s: Math.max(l.pulse.arousal, l.trauma) }))
    .filter((x) => x.s >= DRIFT_THRESHOLD)
    .sort((x, y) => y.s - x.s)
    .slice(0, 2);
  for (const { l } of strong) {
    db.run('INSERT INTO dream_bootstrap_fragments (text, weight) VALUES (?, ?)', [
      l.text,
      NEW_FRAGMENT_WEIGHT,
    ]);
  }
  db.run(
    `DELETE FROM dream_bootstrap_fragments WHERE id NOT IN
       (SELECT id FROM dream_bootstrap_fragments ORDER BY weight DESC, id ASC LIMIT ?)`,
    [FRAGMENT_BUFFER],
  );
  setDreamMeta(db, 'last_run_ts', String(opts.now));
  setDreamMeta(db, 'runs', String(Number(getDreamMeta(db, 'runs') ?? 0) + 1));
  hooks.afterDialog?.(dialogId);
  return dialogId;
}
