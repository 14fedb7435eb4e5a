// Runs in: main process (plain Node). Image embeddings for one model, kept in one binary
// file per model. The file is append-only while indexing: a crash can only tear the last
// row, which is dropped on the next open. Removals append a tombstone; compact() rewrites
// the file without dead rows (temp + fsync + rename).
//
// Design note "vectors live in the worker": the store keeps each photo's row (its place in
// the matrix, contiguous, live rows only) and where the row's vector is in the file, not the
// vectors themselves. The inference worker, which runs every product over the matrix, reads
// the file itself (openSource) and is sent the rows that change since (changesSince,
// readRows). Holding the matrix here too doubled the memory (2 GB more at 1,000,000 photos)
// and copying it to the worker took longer than reading it: on the 2-core test machine a
// fresh 2 GB buffer costs ~10 s of page faults alone. A vector the main process needs (a
// corrected photo's, a sample of 1,000) is read from the file, ~10 us a row.
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
//
// Beside it, `<file>.ids` (id-checkpoint.ts), written at a clean close: the ids and file rows
// the store knew then, so the next open reads those instead of scanning the whole file.
import { closeSync, openSync, readSync, renameSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { endianness } from 'node:os';
import { ClipfolioError } from '../shared/errors';
import { CHUNK, PACKED_LENGTH, type ColumnIds } from './column-ids';
import { fsyncDir, tempPathFor, writeFileAtomic } from './durable-file';
import { idCheckpointPath, readIdCheckpoint, writeIdCheckpoint } from './id-checkpoint';
import { IdRows } from './id-rows';

const MAGIC = 'CFVEC1';
const DTYPE_FLOAT32 = 1;
export const VECTOR_ID_BYTES = 16;
const FIXED_HEADER_BYTES = 16;
const ID_PATTERN = /^[\x21-\x7e]{1,16}$/;
/** Rows written per I/O call when compacting. */
const IO_CHUNK_ROWS = 4096;
/** Bytes of the file read per call while its ids are scanned at open (~4,000 rows, ~30 ms); the event loop turns between reads. */
const SCAN_BYTES = 8 * 1024 * 1024;
/** Rows of an id checkpoint compared with the file before it is trusted (id-checkpoint.ts). */
const CHECKPOINT_PROBES = 64;
/**
 * Ids taken from the checkpoint between two turns of the event loop: ~2 ms a step once the
 * code is warm, but the first steps run cold while the app's workers start, 4-5x slower.
 */
const RESTORE_STEP_ROWS = 8192;
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

/**
 * What a reader elsewhere (the inference worker) needs to build the current matrix itself:
 * the file by a descriptor of its own (VectorStore.closeSource closes it), which file row
 * holds each matrix row's vector (-1: not in the file yet), and those rows' vectors.
 */
export interface MatrixSource {
  /** The vector file, for a reader that maps it (mapped-matrix.ts); the descriptor keeps it from being rewritten meanwhile. */
  path: string;
  fd: number;
  headerBytes: number;
  rowBytes: number;
  /** Where a row's vector starts within the row (after the photo id). */
  vectorOffset: number;
  dim: number;
  fileRows: Int32Array;
  overlayRows: Int32Array;
  overlayVectors: Float32Array;
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

/** The photo id stored at `offset`: ids are ASCII without NULs and usually fill all 16 bytes; the padding is trimmed. */
function idAt(bytes: Buffer, offset: number): string {
  let end = offset + VECTOR_ID_BYTES;
  while (end > offset && bytes[end - 1] === 0) end--;
  return bytes.toString('latin1', offset, end);
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


export class VectorStore {
  readonly path: string;
  readonly modelId: string;
  readonly dim: number;
  /** Bytes of a torn last row dropped (and truncated away) while opening; 0 normally. */
  readonly droppedTornBytes: number;
  #checkpointRows = 0;
  readonly #rowBytes: number;
  readonly #headerBytes: number;
  readonly #batchRows: number;
  readonly #compactFraction: number;
  /** Appends, syncs and the rewrite. */
  #handle: FileHandle;
  /** Synchronous reads of single rows (readRows), swapped with the file in one step by a rewrite. */
  #reader: number;
  #fileBytes: number;
  /**
   * Photo id of each matrix row (live rows only, contiguous) and each id's row; the file row
   * holding each row's vector, in a buffer with room to grow into: growing a million-entry
   * array copies it.
   */
  #rows = new IdRows();
  #fileRowOf = new Int32Array(1024);
  /** Rows in the file plus those not written yet, live or not: the file row the next record gets. */
  #fileRows = 0;
  /** Rows the file holds now; the next ones are in #writing (being written) and then #pending. */
  #writtenRows = 0;
  #writing: Uint8Array[] = [];
  #pending: Uint8Array[] = [];
  #queue: Promise<void> = Promise.resolve();
  #compacting: Promise<boolean> | null = null;
  /** Whether the id checkpoint on disk says exactly what this store knows (then close() need not write it). */
  #checkpointCurrent = false;
  /** Descriptors handed out by openSource and not closed yet: a rewrite waits for them. */
  readonly #sources = new Set<number>();
  #sourcesClosed: (() => void)[] = [];
  #closed = false;
  #version = 0;
  /** Each row written since #logFloor, with the version it made: what changesSince() answers from. */
  #logRows: number[] = [];
  #logVersions: number[] = [];
  #logFloor = 0;

  private constructor(path: string, options: VectorStoreOptions, handle: FileHandle, header: { bytes: number; fileBytes: number; torn: number }) {
    this.path = path;
    this.modelId = options.modelId;
    this.dim = options.dim;
    this.#rowBytes = VECTOR_ID_BYTES + 4 * options.dim;
    this.#headerBytes = header.bytes;
    this.#batchRows = options.batchRows ?? 256;
    this.#compactFraction = options.compactFraction ?? 0.25;
    this.#handle = handle;
    this.#reader = openSync(path, 'r');
    this.#fileBytes = header.fileBytes;
    this.droppedTornBytes = header.torn;
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

    const handle = await open(path, 'r+').catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await writeFileAtomic(path, encodeHeader(modelId, dim));
      return open(path, 'r+');
    });
    let store: VectorStore | null = null;
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
      store = new VectorStore(path, options, handle, { bytes: headerBytes, fileBytes: size - torn, torn });
      const total = (size - torn - headerBytes) / rowBytes;
      store.#fileRowOf = new Int32Array(total + Math.max(1024, Math.ceil(total / 8)));
      store.#rows = new IdRows(total);
      const from = await store.#restoreIds(total, (await handle.stat({ bigint: true })).ino);
      store.#checkpointRows = from;
      await store.#scan(from, total);
      store.#checkpointCurrent = from > 0 && from === total;
      return store;
    } catch (err) {
      if (store) closeSync(store.#reader);
      await handle.close();
      throw err;
    }
  }

  /** File rows whose ids came from the id checkpoint instead of a scan; 0 when the file was scanned whole. */
  get checkpointRows(): number {
    return this.#checkpointRows;
  }

  get count(): number {
    return this.#rows.count;
  }

  /** Changes whenever a row is stored or dropped, so copies of the matrix know they are stale. */
  get version(): number {
    return this.#version;
  }

  /** Share of the file's rows that are superseded or removed. */
  get deadFraction(): number {
    return this.#fileRows === 0 ? 0 : (this.#fileRows - this.count) / this.#fileRows;
  }

  has(photoId: string): boolean {
    return this.#rows.rowOf(photoId) !== undefined;
  }

  /** The photo's row in the current matrix. */
  rowOf(photoId: string): number | undefined {
    return this.#rows.rowOf(photoId);
  }

  /** Photo id of each matrix row as they are now, unchanged by later writes. */
  ids(): ColumnIds {
    return this.#rows.ids();
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
    const row = this.#rows.rowOf(photoId);
    return row === undefined ? undefined : this.readRows([row]);
  }

  /** The vectors of these matrix rows, one after another (rows.length x dim). */
  readRows(rows: ArrayLike<number>): Float32Array {
    const out = new Float32Array(rows.length * this.dim);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      if (!(row >= 0 && row < this.count)) throw new ClipfolioError('INVALID_ARGUMENT', `the matrix has no row ${row}`);
      this.#readFileRow(this.#fileRowOf[row] as number, out, i * this.dim);
    }
    return out;
  }

  /**
   * The current matrix for a reader that builds it itself from the file (see MatrixSource);
   * pass it to closeSource when done. Rows appended after this stay out of the file rows it
   * names, so the reader is not disturbed by indexing going on.
   */
  openSource(): MatrixSource {
    this.#assertOpen();
    const fd = openSync(this.path, 'r');
    this.#sources.add(fd);
    const fileRows = this.#fileRowOf.slice(0, this.count);
    const overlay: number[] = [];
    for (let row = 0; row < fileRows.length; row++) {
      if ((fileRows[row] as number) < this.#writtenRows) continue;
      fileRows[row] = -1;
      overlay.push(row);
    }
    const overlayRows = Int32Array.from(overlay);
    return { path: this.path, fd, headerBytes: this.#headerBytes, rowBytes: this.#rowBytes, vectorOffset: VECTOR_ID_BYTES, dim: this.dim, fileRows, overlayRows, overlayVectors: this.readRows(overlayRows) };
  }

  closeSource(source: Pick<MatrixSource, 'fd'>): void {
    if (!this.#sources.delete(source.fd)) return;
    closeSync(source.fd);
    if (this.#sources.size === 0) for (const wake of this.#sourcesClosed.splice(0)) wake();
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
    this.#store(photoId, this.#fileRows);
    await this.#queueRecord(record);
  }

  /** Drops a photo's vector; returns whether it had one. */
  async remove(photoId: string): Promise<boolean> {
    this.#assertOpen();
    await this.#afterCompaction();
    if (!this.has(photoId)) return false;
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
    // A descriptor closed under a reader could be reused by the next file opened and read as this one.
    await this.#sourcesClosedNow();
    closeSync(this.#reader);
    // Only a shortcut for the next open: one that cannot be written leaves the file to be scanned.
    if (!this.#checkpointCurrent && this.#fileRows > 0) await this.#writeCheckpoint().catch(() => undefined);
    await this.#handle.close();
  }

  async #writeCheckpoint(): Promise<void> {
    const ids = new Uint8Array(this.count * VECTOR_ID_BYTES);
    this.#rows.writeIds(Buffer.from(ids.buffer), VECTOR_ID_BYTES);
    const { ino } = await this.#handle.stat({ bigint: true });
    await writeIdCheckpoint(idCheckpointPath(this.path), { ino, fileBytes: this.#fileBytes, fileRows: this.#fileRowOf.subarray(0, this.count), ids });
  }

  /**
   * Takes the rows' ids from the id checkpoint (id-checkpoint.ts) when it holds for this file;
   * returns how many file rows it covers (the scan goes on from there), 0 when it was not used.
   */
  async #restoreIds(total: number, ino: bigint): Promise<number> {
    const checkpoint = await readIdCheckpoint(idCheckpointPath(this.path), VECTOR_ID_BYTES);
    if (!checkpoint || checkpoint.ino !== ino) return 0;
    const covered = (checkpoint.fileBytes - this.#headerBytes) / this.#rowBytes;
    const { fileRows, ids } = checkpoint;
    if (!Number.isInteger(covered) || covered < 1 || covered > total || fileRows.length > covered) return 0;
    // In steps like everything here: one pass over a million rows, run cold while the app's
    // workers start on two cores, held the event loop ~0.1 s.
    for (let from = 0; from < fileRows.length; from += RESTORE_STEP_ROWS) {
      if (from > 0) await nextTurn();
      const to = Math.min(from + RESTORE_STEP_ROWS, fileRows.length);
      for (let row = from; row < to; row++) {
        const fileRow = fileRows[row] as number;
        if (!(fileRow >= 0 && fileRow < covered)) return 0;
      }
      this.#fileRowOf.set(fileRows.subarray(from, to), from);
    }
    const probe = new Uint8Array(VECTOR_ID_BYTES);
    const step = Math.max(1, Math.floor(fileRows.length / CHECKPOINT_PROBES));
    for (let row = 0; row < fileRows.length; row += step) {
      await readExactly(this.#handle, VECTOR_ID_BYTES, this.#headerBytes + (fileRows[row] as number) * this.#rowBytes, probe);
      if (Buffer.compare(probe, ids.subarray(row * VECTOR_ID_BYTES, (row + 1) * VECTOR_ID_BYTES)) !== 0) return 0;
    }
    const text = Buffer.from(ids.buffer, ids.byteOffset, ids.length);
    // Ids that fill their field (all a store writes: photo-id.ts) stay packed, a string per chunk (column-ids.ts).
    if (VECTOR_ID_BYTES === PACKED_LENGTH && text.indexOf(0) < 0) {
      const packed: string[] = [];
      for (let from = 0; from < fileRows.length; from += CHUNK) {
        if (from > 0 && from % RESTORE_STEP_ROWS === 0) await nextTurn();
        packed.push(text.toString('latin1', from * PACKED_LENGTH, Math.min(from + CHUNK, fileRows.length) * PACKED_LENGTH));
      }
      const rows = new IdRows(total, { ids: packed, rows: fileRows.length });
      for (let from = 0; from < fileRows.length; from += RESTORE_STEP_ROWS) {
        if (from > 0) await nextTurn();
        // The same id twice: not what a store writes, so none of it is used.
        if (!rows.indexPacked(from, Math.min(from + RESTORE_STEP_ROWS, fileRows.length))) return 0;
      }
      this.#rows = rows;
      return covered;
    }
    for (let row = 0; row < fileRows.length; row++) {
      // As the scan does: the app answers while a million ids load (~25 ms a step here).
      if (row > 0 && row % RESTORE_STEP_ROWS === 0) await nextTurn();
      if (this.#rows.rowFor(idAt(text, row * VECTOR_ID_BYTES)) !== row) {
        // The same id twice: not what a store writes, so none of it is used.
        this.#rows = new IdRows(total);
        return 0;
      }
    }
    return covered;
  }

  /**
   * Reads the ids of file rows `from` to `total` (and whether each is a tombstone) a block at a time
   * through one buffer, with a turn of the event loop between blocks, so the app answers
   * while a million rows load: later rows supersede earlier ones and tombstones drop rows.
   */
  async #scan(from: number, total: number): Promise<void> {
    const rowBytes = this.#rowBytes;
    const blockRows = Math.max(1, Math.floor(SCAN_BYTES / rowBytes));
    const block = Buffer.alloc(Math.min(total - from, blockRows) * rowBytes);
    for (let first = from; first < total; first += blockRows) {
      const rows = Math.min(blockRows, total - first);
      await readExactly(this.#handle, rows * rowBytes, this.#headerBytes + first * rowBytes, block);
      for (let r = 0; r < rows; r++) {
        const offset = r * rowBytes;
        const id = idAt(block, offset);
        if (Number.isNaN(block.readFloatLE(offset + VECTOR_ID_BYTES))) this.#drop(id);
        else this.#place(id, first + r);
      }
      if (first + rows < total) await nextTurn();
    }
    this.#version += 1;
    this.#fileRows = total;
    this.#writtenRows = total;
    // What was loaded is the starting point; changes are remembered from here.
    this.#logRows = [];
    this.#logVersions = [];
    this.#logFloor = this.#version;
  }

  /** Copies the vector of file row `fileRow` into `out` at `at`, from the file or from the rows not written yet. */
  #readFileRow(fileRow: number, out: Float32Array, at: number): void {
    if (fileRow < this.#writtenRows) {
      const bytes = new Uint8Array(out.buffer, out.byteOffset + at * 4, this.dim * 4);
      const position = this.#headerBytes + fileRow * this.#rowBytes + VECTOR_ID_BYTES;
      for (let done = 0; done < bytes.length; ) {
        const read = readSync(this.#reader, bytes, done, bytes.length - done, position + done);
        if (read === 0) throw new ClipfolioError('DATA_CORRUPT', `${this.path} ended early`);
        done += read;
      }
      return;
    }
    const waiting = fileRow - this.#writtenRows;
    const record = waiting < this.#writing.length ? this.#writing[waiting] : this.#pending[waiting - this.#writing.length];
    if (!record) throw new ClipfolioError('INTERNAL', `${this.path} has no row ${fileRow}`);
    out.set(new Float32Array(record.buffer, record.byteOffset + VECTOR_ID_BYTES, this.dim), at);
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

  /** The photo's vector is now the one in file row `fileRow`. */
  #store(photoId: string, fileRow: number): void {
    this.#version += 1;
    this.#checkpointCurrent = false;
    this.#logWrite(this.#place(photoId, fileRow));
  }

  /** Points the photo's row (a new last one if it has none) at file row `fileRow`; returns the row. */
  #place(photoId: string, fileRow: number): number {
    const row = this.#rows.rowFor(photoId);
    if (row === this.#fileRowOf.length) {
      const grown = new Int32Array(row * 2);
      grown.set(this.#fileRowOf);
      this.#fileRowOf = grown;
    }
    this.#fileRowOf[row] = fileRow;
    return row;
  }

  /** Removes a row by moving the last row into its place, keeping live rows contiguous. */
  #drop(photoId: string): void {
    const row = this.#rows.remove(photoId);
    if (row === undefined) return;
    this.#version += 1;
    this.#checkpointCurrent = false;
    const last = this.count;
    if (row !== last) {
      this.#fileRowOf[row] = this.#fileRowOf[last] as number;
      this.#logWrite(row);
    }
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
    // Kept readable (readRows) while the write runs; back in front of the queue if it fails.
    this.#writing = batch;
    try {
      const bytes = batch.length * this.#rowBytes;
      const { bytesWritten } = await this.#handle.writev(batch, this.#fileBytes);
      if (bytesWritten !== bytes) throw new ClipfolioError('INTERNAL', `short write to ${this.path}`);
      this.#fileBytes += bytes;
      this.#writtenRows += batch.length;
    } catch (err) {
      this.#pending = [...batch, ...this.#pending];
      throw err;
    } finally {
      this.#writing = [];
    }
  }

  async #rewrite(): Promise<void> {
    // Buffered rows go to the old file first, so a failed rewrite loses nothing.
    await this.#writePending();
    // A reader building the matrix from the old file finishes first.
    await this.#sourcesClosedNow();
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
          bytes.write(this.#rows.idAt(first + r) ?? '', offset, VECTOR_ID_BYTES, 'latin1');
          this.#readFileRow(this.#fileRowOf[first + r] as number, new Float32Array(chunk.buffer, offset + VECTOR_ID_BYTES, this.dim), 0);
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
      this.#swapIn(tempPath, position);
      await fsyncDir(dirname(this.path));
    } finally {
      this.#handle = await open(this.path, 'r+');
    }
  }

  /**
   * Renames the rewritten file over the old one and renumbers the rows, in one synchronous
   * step: readRows, which may run between any two awaits, never sees one without the other.
   */
  #swapIn(tempPath: string, fileBytes: number): void {
    closeSync(this.#reader);
    try {
      renameSync(tempPath, this.path);
    } finally {
      this.#reader = openSync(this.path, 'r');
    }
    this.#checkpointCurrent = false;
    this.#fileBytes = fileBytes;
    this.#fileRows = this.count;
    this.#writtenRows = this.count;
    this.#fileRowOf.forEach((_, row, all) => (all[row] = row));
  }

  /** Waits until every descriptor openSource handed out is closed again. */
  async #sourcesClosedNow(): Promise<void> {
    while (this.#sources.size > 0) await new Promise<void>((wake) => this.#sourcesClosed.push(wake));
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
