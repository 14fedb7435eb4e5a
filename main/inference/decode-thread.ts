// Runs in: the inference worker. Its end of the channel to the decode worker (which the
// inference client starts, see decode.worker.ts): jobs go out at once (the decode worker
// queues them and keeps libuv's pool busy on its own), outcomes come back by id.
import type { MessagePort } from 'node:worker_threads';
import type { DecodeOptions } from '../imaging/decode-photo';
import type { DecodeJob, DecodeOutcome } from './decode-messages';
import type { ImageInput } from './messages';

export class DecodeThread {
  private readonly pending = new Map<number, (outcome: DecodeOutcome) => void>();
  private nextId = 1;

  constructor(private readonly port: MessagePort) {
    port.on('message', (outcome: DecodeOutcome) => {
      const resolve = this.pending.get(outcome.id);
      this.pending.delete(outcome.id);
      resolve?.(outcome);
    });
  }

  decode(input: ImageInput, options: DecodeOptions): Promise<DecodeOutcome> {
    const job: DecodeJob = { id: this.nextId++, input, options };
    return new Promise((resolve) => {
      this.pending.set(job.id, resolve);
      this.port.postMessage(job, 'bytes' in input ? [input.bytes.buffer as ArrayBuffer] : []);
    });
  }
}
