// Runs in: the inference worker, and the inference client for thumbnails alone. One end of
// a channel to the decode worker (which the inference client starts, see decode.worker.ts):
// jobs go out at once (the decode worker queues them and keeps libuv's pool busy on its
// own), outcomes come back by id.
import type { MessagePort } from 'node:worker_threads';
import type { DecodeOptions } from '../imaging/decode-photo';
import type { DecodedImage, DecodedThumbnail, DecodeJob, DecodeOutcome, ThumbnailDecodeOptions } from './decode-messages';
import type { ImageInput } from './messages';

interface Pending {
  resolve: (outcome: DecodeOutcome<DecodedImage | DecodedThumbnail>) => void;
  reject: (error: Error) => void;
}

export class DecodeThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly port: MessagePort) {
    port.on('message', (outcome: DecodeOutcome<DecodedImage | DecodedThumbnail>) => {
      this.settle(outcome.id)?.resolve(outcome);
    });
    // Only jobs in flight keep the process alive (main's end would otherwise hold a CLI open).
    port.unref();
  }

  decode(input: ImageInput, options: DecodeOptions): Promise<DecodeOutcome> {
    return this.post({ id: this.nextId++, input, output: 'tensor', options });
  }

  /** The thumbnail alone: the same decode, but no tensor comes back (nothing here runs a model). */
  thumbnail(input: ImageInput, options: ThumbnailDecodeOptions): Promise<DecodeOutcome<DecodedThumbnail>> {
    return this.post({ id: this.nextId++, input, output: 'thumbnail', options });
  }

  /**
   * Closes this end, so the decode worker drops the jobs it still queues from it, and rejects
   * those in flight: the decode worker is gone, or the client is closing.
   */
  close(error: Error): void {
    this.port.close();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private post<T extends DecodedImage | DecodedThumbnail>(job: DecodeJob): Promise<DecodeOutcome<T>> {
    return new Promise((resolve, reject) => {
      // The job's output decides which image comes back; the worker keeps to it.
      this.pending.set(job.id, { resolve: resolve as Pending['resolve'], reject });
      this.port.ref();
      this.port.postMessage(job, 'bytes' in job.input ? [job.input.bytes.buffer as ArrayBuffer] : []);
    });
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.port.unref();
    return pending;
  }
}
