// Runs in: the decode worker, a thread the inference client starts beside the inference
// worker. Decoding lives apart from onnxruntime because ORT's session.run holds its calling
// thread for the whole batch: in the same thread, every decode would stall between its
// sharp steps while a batch runs, and the two stages could not overlap (measured: see
// README, Benchmarks). It is a sibling, not a child, of the inference worker because a
// thread must never be terminated while sharp work is in flight in it: sharp's completion
// callback then throws into a dying environment, which aborts the whole process. So the
// inference worker can be killed (a hang, a crash test) while this one finishes its
// decodes, and on close this one drains and exits by itself. Tensors travel as transferred
// buffers, so moving them costs no copy. No ORT here: one ORT thread per process
// (DESIGN.md). The client also sends thumbnail-only jobs here on its own channel (a cleared
// thumbnail made again), which reach no model at all.
import { readFile } from 'node:fs/promises';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { decodePhoto, decodeThumbnail } from '../imaging/decode-photo';
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { DecodeControl, DecodedImage, DecodedThumbnail, DecodeJob, DecodeOutcome } from './decode-messages';
import type { ImageInput } from './messages';

/** sharp decodes on libuv's pool (4 threads by default); more in flight only queues. */
const CONCURRENCY = 4;

const control = parentPort;
if (!control) throw new Error('decode.worker.ts must run as a worker thread');

const queue: { job: DecodeJob; port: MessagePort }[] = [];
let running = 0;
let draining = false;

control.on('message', (message: DecodeControl) => {
  if (message.type === 'connect') {
    const { port } = message;
    port.on('message', (job: DecodeJob) => {
      queue.push({ job, port });
      pump();
    });
    // Its inference worker is gone: nobody waits for the jobs it queued.
    port.on('close', () => {
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.port === port) queue.splice(i, 1);
    });
  } else {
    draining = true;
    queue.length = 0;
    exitIfDrained();
  }
});

function pump(): void {
  while (running < CONCURRENCY && !draining) {
    const next = queue.shift();
    if (!next) return;
    running++;
    void decodeJob(next.job)
      .then(({ outcome, transfer }) => next.port.postMessage(outcome, transfer))
      .finally(() => {
        running--;
        pump();
        exitIfDrained();
      });
  }
}

function exitIfDrained(): void {
  if (draining && running === 0) process.exit(0);
}

type Outcome = DecodeOutcome<DecodedImage | DecodedThumbnail>;

async function decodeJob(job: DecodeJob): Promise<{ outcome: Outcome; transfer: ArrayBuffer[] }> {
  try {
    const input = await readInput(job.input);
    if (job.output === 'thumbnail') {
      const { thumbnail, width, height, format } = await decodeThumbnail(input, job.options);
      const data = nativeCopy(thumbnail.data);
      return { outcome: { id: job.id, ok: true, image: { width, height, format, thumbnail: { ...thumbnail, data } } }, transfer: [data.buffer] };
    }
    const photo = await decodePhoto(input, job.options);
    const thumbnail = photo.thumbnail && { ...photo.thumbnail, data: nativeCopy(photo.thumbnail.data) };
    const tensor = photo.tensor as Float32Array<ArrayBuffer>;
    const image = { width: photo.width, height: photo.height, format: photo.format, tensor, thumbnail };
    return { outcome: { id: job.id, ok: true, image }, transfer: [tensor.buffer, ...(thumbnail ? [thumbnail.data.buffer] : [])] };
  } catch (err) {
    return { outcome: { id: job.id, ok: false, error: describeFailure(err, job.input) }, transfer: [] };
  }
}

/**
 * A copy of bytes sharp made, which can be transferred: Node 24's V8 refuses to transfer an
 * ArrayBuffer over memory a native addon owns ("Cannot transfer object of unsupported type"),
 * and a thumbnail is small enough that the copy costs nothing.
 */
function nativeCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
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
