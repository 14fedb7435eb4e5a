// Runs in: main process (plain Node). The catalog's SQLite connection ("catalog store" note in
// catalog-tables.ts): durable settings, the schema brought up to date, transactions, and the
// few row writes everything else is made of. Inside capture() each write also records what
// the row was and became, so a user edit can be undone and redone (edit-history.ts) whatever
// tables it touched.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { ClipfolioError } from '../shared/errors';
import { CATALOG_SCHEMA_VERSION, SCHEMA_STEPS, type TableSpec } from './catalog-tables';
import { fileNameWords, folderWords } from './photo-words';
import { answerAfter } from './durable-answers';
import { WalCheckpointer } from './wal-checkpointer';
import { WalSyncer } from './wal-syncer';

export type Value = SQLInputValue;
export type Row = Record<string, Value>;

/**
 * One row's change. Insert: `before` null, `after` the whole row. Delete: `before` the whole
 * row, `after` null. Update: both hold only the columns that changed.
 */
export interface RowChange {
  table: string;
  key: Row;
  before: Row | null;
  after: Row | null;
}

export class CatalogDb {
  readonly file: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #journal: RowChange[] | null = null;
  /** Written without syncs at all (see open): its safety level is never raised. */
  readonly #scratch: boolean;
  /** Checkpoints the log off the main thread (wal-checkpointer.ts), from the first commit on. */
  #checkpointer: WalCheckpointer | null = null;
  /** Syncs the log after a durable commit, off the main thread (wal-syncer.ts), from the first one on. */
  #syncer: WalSyncer | null = null;
  /** A sync failed: commits sync themselves (synchronous=FULL), on this thread. */
  #syncsHere = false;

  private constructor(file: string, db: DatabaseSync, scratch: boolean) {
    this.file = file;
    this.#db = db;
    this.#scratch = scratch;
  }

  /**
   * Opens (or creates) the catalog database `file` with the newest schema. `scratch`: a file
   * being built that a crash simply throws away (a migration's), written without a journal
   * or syncs until it is closed, synced and renamed into place.
   */
  static open(file: string, options: { scratch?: boolean } = {}): CatalogDb {
    let db: DatabaseSync;
    try {
      // Another connection's commit in progress is waited for (5 s) rather than failed at once.
      db = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: false });
    } catch (err) {
      throw new ClipfolioError('DATA_CORRUPT', `the catalog ${file} cannot be opened: ${(err as Error).message}`, { cause: err });
    }
    const catalog = new CatalogDb(file, db, options.scratch === true);
    try {
      // The name index's triggers (schema step 3) call these on every write.
      db.function('file_name_words', { deterministic: true }, (path) => fileNameWords(String(path)));
      db.function('folder_words', { deterministic: true }, (folder, root) => folderWords(String(folder), root === null ? null : String(root)));
      if (options.scratch) db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF');
      else catalog.#configure();
      catalog.#upgrade();
    } catch (err) {
      db.close();
      throw err;
    }
    return catalog;
  }

  #configure(): void {
    this.#db.exec('PRAGMA journal_mode = WAL');
    // NORMAL: a commit writes the log without syncing it; a durable commit's sync is the
    // syncer's (see transaction()). Checkpoints still sync the log before and the database after.
    this.#db.exec('PRAGMA synchronous = NORMAL');
    // macOS fsync does not flush the drive's cache; F_FULLFSYNC does.
    if (process.platform === 'darwin') this.#db.exec('PRAGMA fullfsync = ON; PRAGMA checkpoint_fullfsync = ON');
    this.#db.exec('PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536');
  }

  #upgrade(): void {
    let version: number;
    try {
      version = Number((this.#db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    } catch (err) {
      throw new ClipfolioError('DATA_CORRUPT', `the catalog ${this.file} is not a readable database: ${(err as Error).message}`, { cause: err });
    }
    if (version > CATALOG_SCHEMA_VERSION) {
      throw new ClipfolioError(
        'UNSUPPORTED_FORMAT',
        `This library was written by a newer Clipfolio (catalog version ${version}; this one reads up to ${CATALOG_SCHEMA_VERSION}). Update Clipfolio to open it.`,
      );
    }
    if (version === CATALOG_SCHEMA_VERSION) return;
    this.transaction(() => {
      for (let v = version; v < CATALOG_SCHEMA_VERSION; v++) this.#db.exec(SCHEMA_STEPS[v] as string);
      this.#db.exec(`PRAGMA user_version = ${CATALOG_SCHEMA_VERSION}`);
    });
  }

  /** A prepared statement, kept for the connection's life. */
  statement(sql: string): StatementSync {
    let found = this.#statements.get(sql);
    if (!found) {
      found = this.#db.prepare(sql);
      this.#statements.set(sql, found);
    }
    return found;
  }

  all<T>(sql: string, ...params: Value[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  get<T>(sql: string, ...params: Value[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  run(sql: string, ...params: Value[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  /** Rows read as the loop goes, from a statement of its own: two loops at once must not share a cursor. */
  iterate<T>(sql: string, ...params: Value[]): IterableIterator<T> {
    return this.#db.prepare(sql).iterate(...params) as IterableIterator<T>;
  }

  /**
   * Runs `work` in one transaction, committed before this returns; a throw rolls it all back.
   * Nested calls join the outer transaction. `work` must not await.
   *
   * Every commit survives the process being killed at once (the log is in the system's
   * cache). Durable (the default) commits also survive a power cut once the log is synced:
   * the syncer does that off this thread, and the call this commit ran in answers only after
   * it (durable-answers.ts). `durable: false`, for machine writes (indexing), leaves the log
   * to the next sync or checkpoint: only a power cut can take such a commit back, and the next
   * indexing run redoes it.
   */
  transaction<T>(work: () => T, options: { durable?: boolean } = {}): T {
    if (this.#db.isTransaction) return work();
    this.#db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = work();
      this.#db.exec('COMMIT');
    } catch (err) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
    if (!this.#scratch) {
      this.startLogThreads();
      if (options.durable !== false && this.#syncer && !this.#syncsHere) answerAfter(this.#syncer.committed());
    }
    return result;
  }

  /**
   * Starts the log's threads (syncer, checkpointer) if they are not running. The first commit
   * does; a process that will take edits calls it at once: the first edit would otherwise wait
   * for a thread to start, 0.1-0.25 s on a busy 2-core machine.
   */
  startLogThreads(): void {
    if (this.#scratch) return;
    if (!this.#syncsHere) this.#syncer ??= this.#startSyncer();
    this.#checkpointer ??= this.#startCheckpointer();
  }

  /** Durable commits whose sync is not over yet. */
  get unsyncedCommits(): number {
    return this.#syncer?.pending ?? 0;
  }

  /** Runs `work` and returns the row changes it made (for the edit history); nests. */
  capture<T>(work: () => T): { result: T; changes: RowChange[] } {
    const outer = this.#journal;
    const changes: RowChange[] = [];
    this.#journal = changes;
    try {
      const result = work();
      outer?.push(...changes);
      return { result, changes };
    } finally {
      this.#journal = outer;
    }
  }

  insert(table: TableSpec, row: Row): void {
    const columns = Object.keys(row);
    this.run(`INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, ...columns.map((c) => row[c] ?? null));
    // The whole row, with what the table filled in itself (a photo's seq), so a redo puts it back as it was.
    if (this.#journal) this.#journal.push({ table: table.name, key: keyOf(table, row), before: null, after: this.#read(table, keyOf(table, row)) ?? row });
  }

  /** Changes the given columns of one row; false when there is no such row. */
  update(table: TableSpec, key: Row, patch: Row): boolean {
    const columns = Object.keys(patch);
    if (columns.length === 0) return this.#read(table, key, ['1 AS found']) !== undefined;
    if (this.#journal) {
      const current = this.#read(table, key, columns);
      if (!current) return false;
      const changed = columns.filter((c) => !sameValue(current[c] ?? null, patch[c] ?? null));
      if (changed.length === 0) return true;
      this.#write(table, key, changed, patch);
      this.#journal.push({ table: table.name, key, before: pick(current, changed), after: pick(patch, changed) });
      return true;
    }
    return this.#write(table, key, columns, patch) > 0;
  }

  /** Deletes one row; false when there was none. */
  delete(table: TableSpec, key: Row): boolean {
    if (this.#journal) {
      const before = this.#read(table, key);
      if (!before) return false;
      this.#journal.push({ table: table.name, key, before, after: null });
    }
    return this.run(`DELETE FROM ${table.name} WHERE ${where(table)}`, ...table.key.map((c) => key[c] ?? null)) > 0;
  }

  /** Puts a change back (`undo`) or makes it again. */
  replay(table: TableSpec, change: RowChange, direction: 'undo' | 'redo'): void {
    const from = direction === 'undo' ? change.after : change.before;
    const to = direction === 'undo' ? change.before : change.after;
    if (to === null) this.delete(table, change.key);
    else if (from === null) this.insert(table, to);
    else this.update(table, change.key, to);
  }

  close(): void {
    this.#syncer?.stop();
    this.#syncer = null;
    this.#checkpointer?.stop();
    this.#checkpointer = null;
    if (this.#db.isOpen) this.#db.close();
  }

  #startCheckpointer(): WalCheckpointer {
    this.#db.exec('PRAGMA wal_autocheckpoint = 0');
    return WalCheckpointer.start(this.file, () => {
      // SQLite's own default again: checkpoints on the commit past 1,000 pages.
      if (this.#db.isOpen) this.#db.exec('PRAGMA wal_autocheckpoint = 1000');
    });
  }

  #startSyncer(): WalSyncer {
    return WalSyncer.start(`${this.file}-wal`, () => {
      this.#syncsHere = true;
      if (this.#db.isOpen) this.#db.exec('PRAGMA synchronous = FULL');
    });
  }

  #read(table: TableSpec, key: Row, columns: readonly string[] = ['*']): Row | undefined {
    return this.get<Row>(`SELECT ${columns.join(', ')} FROM ${table.name} WHERE ${where(table)}`, ...table.key.map((c) => key[c] ?? null));
  }

  #write(table: TableSpec, key: Row, columns: readonly string[], patch: Row): number {
    return this.run(
      `UPDATE ${table.name} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${where(table)}`,
      ...columns.map((c) => patch[c] ?? null),
      ...table.key.map((c) => key[c] ?? null),
    );
  }
}

function where(table: TableSpec): string {
  return table.key.map((c) => `${c} = ?`).join(' AND ');
}

export function keyOf(table: TableSpec, row: Row): Row {
  return Object.fromEntries(table.key.map((c) => [c, row[c] ?? null]));
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

function sameValue(a: Value, b: Value): boolean {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
  // SQLite hands back integers as numbers; a patch may carry the same value either way.
  return a === b || (typeof a === 'bigint' && Number(a) === b) || (typeof b === 'bigint' && Number(b) === a);
}
