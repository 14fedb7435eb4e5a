// Runs in: the main process. Keeps the inference worker's copy of one library's embedding
// matrix in step with its VectorStore and runs similarity products against it.
//
// Design note "library matrix in the worker": the matrix crosses to the worker once per
// vector-store version, not once per query. It is copied (only the live rows) and the copy's
// buffer is transferred, so the worker owns a plain ArrayBuffer. A SharedArrayBuffer would
// save that copy, but onnxruntime-node (Node-API) rejects tensors over shared memory with
// "Invalid argument", measured with onnxruntime-node 1.30 on Node 20. Any change of the store
// (append, replace, remove, compaction) re-sends the whole matrix; a worker that restarted
// answers NOT_FOUND and gets it again.
import { ClipfolioError } from '../shared/errors';
import type { InferenceClient } from '../inference/inference-client';
import type { VectorStore } from '../library/vector-store';
import type { LibrarySample } from '../tagging/calibration';

/**
 * Rows in sample(): a standard deviation measured over 1,000 is within ~2% (1/sqrt(2n)) of the
 * library's, plenty for a weight, at half the cost of 2,000 (~6 ms a corrected category).
 */
const SAMPLE_ROWS = 1000;
/** sample() is drawn again once the library has grown or shrunk by this share. */
const RESAMPLE_AFTER = 0.1;

/** Process-wide, so a reopened store (whose own version restarts) never matches a stale copy. */
let nextEpoch = 1;

export interface ScoreResult {
  /** [rows, count] cosines, photo-major: photo r's scores are scores[r * count .. (r + 1) * count). */
  scores: Float32Array;
  /** Photo id of each column. */
  ids: readonly string[];
}

interface SentMatrix {
  storeVersion: number;
  epoch: number;
  ids: readonly string[];
  rowOf: Map<string, number>;
}

export class LibraryMatrix {
  readonly #store: VectorStore;
  readonly #client: InferenceClient;
  #sent: Promise<SentMatrix> | null = null;
  #mean: { version: number; vector: Float32Array } | null = null;
  #sample: { rows: number; sample: LibrarySample } | null = null;

  constructor(store: VectorStore, client: InferenceClient) {
    this.#store = store;
    this.#client = client;
  }

  get dim(): number {
    return this.#store.dim;
  }

  /** Photo ids in column order of the current version. */
  async ids(): Promise<readonly string[]> {
    return (await this.#ensure(false)).ids;
  }

  async rowOf(photoId: string): Promise<number | undefined> {
    return (await this.#ensure(false)).rowOf.get(photoId);
  }

  /** A copy of one photo's vector, or undefined when it has none. */
  vector(photoId: string): Float32Array | undefined {
    return this.#store.get(photoId);
  }

  /** Cosines of unit query rows (count x dim) against every photo, in one product. */
  async score(queries: Float32Array, count: number): Promise<ScoreResult> {
    return this.#withMatrix(async (key, epoch, ids) => ({ scores: await this.#client.score(key, epoch, queries, count), ids }));
  }

  /**
   * Calibrated margins of `categories` category rows against every photo, [categories, rows]
   * (see SimilarityEngine.margins for the layout of `queries` and `mask`).
   */
  async margins(queries: Float32Array, categories: number, mask: Float32Array): Promise<{ margins: Float32Array; ids: readonly string[] }> {
    return this.#withMatrix(async (key, epoch, ids) => ({ margins: await this.#client.margins(key, epoch, queries, categories, mask), ids }));
  }

  /** Photo pairs whose cosine is at least `minScore`. */
  async pairsAbove(minScore: number): Promise<{ a: Int32Array; b: Int32Array; scores: Float32Array; ids: readonly string[] }> {
    return this.#withMatrix(async (key, epoch, ids) => ({ ...(await this.#client.similarPairs(key, epoch, minScore)), ids }));
  }

  /** Mean of all photo vectors (for centring, see the "tag calibration" note), cached per version. */
  mean(): Float32Array {
    if (this.#mean?.version === this.#store.version) return this.#mean.vector;
    const { data, rows, dim } = this.#store.matrix();
    const sum = new Float64Array(dim);
    for (let r = 0; r < rows; r++) {
      const offset = r * dim;
      for (let i = 0; i < dim; i++) sum[i] = (sum[i] ?? 0) + (data[offset + i] ?? 0);
    }
    const vector = Float32Array.from(sum, (x) => (rows === 0 ? 0 : x / rows));
    this.#mean = { version: this.#store.version, vector };
    return vector;
  }

  /**
   * Up to SAMPLE_ROWS photo vectors at an even stride, for the spreads of the "tag calibration"
   * note. Deterministic, so a re-tag of an unchanged library learns the same. Kept (the same
   * object, which tagger.ts keys its measured weights by) until the library's size has moved
   * by RESAMPLE_AFTER of what it was drawn from: spreads over a sample hardly move with a few
   * photos indexed, and re-measuring every corrected category each time the store changes
   * would make every re-tag during indexing pay for it.
   */
  sample(): LibrarySample {
    const rows = this.#store.count;
    if (this.#sample && Math.abs(rows - this.#sample.rows) <= RESAMPLE_AFTER * this.#sample.rows) return this.#sample.sample;
    const { data, dim } = this.#store.matrix();
    const count = Math.min(rows, SAMPLE_ROWS);
    const out = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) {
      const row = Math.floor((i * rows) / count);
      out.set(data.subarray(row * dim, (row + 1) * dim), i * dim);
    }
    const sample = { rows: out, count, dim };
    this.#sample = { rows, sample };
    return sample;
  }

  /** Frees the worker's copy. */
  async release(): Promise<void> {
    this.#sent = null;
    await this.#client.dropMatrix(this.#store.path);
  }

  async #withMatrix<T>(run: (key: string, epoch: number, ids: readonly string[]) => Promise<T>): Promise<T> {
    const sent = await this.#ensure(false);
    try {
      return await run(this.#store.path, sent.epoch, sent.ids);
    } catch (err) {
      if (!(err instanceof ClipfolioError) || err.code !== 'NOT_FOUND') throw err;
      const again = await this.#ensure(true);
      return run(this.#store.path, again.epoch, again.ids);
    }
  }

  /** Concurrent callers share one send; a failed send is not kept. */
  async #ensure(force: boolean): Promise<SentMatrix> {
    const current = this.#sent && !force ? await this.#sent.catch(() => null) : null;
    if (current && current.storeVersion === this.#store.version) return current;
    const sending = this.#send();
    this.#sent = sending;
    void sending.catch(() => {
      if (this.#sent === sending) this.#sent = null;
    });
    return sending;
  }

  async #send(): Promise<SentMatrix> {
    const storeVersion = this.#store.version;
    const { data, rows, dim, ids } = this.#store.matrix();
    const epoch = nextEpoch++;
    await this.#client.setMatrix(this.#store.path, epoch, data.slice(), rows, dim);
    return { storeVersion, epoch, ids, rowOf: new Map(ids.map((id, row) => [id, row])) };
  }
}
