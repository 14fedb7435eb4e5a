// Runs in: main and the inference worker. The one protocol between InferenceClient and
// inference.worker.ts: requests carry a sequence number, every response names the request it
// answers, and errors cross as plain data to be rebuilt on the main side.
import type { MessagePort } from 'node:worker_threads';
import type { ModelFolder } from '../models/model-folder';
import type { MatrixSource } from '../library/vector-store';
import { ClipfolioError, type ErrorCode } from '../shared/errors';

/** What a caller may ask for; 'auto' picks the platform's GPU provider and falls back to CPU. */
export type Provider = 'auto' | 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';
export type ConcreteProvider = Exclude<Provider, 'auto'>;

/** Which provider a session actually runs on, and why that one. */
export interface ProviderChoice {
  requested: Provider;
  chosen: ConcreteProvider;
  reason: string;
}

/** The parts of a model folder the worker needs; a ModelFolder itself qualifies. */
export type ModelTowers = Pick<ModelFolder, 'id' | 'vision' | 'text' | 'preprocess' | 'tokenizerDir' | 'contextLength'>;

/** Bytes are transferred to the worker: the caller's buffer is detached afterwards. */
export type ImageInput = { path: string } | { bytes: Uint8Array };

export interface Thumbnail {
  /** Encoded as decodePhoto's thumbnail option makes it (see DecodeOptions). */
  data: Uint8Array;
  width: number;
  height: number;
}

export type ImageResult =
  | {
      ok: true;
      /** Unit length. */
      embedding: Float32Array;
      thumbnail?: Thumbnail;
      /** Of the decoded photo, after EXIF orientation. */
      width: number;
      height: number;
      format: string;
    }
  | { ok: false; error: { code: ErrorCode; message: string } };

export interface TextEmbedding {
  text: string;
  /** Token ids, start to end token inclusive, without padding. */
  ids: number[];
  /** Unit length. */
  embedding: Float32Array;
}

/** What the worker read from a graph, and how much it has run; for diagnostics and tests. */
export interface SessionInfo {
  modelId: string;
  file: string;
  tower: Tower;
  provider: ProviderChoice;
  input: { name: string; type: string; shape: (number | string)[] };
  output: string;
  /** The graph's fixed batch size, or null when the batch axis is dynamic. */
  fixedBatch: number | null;
  /** session.run calls so far, and how many items they carried. */
  runs: number;
  items: number;
}

export type Tower = 'vision' | 'text';

export interface ProvidersReport {
  /** Providers this onnxruntime-node build lists for the platform. */
  available: string[];
  /** The outcome of 'auto' once a session has tried it, else what it would try first. */
  auto: { chosen: ConcreteProvider; reason: string };
  sessions: SessionInfo[];
}

/** workerData of the inference worker. */
export interface InferenceWorkerData {
  /** ONNX Runtime intra-op threads; defaults to the number of cores. */
  threads?: number;
  /** This worker's channel to the decode worker (see decode.worker.ts). */
  decodePort: MessagePort;
}

/**
 * Not a request: the client is closing. The worker finishes what it runs (cutting long loops
 * short), answers nothing more, and exits by itself: terminating it while onnxruntime runs
 * aborts the whole process (the addon calls back into a torn-down thread).
 */
export type InferenceControl = { type: 'drain' };

export type InferenceRequest =
  | { type: 'embed-texts'; seq: number; model: ModelTowers; texts: string[]; provider: Provider }
  | {
      type: 'embed-images';
      seq: number;
      model: ModelTowers;
      inputs: ImageInput[];
      provider: Provider;
      /** Ignored when the graph has a fixed batch size. */
      batchSize?: number;
      thumbnail?: { maxSide: number; quality?: number };
      /** Per-file decode limit; a slower file gets a TIMEOUT result. */
      decodeTimeoutMs?: number;
    }
  | { type: 'providers'; seq: number }
  /** The data is transferred; it stays in the worker under `key` until replaced or dropped. */
  | { type: 'set-matrix'; seq: number; key: string; version: number; data: Float32Array; rows: number; dim: number }
  /**
   * The rows of `version`'s matrix that changed since `from` (row indexes and their vectors,
   * transferred) and its row count now; NOT_FOUND when the worker does not hold `from`.
   */
  | { type: 'update-matrix'; seq: number; key: string; from: number; version: number; rows: Int32Array; vectors: Float32Array; count: number }
  /**
   * A library's matrix, which the worker reads from the vector file itself (the typed arrays
   * are transferred). Answered once products work, maybe before the read is over: the main
   * process closes the descriptor once 'matrix-loaded' for that version is answered.
   */
  | { type: 'load-matrix'; seq: number; key: string; version: number; source: MatrixSource }
  | { type: 'matrix-loaded'; seq: number; version: number }
  | { type: 'drop-matrix'; seq: number; key: string }
  /** Answered with the mean of the matrix's rows. */
  | { type: 'matrix-mean'; seq: number; key: string; version: number }
  /** queries: count x dim unit rows; answered with count x rows cosines. */
  | { type: 'score'; seq: number; key: string; version: number; queries: Float32Array; count: number }
  /** queries: categories then alternatives, unit rows; mask: [categories, alternatives]. Answered with [categories, rows] margins. */
  | { type: 'margins'; seq: number; key: string; version: number; queries: Float32Array; categories: number; mask: Float32Array }
  | { type: 'similar-pairs'; seq: number; key: string; version: number; minScore: number };

export type InferenceResponse =
  | { type: 'texts'; seq: number; embeddings: TextEmbedding[] }
  /** Sent once per finished batch, before the request's 'images-done'. */
  | { type: 'images-progress'; seq: number; results: { index: number; result: ImageResult }[] }
  | { type: 'images-done'; seq: number }
  | { type: 'providers'; seq: number; report: ProvidersReport }
  | { type: 'matrix-done'; seq: number }
  | { type: 'scores'; seq: number; scores: Float32Array }
  | { type: 'mean'; seq: number; mean: Float32Array }
  | { type: 'margins'; seq: number; margins: Float32Array }
  | { type: 'pairs'; seq: number; a: Int32Array; b: Int32Array; scores: Float32Array }
  | { type: 'error'; seq: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: ErrorCode;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof ClipfolioError) return { name: err.name, message: err.message, stack: err.stack, code: err.code };
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

/** The error as the main side throws it: a ClipfolioError when it had a code. */
export function rebuildError(serialized: SerializedError): Error {
  const err = serialized.code
    ? new ClipfolioError(serialized.code, serialized.message)
    : Object.assign(new Error(serialized.message), { name: serialized.name });
  if (serialized.stack) err.stack = serialized.stack;
  return err;
}
