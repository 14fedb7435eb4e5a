// Runs in: main process; starts a worker thread of its own. Makes user edits durable off the
// main thread: the catalog commits every transaction without syncing (synchronous=NORMAL,
// a plain write into the write-ahead log, in the system's cache) and this worker fsyncs the
// log after a user edit's commit; the edit is answered once that sync is over
// (durable-answers.ts). That is what synchronous=FULL does at the commit, so an answered edit
// survives a power cut as before, but the wait is no longer the main thread's: node:sqlite is
// synchronous, and a FULL commit under indexing's disk traffic held the event loop 153 ms in
// the million-photo benchmark.
//
// Group commit: one sync at a time covers every commit made before it started; commits made
// while it runs share the next one. The worker opens the log file for each sync (SQLite may
// truncate or, once the last connection closes, delete it). libuv's fsync is F_FULLFSYNC on
// macOS (the `fullfsync` pragma's equivalent) and FlushFileBuffers on Windows.
//
// The worker's code is plain JavaScript evaluated as the worker's script, like the
// checkpointer's (wal-checkpointer.ts). A thread of its own, not libuv's pool: while indexing,
// the pool's four threads decode photos, and a sync would queue behind them. Until that
// thread is up (0.2-0.3 s after the library opens on a busy 2-core machine) syncs do go
// through the pool, which is idle then: the first edit of a session need not wait for a
// thread to start.
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { ClipfolioError } from '../shared/errors';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', (upTo) => {
  if (upTo === 'close') return parentPort.close();
  try {
    const fd = fs.openSync(workerData.wal, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    parentPort.postMessage({ upTo });
  } catch (err) {
    parentPort.postMessage({ upTo, code: err.code, error: err.message });
  }
});
`;

/** A sync's outcome, from the worker or the pool: the commits it covers, or why it failed. */
interface Reply {
  upTo: number;
  code?: string;
  error?: string;
}

interface Waiting {
  upTo: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class WalSyncer {
  readonly #worker: Worker;
  readonly #wal: string;
  readonly #failed: (err: Error) => void;
  /** Commits reported so far, the latest the worker was asked to cover, and the latest it covered. */
  #committed = 0;
  #requested = 0;
  #synced = 0;
  #waiting: Waiting[] = [];
  #broken: Error | null = null;
  #stopped = false;
  #online = false;
  /** Resolves once the syncer's thread is up; syncs asked for before then go through libuv's pool. */
  readonly started: Promise<void>;

  private constructor(wal: string, failed: (err: Error) => void) {
    this.#wal = wal;
    this.#failed = failed;
    // None of the process's flags, as the checkpointer's: a loader would only slow its start.
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { wal } });
    // Held only while a sync is asked for: an answer waiting on it must not be lost to the
    // process ending, and an idle syncer must not keep a finished command alive.
    this.#worker.unref();
    this.started = new Promise((resolve) =>
      this.#worker.once('online', () => {
        this.#online = true;
        resolve();
      }),
    );
    this.#worker.on('message', (reply: Reply) => this.#replied(reply));
    this.#worker.once('error', (err) => this.#fail(err));
  }

  /** Syncs the log file `wal` on request; `failed` runs (once) if a sync fails or the worker dies. */
  static start(wal: string, failed: (err: Error) => void): WalSyncer {
    return new WalSyncer(wal, failed);
  }

  /** Commits whose sync was asked for and is not over yet. */
  get pending(): number {
    return this.#committed - this.#synced;
  }

  /** Records a commit just made; resolves once the log holding it is on disk. */
  committed(): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    const upTo = ++this.#committed;
    const synced = new Promise<void>((resolve, reject) => this.#waiting.push({ upTo, resolve, reject }));
    this.#request();
    return synced;
  }

  /** Ends the worker once every commit reported so far is synced. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    // The worker takes messages in order: this last sync runs after the one in flight, if any.
    if (this.#committed > this.#requested) this.#post(this.#committed);
    this.#worker.postMessage('close');
  }

  #request(): void {
    // One sync at a time; its reply asks for the commits made meanwhile.
    if (this.#requested > this.#synced || this.#committed === this.#synced || this.#stopped) return;
    this.#post(this.#committed);
  }

  #post(upTo: number): void {
    this.#requested = upTo;
    if (!this.#online) {
      void this.#syncInPool(upTo);
      return;
    }
    this.#worker.ref();
    this.#worker.postMessage(upTo);
  }

  /** What the worker does, through libuv's pool. */
  async #syncInPool(upTo: number): Promise<void> {
    let reply: Reply = { upTo };
    try {
      const log = await open(this.#wal, 'r+');
      try {
        await log.sync();
      } finally {
        await log.close();
      }
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      reply = { upTo, code, error: message };
    }
    this.#replied(reply);
  }

  #replied({ upTo, code, error }: Reply): void {
    // No log: the last connection closed, which checkpoints the log into the database file,
    // syncs that and deletes the log; everything committed is on disk.
    if (error !== undefined && code !== 'ENOENT') return this.#fail(new Error(error));
    // Monotonic: stop() may ask for a last sync while one through the pool is still running.
    this.#synced = Math.max(this.#synced, upTo);
    const done = this.#waiting.filter((w) => w.upTo <= upTo);
    this.#waiting = this.#waiting.filter((w) => w.upTo > upTo);
    for (const w of done) w.resolve();
    if (this.#synced === this.#requested) this.#worker.unref();
    this.#request();
  }

  #fail(cause: Error): void {
    if (this.#broken) return;
    this.#broken = new ClipfolioError('INTERNAL', `The change was saved but could not be written through to the disk: ${cause.message}`, { cause });
    for (const w of this.#waiting) w.reject(this.#broken);
    this.#waiting = [];
    this.#worker.unref();
    this.#failed(cause);
  }
}
