import type { BindParams, Database, SqlValue, Statement } from 'sql.js';
import { FileChanges } from './fileChanges';

export type Params = BindParams;
export type Row = Record<string, SqlValue>;

/**
 * The engines' only view of SQLite. Everything under workers/ that touches data takes a `Db`, so the
 * same code runs against sql.js in Node tests and in the browser worker, and another backend
 * (an incremental IndexedDB/OPFS VFS) could sit behind it later.
 */
export interface Db {
  /** Run one statement for its effect; returns rows changed. */
  run(sql: string, params?: Params): number;
  /** Run a script of several statements (no parameters). */
  exec(sql: string): void;
  all<T extends object = Row>(sql: string, params?: Params): T[];
  get<T extends object = Row>(sql: string, params?: Params): T | undefined;
  /** Rowid of the last INSERT. */
  lastInsertRowid(): number;
  /**
   * Rows written on this connection so far (SQLite's `total_changes()`): a reader that spans several
   * tasks compares it before and after to know nothing was written in between.
   */
  totalChanges(): number;
  /**
   * Run `fn` atomically: BEGIN/COMMIT at the outside, SAVEPOINT when nested. Anything thrown rolls
   * back this level and is rethrown. `fn` must be synchronous: a transaction never spans an await,
   * which is what lets a snapshot be taken between any two operations.
   */
  transaction<T>(fn: () => T): T;
  readonly inTransaction: boolean;
  /** Serialise the database file. Only between transactions. */
  export(): Uint8Array;
  /** Bytes the database file occupies (page_count × page_size). */
  sizeBytes(): number;
  /** The number a PRAGMA that reports one value answers (`page_count`, `freelist_count`, …); 0 if none. */
  pragmaNumber(name: string): number;
  /**
   * The database file as it is now, when this connection can read it without SQLite (a view, valid
   * until the next write); null inside a transaction, or when the file is not within reach.
   */
  fileBytes(): Uint8Array | null;
  /**
   * How many writes the file has had since this connection began recording them (null when it does
   * not): a reader of `fileBytes` that spans several tasks checks that it has not moved.
   */
  fileWrites(): number | null;
  /** The SQL of the statements this connection keeps prepared, in the order they were first prepared. */
  preparedSql(): string[];
  /**
   * Prepares these statements and keeps them, without running them: nothing in the file changes.
   * A warm-up hands over what it ran on a throwaway connection with the same schema, so the first
   * real run here skips SQLite's compiling of each. A statement this schema cannot prepare is
   * skipped, and so is every one once the cache is full (it never empties the cache for them, as a
   * statement run past its size does); returns how many were skipped.
   */
  prepare(sqls: readonly string[]): number;
  close(): void;
}

/** Prepared statements a connection keeps; the next one past this empties the cache. */
const MAX_CACHED = 256;

/** sql.js behind the `Db` interface, with a cache of prepared statements (freed on close). */
export class SqlJsDb implements Db {
  private readonly cache = new Map<string, Statement>();
  /** Each cached statement's column names, read once: they never change for a prepared statement. */
  private readonly columns = new Map<Statement, string[]>();
  private depth = 0;
  private closed = false;
  private changes: FileChanges | null = null;

  /**
   * @param opts.trackFile Record which blocks of the file are written from now on, for block saves
   *   (`'loaded'`: the bytes are exactly the stored generation; `'new'`: nothing of it is stored yet).
   *   It starts before anything else runs on the connection, so no write goes unseen.
   */
  constructor(
    readonly raw: Database,
    opts: { trackFile?: 'loaded' | 'new' } = {},
  ) {
    if (opts.trackFile) this.trackFile(opts.trackFile === 'loaded');
    // The file lives in memory and durability comes from the saved snapshots, so the rollback journal
    // can live in the heap too: transactions, savepoints and rollback work as before, without an
    // in-memory journal file written and deleted by every transaction.
    raw.exec('PRAGMA journal_mode = MEMORY');
    // This connection is the only one the file ever has, so it may keep its lock: SQLite then stops
    // looking for a hot journal and re-reading the file's header at the start of every transaction
    // (file-system calls through sql.js's JavaScript file system, about 0.4 ms of a small lane job's
    // four transactions). Commits still write every changed page to the file.
    raw.exec('PRAGMA locking_mode = EXCLUSIVE');
  }

  private stmt(sql: string): Statement {
    this.assertOpen();
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      // Statements are cheap to keep but must not grow without bound for one-off SQL.
      if (this.cache.size >= MAX_CACHED) this.clearCache();
      this.cache.set(sql, s);
    }
    return s;
  }

  preparedSql(): string[] {
    return [...this.cache.keys()];
  }

  prepare(sqls: readonly string[]): number {
    let skipped = 0;
    for (const sql of sqls) {
      if (!this.cache.has(sql) && this.cache.size >= MAX_CACHED - 1) {
        skipped++;
        continue;
      }
      try {
        this.stmt(sql);
      } catch {
        skipped++;
      }
    }
    return skipped;
  }

  private clearCache(): void {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    this.columns.clear();
  }

  /**
   * The current row as an object keyed by column name. sql.js's `getAsObject` asks SQLite for every
   * column's name again on every row (a call into wasm and a string decoded per column): about a
   * third of the cost of reading a few hundred rows, as a chat turn's neighbour and n-gram reads do.
   */
  private row<T>(s: Statement): T {
    const values = s.get();
    let names = this.columns.get(s);
    // A schema change makes SQLite prepare the statement again (`SELECT *` may then have other columns).
    if (!names || names.length !== values.length) {
      names = s.getColumnNames();
      this.columns.set(s, names);
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = values[i];
    return out as T;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('database is closed');
  }

  run(sql: string, params?: Params): number {
    const s = this.stmt(sql);
    try {
      s.run(params ?? null);
    } finally {
      s.reset();
    }
    return this.raw.getRowsModified();
  }

  exec(sql: string): void {
    this.assertOpen();
    this.raw.exec(sql);
    // Schema changes come through here (migrations, table creation): column names are read again.
    this.columns.clear();
  }

  all<T extends object = Row>(sql: string, params?: Params): T[] {
    const s = this.stmt(sql);
    const rows: T[] = [];
    try {
      if (params) s.bind(params);
      while (s.step()) rows.push(this.row<T>(s));
    } finally {
      s.reset();
    }
    return rows;
  }

  get<T extends object = Row>(sql: string, params?: Params): T | undefined {
    const s = this.stmt(sql);
    try {
      if (params) s.bind(params);
      return s.step() ? this.row<T>(s) : undefined;
    } finally {
      s.reset();
    }
  }

  lastInsertRowid(): number {
    const r = this.get<{ id: number }>('SELECT last_insert_rowid() AS id');
    return r ? Number(r.id) : 0;
  }

  totalChanges(): number {
    return Number(this.get<{ n: number }>('SELECT total_changes() AS n')!.n);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  transaction<T>(fn: () => T): T {
    this.assertOpen();
    const name = `sp${this.depth}`;
    const outer = this.depth === 0;
    // BEGIN, COMMIT, SAVEPOINT and RELEASE run as cached statements (`run`): `exec` would compile
    // them again every time, a sixth of a small transaction's cost.
    this.run(outer ? 'BEGIN' : `SAVEPOINT ${name}`);
    this.depth++;
    try {
      const out = fn();
      if (out instanceof Promise) {
        throw new Error('transaction callbacks must be synchronous');
      }
      this.depth--;
      this.run(outer ? 'COMMIT' : `RELEASE ${name}`);
      return out;
    } catch (err) {
      this.depth--;
      this.raw.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err;
    }
  }

  /** Start recording writes to the file (see `FileChanges`); a no-op when already recording. */
  trackFile(hasBaseline: boolean): FileChanges {
    this.assertOpen();
    this.changes ??= new FileChanges(this.raw, hasBaseline);
    return this.changes;
  }

  /** The write record started by `trackFile`, or null. */
  get fileChanges(): FileChanges | null {
    return this.changes;
  }

  export(): Uint8Array {
    this.assertOpen();
    if (this.depth > 0) throw new Error('cannot export inside a transaction');
    return this.raw.export();
  }

  sizeBytes(): number {
    return this.pragmaNumber('page_count') * this.pragmaNumber('page_size');
  }

  pragmaNumber(name: string): number {
    const row = this.get<object>(`PRAGMA ${name}`);
    return row ? Number(Object.values(row)[0]) : 0;
  }

  fileBytes(): Uint8Array | null {
    this.assertOpen();
    // Only the connection that records its writes holds the reader (see `FileChanges`); the file is
    // whole only between transactions.
    if (this.depth > 0 || !this.changes) return null;
    return this.changes.bytes();
  }

  fileWrites(): number | null {
    return this.changes?.writes ?? null;
  }

  close(): void {
    if (this.closed) return;
    // A save still copying this file's bytes gets them before the file goes away.
    this.changes?.finishCopy();
    this.clearCache();
    this.raw.close();
    this.closed = true;
  }
}
