// Runs in: the inference worker. Its handle on the decode worker: jobs go out at once (the
// decode worker queues them and keeps libuv's pool busy on its own), outcomes come back by
// id. A decode worker that dies fails its jobs as results, and the next job starts a new one.
import type { Worker } from 'node:worker_threads';
import type { DecodeOptions } from '../imaging/decode-photo';
import type { DecodeJob, DecodeOutcome } from './decode-messages';
import type { ImageInput } from './messages';
import { startWorker } from './worker-entry';

export class DecodeThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, (outcome: DecodeOutcome) => void>();
  private nextId = 1;

  decode(input: ImageInput, options: DecodeOptions): Promise<DecodeOutcome> {
    const worker = this.ensureWorker();
    const job: DecodeJob = { id: this.nextId++, input, options };
    return new Promise((resolve) => {
      this.pending.set(job.id, resolve);
      worker.postMessage(job, 'bytes' in input ? [input.bytes.buffer as ArrayBuffer] : []);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('decode.worker');
    worker.on('message', (outcome: DecodeOutcome) => {
      const resolve = this.pending.get(outcome.id);
      this.pending.delete(outcome.id);
      resolve?.(outcome);
    });
    const gone = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const pending = [...this.pending];
      this.pending.clear();
      for (const [id, resolve] of pending) {
        resolve({ id, ok: false, error: { code: 'WORKER_CRASHED', message: `The decode worker stopped (${why}).` } });
      }
    };
    worker.on('error', (err) => gone(`it threw: ${err.message}`));
    worker.on('exit', (code) => gone(`it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }
}
