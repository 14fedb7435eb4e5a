// Runs in: main process; starts a worker thread of its own. Copies the catalog's write-ahead
// log back into the database from that thread, so the main thread never does.
//
// SQLite checkpoints on the commit that takes the log past 1,000 pages, in the connection
// that commits: node:sqlite is synchronous, so that was the main thread, and copying the log
// and syncing a million-photo catalog while indexing wrote beside it held it 0.1-1 s (the
// longest stalls measured at 1,000,000 photos). The main connection turns automatic
// checkpoints off once this runs; a connection of the worker's own checkpoints PASSIVE (it
// never waits for, or blocks, a writer or reader) every CHECKPOINT_MS. Should the worker fail,
// the main connection checkpoints by itself again.
//
// The worker's code is plain JavaScript evaluated as the worker's script: it needs nothing
// but node:sqlite, and so no build entry or TypeScript loader of its own.
import { Worker } from 'node:worker_threads';

const CHECKPOINT_MS = 500;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
// Set by stop(): a worker that starts after its catalog was closed opens nothing (opening
// would create the log files again in a folder that may be going away).
const stopped = new Int32Array(workerData.stopped);
let db = null;
const timer = setInterval(() => {
  if (Atomics.load(stopped, 0) === 1) return end();
  try {
    db ??= new DatabaseSync(workerData.file, { timeout: 5000 });
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy or gone: the next tick tries again; the main connection stops this worker.
  }
}, workerData.intervalMs);
function end() {
  clearInterval(timer);
  db?.close();
  db = null;
  parentPort.close();
}
parentPort.once('message', end);
`;

export class WalCheckpointer {
  readonly #worker: Worker;
  /** Set to 1 by stop(), read by the worker before each checkpoint. */
  readonly #stopped = new Int32Array(new SharedArrayBuffer(4));

  private constructor(file: string, failed: () => void) {
    // Plain JavaScript needs none of the process's flags: inherited, a loader such as tsx's
    // (`--import tsx`, as tests and the benchmark run) cost each such worker
    // ~0.25 s of CPU at start, taken from the main thread as the library opened.
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, intervalMs: CHECKPOINT_MS, stopped: this.#stopped.buffer } });
    // A process with nothing else to do (a command that is finished) does not wait for it.
    this.#worker.unref();
    this.#worker.once('error', failed);
  }

  /** Starts checkpointing `file`; `failed` runs (once) if the worker cannot. */
  static start(file: string, failed: () => void): WalCheckpointer {
    return new WalCheckpointer(file, failed);
  }

  /** Has the worker close its connection and end, without waiting for it. */
  stop(): void {
    Atomics.store(this.#stopped, 0, 1);
    this.#worker.postMessage('close');
  }
}
