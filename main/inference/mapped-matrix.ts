// Runs in: the inference worker. Answers similarity products for a library straight from its
// vector file while the matrix is still being read into memory (matrix-file.ts), so a search
// works within a second of the library opening instead of after the whole read.
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
// Only products (search, previews) come from here; re-tags, near-duplicates and the mean wait
// for the matrix in memory, which they change and read row by row.
import * as ort from 'onnxruntime-node';
import path from 'node:path';
import type { MatrixSource } from '../library/vector-store';
import { ClipfolioError } from '../shared/errors';
import { DataType, encodeModel } from './onnx-writer';
import { sessionOptions } from './session-options';

const FILE = 'file';
const QUERIES = 'queries';
const SCORES = 'scores';

/** scores = file x queries^T, [fileRows, count], with the file as a mapped initializer. */
function mappedGraph(source: MatrixSource, fileRows: number, width: number): Uint8Array {
  return encodeModel(
    {
      name: 'clipfolio-mapped-similarity',
      nodes: [{ opType: 'Gemm', inputs: [FILE, QUERIES], outputs: [SCORES], attributes: [{ name: 'transB', kind: 'int', value: 1 }] }],
      initializers: [
        {
          name: FILE,
          dataType: DataType.FLOAT,
          dims: [fileRows, width],
          external: { location: path.basename(source.path), offset: source.headerBytes, length: fileRows * source.rowBytes },
        },
      ],
      inputs: [{ name: QUERIES, elemType: DataType.FLOAT, shape: ['count', width] }],
      outputs: [{ name: SCORES, elemType: DataType.FLOAT, shape: [fileRows, 'count'] }],
    },
    'clipfolio',
  );
}

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
  readonly #session: ort.InferenceSession | null;
  /** Float32 columns of a file row, and the first one of its vector. */
  readonly #width: number;
  readonly #vectorColumn: number;
  /** The product running, which release() waits for: a session freed under a run takes the process down. */
  #running: Promise<unknown> = Promise.resolve();
  #released: Promise<void> | null = null;

  private constructor(source: MatrixSource, session: ort.InferenceSession | null) {
    this.dim = source.dim;
    this.#rows = source.fileRows.length;
    this.#fileRows = source.fileRows.slice();
    this.#session = session;
    this.#width = source.rowBytes / 4;
    this.#vectorColumn = source.vectorOffset / 4;
    source.overlayRows.forEach((row, i) => this.#overlay.set(row, source.overlayVectors.slice(i * source.dim, (i + 1) * source.dim)));
  }

  /** Maps the source's file rows; throws what ONNX Runtime says when it cannot (the caller then reads the file instead). */
  static async open(source: MatrixSource, threads: number): Promise<MappedMatrix> {
    if (source.rowBytes % 4 !== 0 || source.vectorOffset % 4 !== 0) {
      throw new ClipfolioError('INVALID_ARGUMENT', `${source.rowBytes}-byte rows are not float32 columns`);
    }
    let fileRows = 0;
    for (const fileRow of source.fileRows) fileRows = Math.max(fileRows, fileRow + 1);
    if (fileRows === 0) return new MappedMatrix(source, null);
    const options = sessionOptions('cpu', threads);
    const session = await ort.InferenceSession.create(mappedGraph(source, fileRows, source.rowBytes / 4), {
      ...options,
      extra: {
        ...options.extra,
        session: {
          ...(options.extra as { session?: object } | undefined)?.session,
          model_external_initializers_file_folder_path: path.dirname(source.path),
          // Packing a constant operand would copy the mapped file into fresh memory.
          disable_prepacking: '1',
        },
      },
    });
    return new MappedMatrix(source, session);
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
    if (this.#released) throw new ClipfolioError('NOT_FOUND', 'the mapped vector file was released');
    const { dim } = this;
    const rows = this.#rows;
    const out = new Float32Array(rows * count);
    if (this.#session) {
      const width = this.#width;
      const padded = new Float32Array(count * width);
      for (let q = 0; q < count; q++) padded.set(queries.subarray(q * dim, (q + 1) * dim), q * width + this.#vectorColumn);
      const run = this.#session.run({ [QUERIES]: new ort.Tensor('float32', padded, [count, width]) });
      this.#running = run.catch(() => undefined);
      const scores = (await run)[SCORES]?.data as Float32Array | undefined;
      if (!scores) throw new ClipfolioError('INTERNAL', 'the mapped similarity graph returned no scores');
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
   * Unmaps the file once the product running is done. Until then the file must not be
   * replaced: Windows refuses to rename over a mapped file.
   */
  release(): Promise<void> {
    this.#released ??= this.#running.then(() => this.#session?.release());
    return this.#released;
  }
}
