// Runs in: the main process (and the CLI). The only way into the inference worker: it starts
// the worker thread, matches responses to requests by sequence number, rebuilds errors, and
// turns a dead worker into WORKER_CRASHED for every request in flight, starting a fresh worker
// on the next request. Thumbnails alone skip the inference worker: they go straight to the
// decode worker, so making one runs no model and never waits behind a batch.
import { once } from 'node:events';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { ClipfolioError } from '../shared/errors';
import type { MatrixSource } from '../library/vector-store';
import type {
  ImageInput,
  ImageResult,
  InferenceControl,
  InferenceRequest,
  InferenceResponse,
  InferenceWorkerData,
  ModelTowers,
  Provider,
  ProvidersReport,
  TextEmbedding,
} from './messages';
import { rebuildError } from './messages';
import type { DecodeControl, DecodedThumbnail, DecodeResult, ThumbnailDecodeOptions } from './decode-messages';
import { DecodeThread } from './decode-thread';
import { ownedBytes } from './owned-bytes';
import { startWorker } from './worker-entry';

export type { ImageInput, ImageResult, Provider, ProvidersReport, TextEmbedding } from './messages';
export type { DecodedThumbnail, DecodeResult, ThumbnailDecodeOptions } from './decode-messages';

export interface EmbedImagesOptions {
  provider?: Provider;
  /** Images per session.run where the graph allows batching (default 8); fixed-batch graphs ignore it. */
  batchSize?: number;
  /** Also return a thumbnail made from the same decode. */
  thumbnail?: { maxSide: number; quality?: number };
  /** Per-file decode limit in ms (default 60 s); a slower file gets a TIMEOUT result. */
  decodeTimeoutMs?: number;
  /** Called as each batch finishes, before the returned promise resolves. */
  onResult?: (index: number, result: ImageResult) => void;
}

interface Pending {
  resolve: (response: InferenceResponse) => void;
  reject: (error: Error) => void;
  onProgress?: (results: { index: number; result: ImageResult }[]) => void;
}

type RequestBody = InferenceRequest extends infer R ? (R extends InferenceRequest ? Omit<R, 'seq'> : never) : never;

/** Asks a worker to finish what it runs and exit by itself, and waits until it has. */
async function drained(worker: Worker, message: InferenceControl | DecodeControl): Promise<void> {
  const exited = once(worker, 'exit');
  // Held open until it has drained, or a closing CLI would end with this still pending.
  worker.ref();
  worker.postMessage(message);
  await exited;
}

export class InferenceClient {
  private worker: Worker | null = null;
  private decoder: Worker | null = null;
  /** The client's own channel to the decoder, opened by the first thumbnail. */
  private thumbnails: DecodeThread | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextSeq = 1;
  private closed = false;

  private constructor(private readonly threads: number | undefined) {}

  /** Starts the worker now, so onnxruntime loads while the app starts up. */
  static start(options: { threads?: number } = {}): InferenceClient {
    const client = new InferenceClient(options.threads);
    client.ensureWorker();
    return client;
  }

  async embedTexts(model: ModelTowers, texts: string[], opts: { provider?: Provider } = {}): Promise<TextEmbedding[]> {
    const response = await this.send({ type: 'embed-texts', model, texts, provider: opts.provider ?? 'auto' });
    if (response.type !== 'texts') throw unexpected(response);
    return response.embeddings;
  }

  /**
   * One result per input, in input order; a file that cannot be read or decoded gets
   * {ok:false} and never fails the others. Byte inputs are transferred to the worker: a
   * Uint8Array that owns its whole ArrayBuffer is detached afterwards.
   */
  async embedImages(model: ModelTowers, inputs: ImageInput[], opts: EmbedImagesOptions = {}): Promise<ImageResult[]> {
    const transfer: ArrayBuffer[] = [];
    const sent = inputs.map((input): ImageInput => {
      if ('path' in input) return { path: input.path };
      const bytes = ownedBytes(input.bytes);
      transfer.push(bytes.buffer);
      return { bytes };
    });
    const results = new Array<ImageResult | undefined>(inputs.length);
    const response = await this.send(
      {
        type: 'embed-images',
        model,
        inputs: sent,
        provider: opts.provider ?? 'auto',
        batchSize: opts.batchSize,
        thumbnail: opts.thumbnail,
        decodeTimeoutMs: opts.decodeTimeoutMs,
      },
      transfer,
      (batch) => {
        for (const { index, result } of batch) {
          results[index] = result;
          opts.onResult?.(index, result);
        }
      },
    );
    if (response.type !== 'images-done') throw unexpected(response);
    return results.map((result, index) => {
      if (!result) throw new ClipfolioError('INTERNAL', `the inference worker sent no result for image ${index}`);
      return result;
    });
  }

  /**
   * The thumbnail of the photo at `path` from the decode embedImages uses, so with the same
   * preprocess and thumbnail options it is the thumbnail indexing made, byte for byte; no
   * tensor comes back and no model runs. A file that cannot be read or decoded gives
   * {ok:false}; the decode worker stopping rejects with WORKER_CRASHED.
   */
  async makeThumbnail(path: string, options: ThumbnailDecodeOptions): Promise<DecodeResult<DecodedThumbnail>> {
    if (this.closed) throw new ClipfolioError('CANCELLED', 'The inference client is closed.');
    this.thumbnails ??= new DecodeThread(this.decoderChannel());
    return this.thumbnails.thumbnail({ path }, options);
  }

  /** Providers onnxruntime-node offers here, what 'auto' chose and why, and each open session. */
  async providers(): Promise<ProvidersReport> {
    const response = await this.send({ type: 'providers' });
    if (response.type !== 'providers') throw unexpected(response);
    return response.report;
  }

  /**
   * Hands the worker a library matrix to keep under `key` (replacing an older version). The
   * data's buffer is transferred, so pass a copy that owns its whole ArrayBuffer.
   */
  async setMatrix(key: string, version: number, data: Float32Array, rows: number, dim: number): Promise<void> {
    const response = await this.send({ type: 'set-matrix', key, version, data, rows, dim }, [data.buffer as ArrayBuffer]);
    if (response.type !== 'matrix-done') throw unexpected(response);
  }

  /**
   * Brings the worker's matrix under `key` from version `from` to `version`: `rows` were
   * written with `vectors` (rows.length x dim, transferred), and it has `count` rows now.
   * NOT_FOUND when the worker does not hold version `from` (then send it whole).
   */
  async updateMatrix(key: string, from: number, version: number, rows: Int32Array, vectors: Float32Array, count: number): Promise<void> {
    const response = await this.send({ type: 'update-matrix', key, from, version, rows, vectors, count }, [rows.buffer as ArrayBuffer, vectors.buffer as ArrayBuffer]);
    if (response.type !== 'matrix-done') throw unexpected(response);
  }

  /**
   * Has the worker build the matrix `key` from its vector file (see MatrixSource); the
   * source's typed arrays are transferred, its descriptor stays the caller's to close once
   * matrixLoaded(version) is over. Resolves once products against it work, which may be
   * before the file is read (see mapped-matrix.ts).
   */
  async loadMatrix(key: string, version: number, source: MatrixSource): Promise<void> {
    const transfer = [source.fileRows.buffer, source.overlayRows.buffer, source.overlayVectors.buffer] as ArrayBuffer[];
    const response = await this.send({ type: 'load-matrix', key, version, source }, transfer);
    if (response.type !== 'matrix-done') throw unexpected(response);
  }

  /** Resolves when the read loadMatrix started for `version` is over; rejects with its error. */
  async matrixLoaded(version: number): Promise<void> {
    const response = await this.send({ type: 'matrix-loaded', version });
    if (response.type !== 'matrix-done') throw unexpected(response);
  }

  /** The mean of the rows of the matrix `key` at `version`; NOT_FOUND when the worker does not hold it. */
  async matrixMean(key: string, version: number): Promise<Float32Array> {
    const response = await this.send({ type: 'matrix-mean', key, version });
    if (response.type !== 'mean') throw unexpected(response);
    return response.mean;
  }

  async dropMatrix(key: string): Promise<void> {
    const response = await this.send({ type: 'drop-matrix', key });
    if (response.type !== 'matrix-done') throw unexpected(response);
  }

  /**
   * Cosines of `count` unit query rows against the held matrix `key`, query-major
   * ([count, rows]). NOT_FOUND when the worker does not hold that version.
   */
  async score(key: string, version: number, queries: Float32Array, count: number): Promise<Float32Array> {
    const response = await this.send({ type: 'score', key, version, queries, count });
    if (response.type !== 'scores') throw unexpected(response);
    return response.scores;
  }

  /**
   * Calibrated margins of `categories` against the held matrix `key`, category-major
   * ([categories, rows]); see SimilarityEngine.margins. NOT_FOUND when the worker does not
   * hold that version.
   */
  async margins(key: string, version: number, queries: Float32Array, categories: number, mask: Float32Array): Promise<Float32Array> {
    const response = await this.send({ type: 'margins', key, version, queries, categories, mask });
    if (response.type !== 'margins') throw unexpected(response);
    return response.margins;
  }

  /** Row pairs of the held matrix whose cosine is at least `minScore`. */
  async similarPairs(key: string, version: number, minScore: number): Promise<{ a: Int32Array; b: Int32Array; scores: Float32Array }> {
    const response = await this.send({ type: 'similar-pairs', key, version, minScore });
    if (response.type !== 'pairs') throw unexpected(response);
    return { a: response.a, b: response.b, scores: response.scores };
  }

  /**
   * Ends the inference worker at once, as a crash would: requests in flight reject with
   * WORKER_CRASHED and the next request starts a new one. For tests, and for a caller that
   * decides the worker is hung. The decode worker is left to finish its decodes (see
   * decode.worker.ts for why it is never terminated mid-decode).
   */
  async kill(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.workerGone(worker, 'it was killed');
    await worker.terminate();
  }

  /**
   * Stops both workers; requests in flight reject with CANCELLED and later ones are refused.
   * Each worker drains what it runs and exits by itself (see InferenceControl), the inference
   * worker first, as it may be waiting on decodes.
   */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    const decoder = this.decoder;
    this.worker = null;
    this.decoder = null;
    const cancelled = new ClipfolioError('CANCELLED', 'The inference client was closed before the request finished.');
    this.rejectAll(cancelled);
    this.thumbnails?.close(cancelled);
    this.thumbnails = null;
    if (worker) await drained(worker, { type: 'drain' } satisfies InferenceControl);
    if (decoder) await drained(decoder, { type: 'drain' } satisfies DecodeControl);
  }

  private send(
    body: RequestBody,
    transfer: ArrayBuffer[] = [],
    onProgress?: Pending['onProgress'],
  ): Promise<InferenceResponse> {
    if (this.closed) {
      return Promise.reject(new ClipfolioError('CANCELLED', 'The inference client is closed.'));
    }
    const worker = this.ensureWorker();
    const request: InferenceRequest = { ...body, seq: this.nextSeq++ };
    return new Promise((resolve, reject) => {
      this.pending.set(request.seq, { resolve, reject, onProgress });
      worker.ref();
      try {
        worker.postMessage(request, transfer);
      } catch (err) {
        this.settle(request.seq);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const decodePort = this.decoderChannel();
    const workerData: InferenceWorkerData = { threads: this.threads, decodePort };
    const worker = startWorker('inference.worker', { workerData, transferList: [decodePort] });
    worker.on('message', (response: InferenceResponse) => this.receive(response));
    worker.on('error', (err) => this.workerGone(worker, `it threw: ${err.message}`));
    worker.on('exit', (code) => this.workerGone(worker, `it exited with code ${code}`));
    // An idle worker must not keep a CLI process alive; send() refs it while work is pending.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /**
   * A new channel to the decode worker, started if need be; the returned end sends jobs. The
   * decode worker outlives inference workers; each new one gets its own channel to it.
   */
  private decoderChannel(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.ensureDecoder().postMessage({ type: 'connect', port: port1 } satisfies DecodeControl, [port1]);
    return port2;
  }

  private ensureDecoder(): Worker {
    if (this.decoder) return this.decoder;
    const decoder = startWorker('decode.worker');
    // Its jobs die with it, so the inference worker waiting on them is ended as a crash.
    const gone = () => {
      if (this.decoder !== decoder) return;
      this.decoder = null;
      this.thumbnails?.close(
        new ClipfolioError('WORKER_CRASHED', 'The decode worker stopped before the thumbnail was made; the next request starts a new one.'),
      );
      this.thumbnails = null;
      if (this.worker) void this.kill();
    };
    decoder.on('error', gone);
    decoder.on('exit', gone);
    // Only requests in flight keep the process alive: the inference worker's, and thumbnails (see DecodeThread).
    decoder.unref();
    this.decoder = decoder;
    return decoder;
  }

  private receive(response: InferenceResponse): void {
    const pending = this.pending.get(response.seq);
    if (!pending) return;
    if (response.type === 'images-progress') {
      try {
        pending.onProgress?.(response.results);
      } catch (err) {
        // A throwing onResult ends its own request; later batches of it are ignored.
        this.settle(response.seq);
        pending.reject(err instanceof Error ? err : new Error(String(err)));
      }
      return;
    }
    this.settle(response.seq);
    if (response.type === 'error') pending.reject(rebuildError(response.error));
    else pending.resolve(response);
  }

  private settle(seq: number): void {
    this.pending.delete(seq);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private workerGone(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.rejectAll(
      new ClipfolioError(
        'WORKER_CRASHED',
        `The inference worker stopped (${why}) before the request finished; the next request starts a new worker.`,
      ),
    );
  }

  private rejectAll(error: ClipfolioError): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }
}

function unexpected(response: InferenceResponse): ClipfolioError {
  return new ClipfolioError('INTERNAL', `the inference worker answered '${response.type}' to a different request`);
}
