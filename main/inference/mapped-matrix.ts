// Runs in: the inference worker. Answers similarity products and re-tags for a library
// straight from its vector file while the matrix is still being read into memory
// (matrix-file.ts), so they work within a second of the library's ids being known instead of
// after the whole read (seconds at a million photos).
//
// Design note "search from the mapped file": a vector file's rows are a photo id (16 bytes)
// then dim float32, that is (16 + 4 dim) / 4 float32 columns, so the file past its header is
// one [fileRows, 4 + dim] float32 tensor. It goes to ONNX Runtime as an initializer with
// external data, which ORT maps into memory (mmap, MapViewOfFile) instead of copying it: the
// matrix then costs page cache, not a fresh buffer (filling a fresh 2 GB buffer takes ~6 s on
// the 2-core test machine, most of it page faults; mapping the same file ~0.7 s, on the first
// product). The queries are padded with zeros under the id columns: an id's ASCII bytes read as
// float32 are always finite (a top byte of 0x21-0x7e never makes the all-ones exponent of NaN
// or Infinity), so they add exactly 0. Tombstones (NaN rows) and superseded rows only give
// scores to file rows that no matrix row points at. Measured at 1,000,000 photos: the session
// in ~50 ms, the first query 0.65 s, later ones ~90 ms.
//
// Products (search, previews) and re-tags' margins come from here, through the same graphs
// as the matrix in memory (similarity-graph.ts, margins-graph.ts) with the file as their
// library operand; near-duplicate scans and the mean wait for the matrix in memory.
import * as ort from 'onnxruntime-node';
import path from 'node:path';
import type { MatrixSource } from '../library/vector-store';
import { ClipfolioError } from '../shared/errors';
import { MARGINS_INPUTS, MARGINS_OUTPUT, marginsGraph } from './margins-graph';
import { DataType, type ExternalTensor } from './onnx-writer';
import { sessionOptions } from './session-options';
import { SIMILARITY_INPUTS, SIMILARITY_OUTPUT, similarityGraph } from './similarity-graph';

/** Calibrated margins of a small in-memory library, as SimilarityEngine computes them (for the rows not in the file). */
export type MarginsOf = (library: Float32Array, rows: number, queries: Float32Array, categories: number, mask: Float32Array) => Promise<Float32Array>;

const GRAPHS = { score: similarityGraph, margins: marginsGraph } as const;

export interface MatrixUpdate {
  rows: Int32Array;
  vectors: Float32Array;
  count: number;
}

export class MappedMatrix {
  readonly dim: number;
  #rows: number;
  /** Matrix row -> file row of its vector; -1 where the vector is in #overlay instead. */
  #fileRows: Int32Array;
  readonly #overlay = new Map<number, Float32Array>();
  /** The file rows as the graphs' library operand; null when no row is in the file yet. */
  readonly #file: ExternalTensor | null;
  readonly #folder: string;
  readonly #threads: number;
  /** One per graph, made when first needed: each maps the file anew. */
  readonly #sessions = new Map<keyof typeof GRAPHS, Promise<ort.InferenceSession>>();
  /** Float32 columns of a file row, and the first one of its vector. */
  readonly #width: number;
  readonly #vectorColumn: number;
  /** The product running, which release() waits for: a session freed under a run takes the process down. */
  #running: Promise<unknown> = Promise.resolve();
  #released: Promise<void> | null = null;

  private constructor(source: MatrixSource, threads: number) {
    this.dim = source.dim;
    this.#rows = source.fileRows.length;
    this.#fileRows = source.fileRows.slice();
    this.#folder = path.dirname(source.path);
    this.#threads = threads;
    this.#width = source.rowBytes / 4;
    let fileRows = 0;
    for (const fileRow of source.fileRows) fileRows = Math.max(fileRows, fileRow + 1);
    this.#file =
      fileRows === 0
        ? null
        : {
            name: 'file',
            dataType: DataType.FLOAT,
            dims: [fileRows, this.#width],
            external: { location: path.basename(source.path), offset: source.headerBytes, length: fileRows * source.rowBytes },
          };
    this.#vectorColumn = source.vectorOffset / 4;
    source.overlayRows.forEach((row, i) => this.#overlay.set(row, source.overlayVectors.slice(i * source.dim, (i + 1) * source.dim)));
  }

  /**
   * Maps the source's file rows for products; throws what ONNX Runtime says when it cannot
   * (the caller then reads the file instead).
   */
  static async open(source: MatrixSource, threads: number): Promise<MappedMatrix> {
    if (source.rowBytes % 4 !== 0 || source.vectorOffset % 4 !== 0) {
      throw new ClipfolioError('INVALID_ARGUMENT', `${source.rowBytes}-byte rows are not float32 columns`);
    }
    const mapped = new MappedMatrix(source, threads);
    if (mapped.#file) await mapped.#sessionFor('score');
    return mapped;
  }

  get rows(): number {
    return this.#rows;
  }

  /** The rows an update changed now have their vectors here; rows past its count leave. */
  update({ rows, vectors, count }: MatrixUpdate): void {
    if (count > this.#fileRows.length) {
      const grown = new Int32Array(Math.max(count, this.#fileRows.length * 2)).fill(-1);
      grown.set(this.#fileRows);
      this.#fileRows = grown;
    }
    rows.forEach((row, i) => {
      this.#fileRows[row] = -1;
      this.#overlay.set(row, vectors.slice(i * this.dim, (i + 1) * this.dim));
    });
    for (const row of this.#overlay.keys()) if (row >= count) this.#overlay.delete(row);
    this.#rows = count;
  }

  /** [rows, count] cosines of unit `queries` (count x dim), photo-major, as SimilarityEngine.score. */
  async score(queries: Float32Array, count: number): Promise<Float32Array> {
    this.#assertMapped();
    const { dim } = this;
    const rows = this.#rows;
    const out = new Float32Array(rows * count);
    if (this.#file) {
      const scores = await this.#run('score', { [SIMILARITY_INPUTS.right]: this.#padded(queries, count) }, SIMILARITY_OUTPUT);
      const fileRows = this.#fileRows;
      for (let row = 0; row < rows; row++) {
        const fileRow = fileRows[row] as number;
        if (fileRow < 0) continue;
        for (let q = 0; q < count; q++) out[row * count + q] = scores[fileRow * count + q] as number;
      }
    }
    for (const [row, vector] of this.#overlay) {
      if (row >= rows) continue;
      for (let q = 0; q < count; q++) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += (vector[i] as number) * (queries[q * dim + i] as number);
        out[row * count + q] = dot;
      }
    }
    return out;
  }

  /**
   * [categories, rows] calibrated margins, category-major, as SimilarityEngine.margins; the rows
   * not in the file go through `marginsOf`.
   */
  async margins(queries: Float32Array, categories: number, mask: Float32Array, marginsOf: MarginsOf): Promise<Float32Array> {
    this.#assertMapped();
    const rows = this.#rows;
    const count = queries.length / this.dim;
    const out = new Float32Array(categories * rows);
    if (this.#file) {
      const fileRowCount = this.#file.dims[0] as number;
      const margins = await this.#run(
        'margins',
        {
          [MARGINS_INPUTS.queries]: this.#padded(queries, count),
          [MARGINS_INPUTS.split]: new ort.Tensor('int64', BigInt64Array.of(BigInt(categories), BigInt(count - categories)), [2]),
          [MARGINS_INPUTS.mask]: new ort.Tensor('float32', mask, [categories, count - categories]),
        },
        MARGINS_OUTPUT,
      );
      const fileRows = this.#fileRows;
      for (let c = 0; c < categories; c++) {
        for (let row = 0; row < rows; row++) {
          const fileRow = fileRows[row] as number;
          if (fileRow >= 0) out[c * rows + row] = margins[c * fileRowCount + fileRow] as number;
        }
      }
    }
    const overlay = [...this.#overlay].filter(([row]) => row < rows);
    if (overlay.length > 0) {
      const library = new Float32Array(overlay.length * this.dim);
      overlay.forEach(([, vector], i) => library.set(vector, i * this.dim));
      const margins = await marginsOf(library, overlay.length, queries, categories, mask);
      for (let c = 0; c < categories; c++) overlay.forEach(([row], i) => (out[c * rows + row] = margins[c * overlay.length + i] as number));
    }
    return out;
  }

  /**
   * Unmaps the file once the product running is done. Until then the file must not be
   * replaced: Windows refuses to rename over a mapped file.
   */
  release(): Promise<void> {
    this.#released ??= this.#running.then(async () => {
      for (const session of this.#sessions.values()) await (await session.catch(() => null))?.release();
    });
    return this.#released;
  }

  #assertMapped(): void {
    if (this.#released) throw new ClipfolioError('NOT_FOUND', 'the mapped vector file was released');
  }

  /** count x dim queries laid out as file rows: zeros under the id columns. */
  #padded(queries: Float32Array, count: number): ort.Tensor {
    const { dim } = this;
    const width = this.#width;
    const padded = new Float32Array(count * width);
    for (let q = 0; q < count; q++) padded.set(queries.subarray(q * dim, (q + 1) * dim), q * width + this.#vectorColumn);
    return new ort.Tensor('float32', padded, [count, width]);
  }

  /**
   * Runs a graph over the file, one run at a time. Queued at once, before its session is made,
   * so a release() asked for meanwhile waits for it.
   */
  async #run(graph: keyof typeof GRAPHS, feeds: Record<string, ort.Tensor>, output: string): Promise<Float32Array> {
    const run = this.#running.then(async () => (await this.#sessionFor(graph)).run(feeds));
    this.#running = run.catch(() => undefined);
    const values = (await run)[output]?.data as Float32Array | undefined;
    if (!values) throw new ClipfolioError('INTERNAL', `the mapped ${graph} graph returned no ${output}`);
    return values;
  }

  #sessionFor(graph: keyof typeof GRAPHS): Promise<ort.InferenceSession> {
    const existing = this.#sessions.get(graph);
    if (existing) return existing;
    const options = sessionOptions('cpu', this.#threads);
    const created = ort.InferenceSession.create(GRAPHS[graph](this.#file ?? undefined), {
      ...options,
      extra: {
        ...options.extra,
        session: {
          ...(options.extra as { session?: object } | undefined)?.session,
          model_external_initializers_file_folder_path: this.#folder,
          // Packing a constant operand would copy the mapped file into fresh memory.
          disable_prepacking: '1',
        },
      },
    });
    this.#sessions.set(graph, created);
    void created.catch(() => {
      if (this.#sessions.get(graph) === created) this.#sessions.delete(graph);
    });
    return created;
  }
}
