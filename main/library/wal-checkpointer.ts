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
const db = new DatabaseSync(workerData.file, { timeout: 5000 });
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy or gone: the next tick tries again; the main connection closes this worker.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  readonly #worker: Worker;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /** Starts checkpointing `file`; `failed` runs (once) if the worker cannot. */
  static start(file: string, failed: () => void): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs: CHECKPOINT_MS } });
    // A process with nothing else to do (a command that is finished) does not wait for it.
    worker.unref();
    worker.once('error', failed);
    return new WalCheckpointer(worker);
  }

  /** Asks the worker to close its connection and end; does not wait for it. */
  stop(): void {
    this.#worker.postMessage('close');
  }
}
