// Runs in: the inference worker, the only thread that runs onnxruntime. Holds each library's
// embedding matrix (read from its vector file, then kept in step row by row, see
// library-matrix.ts; while the file is read, products come from it mapped, see
// mapped-matrix.ts) and answers similarity
// products against it with the generated Gemm of similarity-graph.ts: many queries share one
// run, and near-duplicate scans go block by block so the [block, rows] score matrix stays
// small and only the pairs above the cut leave the worker. A re-tag's categories go through
// margins-graph.ts instead, so only their calibrated margins leave it.
import * as ort from 'onnxruntime-node';
import type { MatrixSource } from '../library/vector-store';
import { ClipfolioError } from '../shared/errors';
import { readMatrix } from './matrix-file';
import { MappedMatrix, type MatrixUpdate } from './mapped-matrix';
import { sessionOptions } from './session-options';
import { MARGINS_INPUTS, MARGINS_OUTPUT, marginsGraph } from './margins-graph';
import { SIMILARITY_INPUTS, SIMILARITY_OUTPUT, similarityGraph } from './similarity-graph';

/** Query rows per Gemm in a near-duplicate scan: [256, 100k] scores is 100 MB. */
const PAIR_BLOCK_ROWS = 256;
/**
 * Room a loaded matrix leaves to grow into, as a share of its rows: indexing appends into it
 * instead of copying the whole matrix into a larger buffer (seconds at a million rows).
 * Untouched, the room costs no memory.
 */
const GROWTH_ROOM = 1 / 8;
/**
 * The read into memory begins after the first product from the mapped file, or this long
 * after the file is mapped, or at once when something needs the matrix in memory. Filling
 * 2 GB of fresh memory is seconds of page faults on both cores: begun at once, it slowed the
 * first search of a million-photo library after its open from ~0.6 to ~0.9 s.
 */
const READ_AFTER_MS = 1000;

interface HeldMatrix {
  version: number;
  /** The first rows x dim values are the matrix; the rest is room to grow into. */
  data: Float32Array;
  rows: number;
  dim: number;
  /** Sum of the rows, once the mean was asked for; kept in step by updates from then on. */
  sum: Float64Array | null;
  /**
   * While the vector file is read into `data`: products and margins come from the file mapped
   * (null when it could not be), and updates wait here to be written into `data` once it is read.
   */
  reading: { mapped: MappedMatrix | null; updates: MatrixUpdate[]; done: Promise<void>; begin: () => void } | null;
}

export interface SimilarPairs {
  /** Row pairs (a[i] < b[i]) whose cosine is at least the cut, with their scores. */
  a: Int32Array;
  b: Int32Array;
  scores: Float32Array;
}

const GRAPHS = { similarity: similarityGraph, margins: marginsGraph } as const;

/** Adds `sign` times matrix row `row` to `sum`. */
function addRow(sum: Float64Array, data: Float32Array, row: number, dim: number, sign: 1 | -1): void {
  for (let i = 0; i < dim; i++) sum[i] = (sum[i] as number) + sign * (data[row * dim + i] as number);
}

/** The matrix's rows without the room to grow. */
function live(matrix: HeldMatrix): Float32Array {
  return matrix.data.subarray(0, matrix.rows * matrix.dim);
}

export class SimilarityEngine {
  readonly #matrices = new Map<string, HeldMatrix>();
  readonly #threads: number;
  readonly #sessions = new Map<keyof typeof GRAPHS, Promise<ort.InferenceSession>>();
  /** Reads of vector files under way, by the version they load (versions are unique per load). */
  readonly #reads = new Map<number, Promise<void>>();
  #stopped = false;

  constructor(threads: number) {
    this.#threads = threads;
  }

  setMatrix(key: string, matrix: Omit<HeldMatrix, 'sum' | 'reading'>): void {
    if (matrix.data.length !== matrix.rows * matrix.dim) {
      throw new ClipfolioError('INVALID_ARGUMENT', `matrix ${key}: ${matrix.data.length} values for ${matrix.rows}x${matrix.dim}`);
    }
    this.#matrices.set(key, { version: matrix.version, data: matrix.data, rows: matrix.rows, dim: matrix.dim, sum: null, reading: null });
  }

  /** Ends long scans between two blocks (the worker is closing): they throw CANCELLED. */
  stop(): void {
    this.#stopped = true;
    for (const matrix of this.#matrices.values()) matrix.reading?.begin();
  }

  /**
   * Builds a library's matrix from its vector file (matrix-file.ts) and keeps it under `key`.
   * Returns once products can be answered: as soon as the file is mapped (mapped-matrix.ts),
   * while the read goes on (loaded() waits for it); after the read where it cannot be mapped.
   */
  async loadMatrix(key: string, version: number, source: MatrixSource): Promise<void> {
    const rows = source.fileRows.length;
    const mapped = await MappedMatrix.open(source, this.#threads).catch(() => null);
    const matrix: HeldMatrix = { version, data: new Float32Array(0), rows, dim: source.dim, sum: null, reading: null };
    this.#matrices.set(key, matrix);
    const current = () => this.#matrices.get(key) === matrix;
    let begin = () => {};
    const begun = new Promise<void>((resolve) => (begin = resolve));
    if (mapped) setTimeout(begin, READ_AFTER_MS).unref();
    else begin();
    const read = begun
      .then(() => readMatrix(source, rows + Math.max(1024, Math.ceil(rows * GROWTH_ROOM)), () => this.#stopped || !current()))
      .then(
        (data) => {
          if (!current()) return;
          const updates = matrix.reading?.updates ?? [];
          Object.assign(matrix, { data, rows });
          for (const update of updates) this.#write(matrix, update);
        },
        (err: unknown) => {
          if (current()) this.#matrices.delete(key);
          throw err;
        },
      )
      .finally(() => {
        matrix.reading = null;
        this.#reads.delete(version);
        // Over only once unmapped: the main process then lets the file be rewritten.
        return mapped?.release();
      });
    matrix.reading = { mapped, updates: [], done: read, begin };
    this.#reads.set(version, read);
    void read.catch(() => undefined);
    if (!mapped) await read;
  }

  /** Waits until the read loadMatrix started for `version` is over (throws its error), so its descriptor can be closed. */
  async loaded(version: number): Promise<void> {
    await this.#reads.get(version);
  }

  /** The mean of the matrix's rows (see the "tag calibration" note). */
  async mean(key: string, version: number): Promise<Float32Array> {
    const matrix = await this.#inMemory(key, version);
    const { rows, dim, data } = matrix;
    if (!matrix.sum) {
      const sum = new Float64Array(dim);
      for (let r = 0; r < rows; r++) addRow(sum, data, r, dim, 1);
      matrix.sum = sum;
    }
    const { sum } = matrix;
    return Float32Array.from(sum, (x) => (rows === 0 ? 0 : x / rows));
  }

  /**
   * Writes changed rows into the held matrix (growing its buffer by half again when it is
   * full), so a library that changes while indexing sends a chunk's rows, not itself.
   */
  updateMatrix(key: string, from: number, update: MatrixUpdate & { version: number }): void {
    const matrix = this.#require(key, from);
    if (update.vectors.length !== update.rows.length * matrix.dim) throw new ClipfolioError('INVALID_ARGUMENT', `matrix ${key}: ${update.rows.length} rows need ${update.rows.length * matrix.dim} values`);
    if (matrix.reading) {
      matrix.reading.mapped?.update(update);
      matrix.reading.updates.push(update);
      matrix.rows = update.count;
    } else {
      this.#write(matrix, update);
    }
    matrix.version = update.version;
  }

  /** Writes an update's rows into the matrix in memory, keeping the sum in step. */
  #write(matrix: HeldMatrix, update: MatrixUpdate): void {
    const { dim } = matrix;
    if (update.count * dim > matrix.data.length) {
      const grown = new Float32Array(Math.max(update.count, Math.ceil(matrix.rows * 1.5)) * dim);
      grown.set(matrix.data.subarray(0, matrix.rows * dim));
      matrix.data = grown;
    }
    const { sum } = matrix;
    // Rows past the new count leave the matrix, and a changed row's old vector leaves the sum.
    if (sum) for (let r = update.count; r < matrix.rows; r++) addRow(sum, matrix.data, r, dim, -1);
    update.rows.forEach((row, i) => {
      if (sum && row < matrix.rows) addRow(sum, matrix.data, row, dim, -1);
      matrix.data.set(update.vectors.subarray(i * dim, (i + 1) * dim), row * dim);
      if (sum) addRow(sum, matrix.data, row, dim, 1);
    });
    matrix.rows = update.count;
  }

  /** Forgets a matrix; a read of its file under way stops at its next block, one not begun at once. */
  dropMatrix(key: string): void {
    const reading = this.#matrices.get(key)?.reading;
    void reading?.mapped?.release();
    this.#matrices.delete(key);
    reading?.begin();
  }

  /**
   * [rows, count] cosines of `queries` (count x dim, unit rows) against the held matrix,
   * photo-major. Several queries (a category preview): the library is Gemm's left operand,
   * which ORT ran faster than [count, rows] (100k x 28: ~48 vs ~58 ms; 100k x 24 at load
   * ~7.5: 150 vs 162 ms).
   * One query (a search) is laid out the same either way, and there the query on the left
   * runs far faster (load ~7.5: 1M rows 394 vs 622 ms, 100k rows 31 vs 56 ms).
   */
  async score(key: string, version: number, queries: Float32Array, count: number): Promise<Float32Array> {
    let matrix = this.#require(key, version);
    if (queries.length !== count * matrix.dim) {
      throw new ClipfolioError('INVALID_ARGUMENT', `${count} queries need ${count * matrix.dim} values, got ${queries.length}`);
    }
    if (count === 0 || matrix.rows === 0) return new Float32Array(count * matrix.rows);
    if (matrix.reading?.mapped) return afterMapped(matrix.reading, matrix.reading.mapped.score(queries, count));
    matrix = await this.#inMemory(key, version);
    const library = live(matrix);
    return count === 1 ? this.#gemm(queries, 1, library, matrix.rows, matrix.dim) : this.#gemm(library, matrix.rows, queries, count, matrix.dim);
  }

  /**
   * [categories, rows] calibrated margins, category-major (see margins-graph.ts). `queries`:
   * the categories' unit rows, then their alternatives'; `mask`: [categories, alternatives],
   * 1 where an alternative counts for a category.
   */
  async margins(key: string, version: number, queries: Float32Array, categories: number, mask: Float32Array): Promise<Float32Array> {
    let matrix = this.#require(key, version);
    const { dim } = matrix;
    const count = queries.length / dim;
    const alternatives = count - categories;
    if (!Number.isInteger(count) || categories < 0 || alternatives < 1 || mask.length !== categories * alternatives) {
      throw new ClipfolioError(
        'INVALID_ARGUMENT',
        `margins need [categories + alternatives, ${dim}] queries and a [categories, alternatives] mask, got ${queries.length} and ${mask.length} values for ${categories} categories`,
      );
    }
    if (categories === 0 || matrix.rows === 0) return new Float32Array(categories * matrix.rows);
    const marginsOf = (library: Float32Array, rows: number) => this.#margins(library, rows, dim, queries, categories, mask);
    if (matrix.reading?.mapped) return afterMapped(matrix.reading, matrix.reading.mapped.margins(queries, categories, mask, marginsOf));
    matrix = await this.#inMemory(key, version);
    return marginsOf(live(matrix), matrix.rows);
  }

  /** The margins graph over `rows` rows of `library`. */
  async #margins(library: Float32Array, rows: number, dim: number, queries: Float32Array, categories: number, mask: Float32Array): Promise<Float32Array> {
    const count = queries.length / dim;
    const session = await this.#sessionFor('margins');
    const outputs = await session.run({
      [MARGINS_INPUTS.library]: new ort.Tensor('float32', library, [rows, dim]),
      [MARGINS_INPUTS.queries]: new ort.Tensor('float32', queries, [count, dim]),
      [MARGINS_INPUTS.split]: new ort.Tensor('int64', BigInt64Array.of(BigInt(categories), BigInt(count - categories)), [2]),
      [MARGINS_INPUTS.mask]: new ort.Tensor('float32', mask, [categories, count - categories]),
    });
    const output = outputs[MARGINS_OUTPUT];
    if (!output) throw new ClipfolioError('INTERNAL', 'the margins graph returned no margins');
    return output.data as Float32Array;
  }

  /** Every pair of rows with cosine >= minScore, scanned in blocks of the upper triangle. */
  async pairsAbove(key: string, version: number, minScore: number): Promise<SimilarPairs> {
    const matrix = await this.#inMemory(key, version);
    const { rows, dim } = matrix;
    const data = live(matrix);
    const a: number[] = [];
    const b: number[] = [];
    const scores: number[] = [];
    for (let first = 0; first < rows; first += PAIR_BLOCK_ROWS) {
      if (this.#stopped) throw new ClipfolioError('CANCELLED', 'the near-duplicate scan was stopped');
      const count = Math.min(PAIR_BLOCK_ROWS, rows - first);
      // Each block is compared with itself and every later row only: the lower triangle repeats it.
      const against = data.subarray(first * dim);
      const width = rows - first;
      const block = await this.#gemm(data.subarray(first * dim, (first + count) * dim), count, against, width, dim);
      for (let q = 0; q < count; q++) {
        const offset = q * width;
        for (let c = q + 1; c < width; c++) {
          const score = block[offset + c] ?? 0;
          if (score < minScore) continue;
          a.push(first + q);
          b.push(first + c);
          scores.push(score);
        }
      }
    }
    return { a: Int32Array.from(a), b: Int32Array.from(b), scores: Float32Array.from(scores) };
  }

  /** [leftRows, rightRows] products of two row-major [*, dim] matrices. */
  async #gemm(left: Float32Array, leftRows: number, right: Float32Array, rightRows: number, dim: number): Promise<Float32Array> {
    const session = await this.#sessionFor('similarity');
    const outputs = await session.run({
      [SIMILARITY_INPUTS.left]: new ort.Tensor('float32', left, [leftRows, dim]),
      [SIMILARITY_INPUTS.right]: new ort.Tensor('float32', right, [rightRows, dim]),
    });
    const output = outputs[SIMILARITY_OUTPUT];
    if (!output) throw new ClipfolioError('INTERNAL', 'the similarity graph returned no scores');
    return output.data as Float32Array;
  }

  #require(key: string, version: number): HeldMatrix {
    const matrix = this.#matrices.get(key);
    if (!matrix || matrix.version !== version) {
      // NOT_FOUND tells library-matrix.ts to send the matrix (again, e.g. to a restarted worker).
      throw new ClipfolioError(
        'NOT_FOUND',
        `the inference worker holds ${matrix ? `version ${matrix.version}` : 'no matrix'} of ${key}, not version ${version}`,
      );
    }
    return matrix;
  }

  /** The matrix once its file is read into memory (library-matrix.ts waits for that before asking, so this rarely waits). */
  async #inMemory(key: string, version: number): Promise<HeldMatrix> {
    let matrix = this.#require(key, version);
    while (matrix.reading) {
      matrix.reading.begin();
      await matrix.reading.done.catch(() => undefined);
      matrix = this.#require(key, version);
    }
    return matrix;
  }

  #sessionFor(graph: keyof typeof GRAPHS): Promise<ort.InferenceSession> {
    const existing = this.#sessions.get(graph);
    if (existing) return existing;
    // Always on the CPU: a GPU run would copy the whole library matrix to the device per query.
    const created = ort.InferenceSession.create(GRAPHS[graph](), sessionOptions('cpu', this.#threads));
    this.#sessions.set(graph, created);
    void created.catch(() => {
      if (this.#sessions.get(graph) === created) this.#sessions.delete(graph);
    });
    return created;
  }
}

/** A product from the mapped file; once it is over, the read into memory may begin (READ_AFTER_MS). */
async function afterMapped<T>(reading: { begin: () => void }, product: Promise<T>): Promise<T> {
  try {
    return await product;
  } finally {
    reading.begin();
  }
}
