// Runs in: main process (plain Node). Image embeddings for one model, kept in one binary
// file per model and loaded into one contiguous Float32Array, so search and re-tagging are
// a single matrix product over `matrix()`. The file is append-only while indexing: a crash
// can only tear the last row, which is dropped on the next open. Removals append a
// tombstone; compact() rewrites the file without dead rows (temp + fsync + rename).
//
// File layout, little-endian:
//   header  'CFVEC1' (6 bytes) | dtype u8 (1 = float32) | id bytes u8 (16) | dim u32 |
//           model id length u16 | header length u16 | model id UTF-8, zero-padded so the
//           header length is a multiple of 16
//   rows    photo id (16 bytes, ASCII, NUL-padded; photo-id.ts ids are exactly 16) |
//           dim x float32. A row whose vector is all NaN is a tombstone for that id
//           (append() refuses non-finite values, so no live row can look like one).
// The row count is the file length divided by the row size, so appends never rewrite the
// header. A later row for an id supersedes an earlier one.
import { open, rm, type FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { endianness } from 'node:os';
import { ClipfolioError } from '../shared/errors';
import { commitTempFile, tempPathFor, writeFileAtomic } from './durable-file';

const MAGIC = 'CFVEC1';
const DTYPE_FLOAT32 = 1;
export const VECTOR_ID_BYTES = 16;
const FIXED_HEADER_BYTES = 16;
const ID_PATTERN = /^[\x21-\x7e]{1,16}$/;
/** Rows written per I/O call when compacting. */
const IO_CHUNK_ROWS = 4096;
/** Rows an empty store has room for before its matrix first grows. */
const MIN_CAPACITY_ROWS = 64;
/** Bytes per read call when loading, under the 2 GiB limit of one read. */
const LOAD_READ_BYTES = 1 << 30;
/** Rows sorted into the matrix between two turns of the event loop while loading. */
const LOAD_ROWS_PER_TURN = 32_768;
/** Row writes remembered for changesSince(); past this the log starts over (a reader then takes the whole matrix). */
const LOG_LIMIT = 1 << 18;

export interface VectorStoreOptions {
  modelId: string;
  dim: number;
  /** Appended rows buffered before one write (default 256). */
  batchRows?: number;
  /** compact() rewrites only when this share of file rows is dead (default 0.25). */
  compactFraction?: number;
}

/** Rows written since a version (row indexes of the current matrix) and its row count now. */
export interface MatrixChanges {
  rows: number[];
  count: number;
}

/** Live rows only, contiguous: row r is data[r*dim .. (r+1)*dim) and belongs to ids[r]. */
export interface VectorMatrix {
  data: Float32Array;
  rows: number;
  dim: number;
  ids: readonly string[];
}

/** The file name for a model's vectors inside a library folder. */
export function vectorFileName(modelId: string): string {
  return `vectors-${modelId.replace(/[^A-Za-z0-9._-]+/g, '_')}.bin`;
}

function encodeHeader(modelId: string, dim: number): Uint8Array {
  const model = Buffer.from(modelId, 'utf8');
  const length = Math.ceil((FIXED_HEADER_BYTES + model.length) / 16) * 16;
  const header = Buffer.alloc(length);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt8(DTYPE_FLOAT32, 6);
  header.writeUInt8(VECTOR_ID_BYTES, 7);
  header.writeUInt32LE(dim, 8);
  header.writeUInt16LE(model.length, 12);
  header.writeUInt16LE(length, 14);
  model.copy(header, FIXED_HEADER_BYTES);
  return header;
}

/** Fills the first `length` bytes of `buf` (a fresh one when not given) from `position`. */
async function readExactly(
  handle: FileHandle,
  length: number,
  position: number,
  buf: Uint8Array = new Uint8Array(length),
): Promise<Uint8Array> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new ClipfolioError('DATA_CORRUPT', 'vector file ended early');
    done += bytesRead;
  }
  return buf;
}

/**
 * Fills `target` from `position` on. The reads are all queued at once, so the file
 * arrives on libuv's threads even while the main thread is busy (the catalog's parse).
 */
async function readRows(handle: FileHandle, target: Uint8Array, position: number): Promise<void> {
  const reads: Promise<Uint8Array>[] = [];
  for (let done = 0; done < target.length; done += LOAD_READ_BYTES) {
    const length = Math.min(LOAD_READ_BYTES, target.length - done);
    reads.push(readExactly(handle, length, position + done, target.subarray(done, done + length)));
  }
  await Promise.all(reads);
}

export class VectorStore {
  readonly path: string;
  readonly modelId: string;
  readonly dim: number;
  /** Bytes of a torn last row dropped (and truncated away) while opening; 0 normally. */
  readonly droppedTornBytes: number;
  readonly #rowBytes: number;
  readonly #batchRows: number;
  readonly #compactFraction: number;
  #handle: FileHandle;
  #data: Float32Array;
  #ids: string[] = [];
  readonly #rowOf = new Map<string, number>();
  #fileBytes: number;
  /** Rows in the file plus pending ones, live or not. */
  #fileRows = 0;
  #pending: Uint8Array[] = [];
  #queue: Promise<void> = Promise.resolve();
  #compacting: Promise<boolean> | null = null;
  #closed = false;
  #version = 0;
  /** Each row written since #logFloor, with the version it made: what changesSince() answers from. */
  #logRows: number[] = [];
  #logVersions: number[] = [];
  #logFloor = 0;

  private constructor(
    path: string,
    options: VectorStoreOptions,
    handle: FileHandle,
    fileBytes: number,
    droppedTornBytes: number,
    data: Float32Array,
  ) {
    this.path = path;
    this.modelId = options.modelId;
    this.dim = options.dim;
    this.#rowBytes = VECTOR_ID_BYTES + 4 * options.dim;
    this.#batchRows = options.batchRows ?? 256;
    this.#compactFraction = options.compactFraction ?? 0.25;
    this.#handle = handle;
    this.#fileBytes = fileBytes;
    this.droppedTornBytes = droppedTornBytes;
    this.#data = data;
  }

  /**
   * Opens or creates the vector file at `path`. Throws MODEL_MISMATCH when the file was
   * written for another model or dimension, DATA_CORRUPT when it is not a vector file.
   */
  static async open(path: string, options: VectorStoreOptions): Promise<VectorStore> {
    const { modelId, dim } = options;
    if (!Number.isInteger(dim) || dim < 1) throw new ClipfolioError('INVALID_ARGUMENT', `bad dimension ${dim}`);
    if (modelId.length === 0) throw new ClipfolioError('INVALID_ARGUMENT', 'model id is empty');
    if (endianness() !== 'LE') throw new ClipfolioError('INTERNAL', 'the vector store needs a little-endian CPU');

    // Few steps before the row read is queued: in Library.open the catalog's JSON.parse
    // soon holds the main thread, and the read should already be running by then.
    const handle = await open(path, 'r+').catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await writeFileAtomic(path, encodeHeader(modelId, dim));
      return open(path, 'r+');
    });
    try {
      const { size } = await handle.stat();
      if (size < FIXED_HEADER_BYTES) throw new ClipfolioError('DATA_CORRUPT', `${path} is too short to be a vector file`);
      const fixed = Buffer.from(await readExactly(handle, FIXED_HEADER_BYTES, 0));
      if (fixed.toString('latin1', 0, 6) !== MAGIC || fixed.readUInt8(6) !== DTYPE_FLOAT32 || fixed.readUInt8(7) !== VECTOR_ID_BYTES) {
        throw new ClipfolioError('DATA_CORRUPT', `${path} is not a Clipfolio float32 vector file`);
      }
      const fileDim = fixed.readUInt32LE(8);
      const modelBytes = fixed.readUInt16LE(12);
      const headerBytes = fixed.readUInt16LE(14);
      if (headerBytes < FIXED_HEADER_BYTES + modelBytes || headerBytes > size) {
        throw new ClipfolioError('DATA_CORRUPT', `${path} has a damaged header`);
      }
      const fileModel = Buffer.from(await readExactly(handle, modelBytes, FIXED_HEADER_BYTES)).toString('utf8');
      if (fileModel !== modelId || fileDim !== dim) {
        throw new ClipfolioError(
          'MODEL_MISMATCH',
          `${path} holds ${fileDim}-d vectors of model "${fileModel}", not ${dim}-d vectors of "${modelId}"`,
        );
      }
      const rowBytes = VECTOR_ID_BYTES + 4 * dim;
      const torn = (size - headerBytes) % rowBytes;
      if (torn > 0) {
        await handle.truncate(size - torn);
        await handle.sync();
      }
      const rowsBytes = size - torn - headerBytes;
      // The rows are read into the buffer that becomes the matrix and compacted in place,
      // so loading holds one copy of the vectors, never two.
      const buffer = new ArrayBuffer(Math.max(rowsBytes, MIN_CAPACITY_ROWS * rowBytes));
      await readRows(handle, new Uint8Array(buffer, 0, rowsBytes), headerBytes);
      const store = new VectorStore(path, options, handle, size - torn, torn, new Float32Array(buffer));
      await store.#load(rowsBytes / rowBytes);
      return store;
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  get count(): number {
    return this.#ids.length;
  }

  /** Changes whenever a row is stored or dropped, so copies of matrix() know they are stale. */
  get version(): number {
    return this.#version;
  }

  /** Share of the file's rows that are superseded or removed. */
  get deadFraction(): number {
    return this.#fileRows === 0 ? 0 : (this.#fileRows - this.count) / this.#fileRows;
  }

  has(photoId: string): boolean {
    return this.#rowOf.has(photoId);
  }

  /** The photo's row in the current matrix. */
  rowOf(photoId: string): number | undefined {
    return this.#rowOf.get(photoId);
  }

  /**
   * The rows written since `version` (to send a copy elsewhere only what changed), or null
   * when the store no longer remembers that far back: then the whole matrix must go.
   */
  changesSince(version: number): MatrixChanges | null {
    if (version < this.#logFloor || version > this.#version) return null;
    const rows = new Set<number>();
    for (let i = this.#logVersions.length - 1; i >= 0 && (this.#logVersions[i] as number) > version; i--) {
      const row = this.#logRows[i] as number;
      if (row < this.count) rows.add(row);
    }
    return { rows: [...rows], count: this.count };
  }

  /** A copy of the photo's vector. */
  get(photoId: string): Float32Array | undefined {
    const row = this.#rowOf.get(photoId);
    return row === undefined ? undefined : this.#data.slice(row * this.dim, (row + 1) * this.dim);
  }

  /**
   * Views over the live rows; valid until the next append, remove or compact, which may
   * move rows or grow the buffer.
   */
  matrix(): VectorMatrix {
    return { data: this.#data.subarray(0, this.count * this.dim), rows: this.count, dim: this.dim, ids: this.#ids.slice() };
  }

  /** Stores (or replaces) a photo's vector; the row reaches the file with its batch. */
  async append(photoId: string, embedding: ArrayLike<number>): Promise<void> {
    this.#assertOpen();
    if (!ID_PATTERN.test(photoId)) throw new ClipfolioError('INVALID_ARGUMENT', `bad photo id ${JSON.stringify(photoId)}`);
    if (embedding.length !== this.dim) {
      throw new ClipfolioError('INVALID_ARGUMENT', `embedding has ${embedding.length} values, expected ${this.dim}`);
    }
    for (let i = 0; i < embedding.length; i++) {
      if (!Number.isFinite(embedding[i])) throw new ClipfolioError('INVALID_ARGUMENT', `embedding value ${i} is not finite`);
    }
    await this.#afterCompaction();
    const record = this.#encodeRow(photoId);
    new Float32Array(record.buffer, VECTOR_ID_BYTES, this.dim).set(embedding);
    this.#store(photoId, new Float32Array(record.buffer, VECTOR_ID_BYTES, this.dim));
    await this.#queueRecord(record);
  }

  /** Drops a photo's vector; returns whether it had one. */
  async remove(photoId: string): Promise<boolean> {
    this.#assertOpen();
    await this.#afterCompaction();
    if (!this.#rowOf.has(photoId)) return false;
    this.#drop(photoId);
    const record = this.#encodeRow(photoId);
    new Float32Array(record.buffer, VECTOR_ID_BYTES, this.dim).fill(Number.NaN);
    await this.#queueRecord(record);
    return true;
  }

  /** Writes buffered rows with one write call. */
  flush(): Promise<void> {
    return this.#enqueue(() => this.#writePending());
  }

  /** Writes buffered rows and fsyncs the file. */
  sync(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#writePending();
      await this.#handle.sync();
    });
  }

  /**
   * Rewrites the file with live rows only, atomically, when at least `compactFraction` of
   * its rows are dead (or always with `force`). Returns whether it rewrote.
   */
  async compact(options: { force?: boolean } = {}): Promise<boolean> {
    this.#assertOpen();
    if (!options.force && this.deadFraction < this.#compactFraction) return false;
    // Set before the first await, so mutations made from now on wait for the rewrite.
    this.#compacting = this.#enqueue(() => this.#rewrite())
      .then(() => true)
      .finally(() => {
        this.#compacting = null;
      });
    return this.#compacting;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.sync();
    this.#closed = true;
    await this.#handle.close();
  }

  /**
   * Turns `total` file rows, read to the start of #data, into the matrix: each row's
   * vector moves down over the ids (a row never lands past where it was read, so rows not
   * yet visited are intact), later rows supersede earlier ones and tombstones drop rows. A
   * million rows take seconds: the event loop gets a turn between blocks of them, so the app
   * answers while its vectors load.
   */
  async #load(total: number): Promise<void> {
    const dim = this.dim;
    const rowFloats = this.#rowBytes / 4;
    const data = this.#data;
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const ids = this.#ids;
    const rowOf = this.#rowOf;
    for (let r = 0; r < total; r++) {
      if (r > 0 && r % LOAD_ROWS_PER_TURN === 0) await nextTurn();
      const offset = r * this.#rowBytes;
      // Ids are ASCII without NULs and usually fill all 16 bytes; trim the padding.
      let end = offset + VECTOR_ID_BYTES;
      while (end > offset && bytes[end - 1] === 0) end--;
      const id = bytes.toString('latin1', offset, end);
      const start = r * rowFloats + VECTOR_ID_BYTES / 4;
      if (Number.isNaN(data[start])) {
        this.#drop(id);
        continue;
      }
      this.#version += 1;
      let row = rowOf.get(id);
      if (row === undefined) {
        row = ids.length;
        ids.push(id);
        rowOf.set(id, row);
      }
      data.copyWithin(row * dim, start, start + dim);
    }
    this.#fileRows = total;
    // What was loaded is the starting point; changes are remembered from here.
    this.#logRows = [];
    this.#logVersions = [];
    this.#logFloor = this.#version;
  }

  #logWrite(row: number): void {
    if (this.#logRows.length >= LOG_LIMIT) {
      this.#logRows = [];
      this.#logVersions = [];
      this.#logFloor = this.#version;
    }
    this.#logRows.push(row);
    this.#logVersions.push(this.#version);
  }

  #encodeRow(photoId: string): Uint8Array {
    const record = new Uint8Array(this.#rowBytes);
    Buffer.from(record.buffer).write(photoId, 0, VECTOR_ID_BYTES, 'latin1');
    return record;
  }

  #store(photoId: string, vector: Float32Array): void {
    this.#version += 1;
    let row = this.#rowOf.get(photoId);
    if (row === undefined) {
      row = this.#ids.length;
      if ((row + 1) * this.dim > this.#data.length) {
        const grown = new Float32Array(this.#data.length * 2);
        grown.set(this.#data);
        this.#data = grown;
      }
      this.#ids.push(photoId);
      this.#rowOf.set(photoId, row);
    }
    this.#data.set(vector, row * this.dim);
    this.#logWrite(row);
  }

  /** Removes a row by moving the last row into its place, keeping live rows contiguous. */
  #drop(photoId: string): void {
    const row = this.#rowOf.get(photoId);
    if (row === undefined) return;
    this.#version += 1;
    const last = this.#ids.length - 1;
    const lastId = this.#ids[last];
    if (row !== last && lastId !== undefined) {
      this.#data.copyWithin(row * this.dim, last * this.dim, (last + 1) * this.dim);
      this.#ids[row] = lastId;
      this.#rowOf.set(lastId, row);
      this.#logWrite(row);
    }
    this.#ids.pop();
    this.#rowOf.delete(photoId);
  }

  async #queueRecord(record: Uint8Array): Promise<void> {
    this.#pending.push(record);
    this.#fileRows += 1;
    if (this.#pending.length >= this.#batchRows) await this.flush();
  }

  async #writePending(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const bytes = batch.length * this.#rowBytes;
    const { bytesWritten } = await this.#handle.writev(batch, this.#fileBytes);
    if (bytesWritten !== bytes) throw new ClipfolioError('INTERNAL', `short write to ${this.path}`);
    this.#fileBytes += bytes;
  }

  async #rewrite(): Promise<void> {
    // Buffered rows go to the old file first, so a failed rewrite loses nothing.
    await this.#writePending();
    const tempPath = tempPathFor(this.path);
    const header = encodeHeader(this.modelId, this.dim);
    const temp = await open(tempPath, 'w');
    let position = header.length;
    try {
      await temp.write(header, 0, header.length, 0);
      for (let first = 0; first < this.count; first += IO_CHUNK_ROWS) {
        const rows = Math.min(IO_CHUNK_ROWS, this.count - first);
        const chunk = new Uint8Array(rows * this.#rowBytes);
        const bytes = Buffer.from(chunk.buffer);
        for (let r = 0; r < rows; r++) {
          const offset = r * this.#rowBytes;
          bytes.write(this.#ids[first + r] ?? '', offset, VECTOR_ID_BYTES, 'latin1');
          const start = (first + r) * this.dim;
          new Float32Array(chunk.buffer, offset + VECTOR_ID_BYTES, this.dim).set(this.#data.subarray(start, start + this.dim));
        }
        await temp.write(chunk, 0, chunk.length, position);
        position += chunk.length;
      }
      await temp.sync();
    } catch (err) {
      await temp.close();
      await rm(tempPath, { force: true });
      throw err;
    }
    await temp.close();
    await this.#handle.close();
    try {
      await commitTempFile(tempPath, this.path);
      this.#fileBytes = position;
      this.#fileRows = this.count;
    } finally {
      this.#handle = await open(this.path, 'r+');
    }
  }

  #enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(op);
    // A failed operation reports to its caller; later ones still run.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Rows must not move while compaction copies them out, so mutations wait for it. */
  async #afterCompaction(): Promise<void> {
    if (this.#compacting) await this.#compacting.catch(() => false);
  }

  #assertOpen(): void {
    if (this.#closed) throw new ClipfolioError('INVALID_ARGUMENT', `${this.path} is closed`);
  }
}
