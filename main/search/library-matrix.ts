// Runs in: the main process. Keeps the inference worker's copy of one library's embedding
// matrix in step with its VectorStore and runs similarity products against it.
//
// Design note "library matrix in the worker": the matrix lives in the worker only (see
// "vectors live in the worker" in vector-store.ts). The worker builds it from the vector
// file itself (VectorStore.openSource); after that, a change of the store (indexing's
// appends, removals) sends only the rows it wrote (VectorStore.changesSince), read back from
// the file: re-sending the whole matrix per indexed chunk blocked the main thread for
// seconds at 1,000,000 photos. A SharedArrayBuffer would let both threads hold one copy, but
// onnxruntime-node (Node-API) rejects tensors over shared memory with "Invalid argument",
// measured with onnxruntime-node 1.30 on Node 20. A worker that restarted answers NOT_FOUND
// and reads the file again.
//
// The worker answers products (search) and re-tags from the file mapped while it reads it
// (see mapped-matrix.ts): a search works within two seconds of opening a million-photo
// library. Near-duplicate scans and the mean wait here until the read is over, so they are
// asked of the version current then rather than of one an update overtook while they waited.
import { ClipfolioError } from '../shared/errors';
import type { InferenceClient } from '../inference/inference-client';
import type { ColumnIds } from '../library/column-ids';
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
/**
 * Changed rows sent as an update, read back from the file here (~10 us a row); past this
 * many the worker reads the whole file again instead, off the main thread.
 */
const UPDATE_ROWS_MAX = 4096;

/** A photo's column in one version's list of columns (Map's get and has, as callers use them). */
export interface ColumnIndex {
  get(photoId: string): number | undefined;
  has(photoId: string): boolean;
}

export interface ScoreResult {
  /** [rows, count] cosines, photo-major: photo r's scores are scores[r * count .. (r + 1) * count). */
  scores: Float32Array;
  /** Photo id of each column. */
  ids: ColumnIds;
}

interface SentMatrix {
  storeVersion: number;
  epoch: number;
  ids: ColumnIds;
  rowOf: ColumnIndex;
}

export class LibraryMatrix {
  readonly #store: VectorStore;
  readonly #client: InferenceClient;
  #sent: Promise<SentMatrix> | null = null;
  #sample: { rows: number; sample: LibrarySample } | null = null;
  /** The worker's read of the vector file since the last whole send, over when it settles. */
  #reading: Promise<void> = Promise.resolve();

  constructor(store: VectorStore, client: InferenceClient) {
    this.#store = store;
    this.#client = client;
  }

  get dim(): number {
    return this.#store.dim;
  }

  /** Photo ids in column order of the current version. */
  async ids(): Promise<ColumnIds> {
    return (await this.#ensure(false)).ids;
  }

  /** The current version's columns: photo ids in order, and each photo's column. */
  async columns(): Promise<{ ids: ColumnIds; rowOf: ColumnIndex }> {
    const { ids, rowOf } = await this.#ensure(false);
    return { ids, rowOf };
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
  async margins(queries: Float32Array, categories: number, mask: Float32Array): Promise<{ margins: Float32Array; ids: ColumnIds }> {
    return this.#withMatrix(async (key, epoch, ids) => ({ margins: await this.#client.margins(key, epoch, queries, categories, mask), ids }));
  }

  /** Photo pairs whose cosine is at least `minScore`. */
  async pairsAbove(minScore: number): Promise<{ a: Int32Array; b: Int32Array; scores: Float32Array; ids: ColumnIds }> {
    await this.#inMemory();
    return this.#withMatrix(async (key, epoch, ids) => ({ ...(await this.#client.similarPairs(key, epoch, minScore)), ids }));
  }

  /** Mean of all photo vectors (for centring, see the "tag calibration" note); the worker keeps it in step. */
  async mean(): Promise<Float32Array> {
    await this.#inMemory();
    return this.#withMatrix((key, epoch) => this.#client.matrixMean(key, epoch));
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
    const count = Math.min(rows, SAMPLE_ROWS);
    const strided = Array.from({ length: count }, (_, i) => Math.floor((i * rows) / count));
    const sample = { rows: this.#store.readRows(strided), count, dim: this.dim };
    this.#sample = { rows, sample };
    return sample;
  }

  /** Frees the worker's copy. */
  async release(): Promise<void> {
    this.#sent = null;
    await this.#client.dropMatrix(this.#store.path);
    // The read stops at its next block; its descriptor is closed once it has.
    await this.#reading;
  }

  /** Until the worker holds the matrix in memory (see the note at the top). */
  async #inMemory(): Promise<void> {
    await this.#ensure(false);
    await this.#reading;
  }

  async #withMatrix<T>(run: (key: string, epoch: number, ids: ColumnIds) => Promise<T>): Promise<T> {
    let sent = await this.#ensure(false);
    for (let retries = 2; ; retries--) {
      try {
        return await run(this.#store.path, sent.epoch, sent.ids);
      } catch (err) {
        if (!(err instanceof ClipfolioError) || err.code !== 'NOT_FOUND' || retries === 0) throw err;
        // Either another caller's update reached the worker first (the latest send has it), or
        // the worker lost the matrix (a restart): then it is sent whole.
        const latest = await this.#ensure(false);
        sent = latest.epoch !== sent.epoch ? latest : await this.#ensure(true);
      }
    }
  }

  /** Concurrent callers share one send; a failed send is not kept. */
  async #ensure(force: boolean): Promise<SentMatrix> {
    const current = this.#sent && !force ? await this.#sent.catch(() => null) : null;
    if (current && current.storeVersion === this.#store.version) return current;
    const sending = this.#send(current);
    this.#sent = sending;
    void sending.catch(() => {
      if (this.#sent === sending) this.#sent = null;
    });
    return sending;
  }

  /** The rows written since `previous` when the store still knows them, else the whole matrix. */
  async #send(previous: SentMatrix | null): Promise<SentMatrix> {
    if (previous) {
      // A worker that restarted since holds nothing to update: it gets the matrix whole.
      const updated = await this.#update(previous).catch((err: unknown) => {
        if (err instanceof ClipfolioError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      if (updated) return updated;
    }
    const storeVersion = this.#store.version;
    const epoch = nextEpoch++;
    const source = this.#store.openSource();
    const sent = { storeVersion, epoch, ...this.#columnsNow() };
    try {
      await this.#client.loadMatrix(this.#store.path, epoch, source);
    } catch (err) {
      this.#store.closeSource(source);
      throw err;
    }
    // A failed read drops the worker's matrix: the next product then gets NOT_FOUND and sends it again.
    this.#reading = this.#client
      .matrixLoaded(epoch)
      .catch(() => undefined)
      .finally(() => this.#store.closeSource(source));
    // Rows written while the worker read (indexing goes on) follow as an update.
    return this.#store.version === storeVersion ? sent : ((await this.#update(sent)) ?? this.#send(null));
  }

  /** Sends the rows written since `previous`; null when the store no longer remembers them. */
  async #update(previous: SentMatrix): Promise<SentMatrix | null> {
    const storeVersion = this.#store.version;
    const changes = this.#store.changesSince(previous.storeVersion);
    if (!changes || changes.rows.length > UPDATE_ROWS_MAX) return null;
    const rows = Int32Array.from(changes.rows);
    const vectors = this.#store.readRows(rows);
    const columns = this.#columnsNow();
    const epoch = nextEpoch++;
    await this.#client.updateMatrix(this.#store.path, previous.epoch, epoch, rows, vectors, changes.count);
    return { storeVersion, epoch, ...columns };
  }

  /**
   * The store's columns now. The store keeps each photo's current row; a version handed out
   * earlier checks it against its own list and, only where the store has moved on since,
   * builds that version's own index (once), instead of a million-entry Map per version.
   */
  #columnsNow(): { ids: ColumnIds; rowOf: ColumnIndex } {
    const ids = this.#store.ids();
    const store = this.#store;
    let own: Map<string, number> | null = null;
    const get = (photoId: string) => {
      const row = store.rowOf(photoId);
      if (row !== undefined && ids.at(row) === photoId) return row;
      own ??= columnsOf(ids);
      return own.get(photoId);
    };
    return { ids, rowOf: { get, has: (photoId) => get(photoId) !== undefined } };
  }
}

function columnsOf(ids: ColumnIds): Map<string, number> {
  const columns = new Map<string, number>();
  for (let column = 0; column < ids.length; column++) columns.set(ids.at(column) as string, column);
  return columns;
}
