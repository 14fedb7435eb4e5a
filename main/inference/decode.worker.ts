// Runs in: the decode worker, a thread the inference worker starts. Decoding lives apart
// from onnxruntime because ORT's session.run holds its calling thread for the whole batch:
// in the same thread, every decode would stall between its sharp steps while a batch runs,
// and the two stages could not overlap (measured: see README, Benchmarks). Tensors travel
// back as transferred buffers, so moving them costs no copy. No ORT here: one ORT thread
// per process is the rule (DESIGN.md).
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { decodePhoto } from '../imaging/decode-photo';
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { DecodeJob, DecodeOutcome } from './decode-messages';
import type { ImageInput } from './messages';
import { ownedBytes } from './owned-bytes';

/** sharp decodes on libuv's pool (4 threads by default); more in flight only queues. */
const CONCURRENCY = 4;

const port = parentPort;
if (!port) throw new Error('decode.worker.ts must run as a worker thread');

const queue: DecodeJob[] = [];
let running = 0;

port.on('message', (job: DecodeJob) => {
  queue.push(job);
  pump();
});

function pump(): void {
  while (running < CONCURRENCY) {
    const job = queue.shift();
    if (!job) return;
    running++;
    void decodeJob(job)
      .then(({ outcome, transfer }) => port?.postMessage(outcome, transfer))
      .finally(() => {
        running--;
        pump();
      });
  }
}

async function decodeJob(job: DecodeJob): Promise<{ outcome: DecodeOutcome; transfer: ArrayBuffer[] }> {
  try {
    const photo = await decodePhoto(await readInput(job.input), job.options);
    const tensor = photo.tensor as Float32Array<ArrayBuffer>;
    const thumbnail = photo.thumbnail && { ...photo.thumbnail, data: ownedBytes(photo.thumbnail.data) };
    const image = { tensor, thumbnail, width: photo.width, height: photo.height, format: photo.format };
    const transfer = [tensor.buffer, ...(thumbnail ? [thumbnail.data.buffer] : [])];
    return { outcome: { id: job.id, ok: true, image }, transfer };
  } catch (err) {
    return { outcome: { id: job.id, ok: false, error: describeFailure(err, job.input) }, transfer: [] };
  }
}

function readInput(input: ImageInput): Promise<Buffer> | Buffer {
  if ('path' in input) return readFile(input.path);
  return Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
}

/** A broken or missing file becomes that file's result; it never fails the request. */
function describeFailure(err: unknown, input: ImageInput): Extract<DecodeOutcome, { ok: false }>['error'] {
  if (err instanceof ClipfolioError) return { code: err.code, message: err.message };
  const where = 'path' in input ? input.path : 'the given bytes';
  const errno = (err as NodeJS.ErrnoException).code;
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return { code: 'NOT_FOUND', message: `No such file: ${where}` };
  return { code: 'DECODE_FAILED', message: `Cannot read ${where}: ${errorMessage(err)}` };
}
