// Runs in: the inference worker. Builds a library's matrix from its vector file (see the
// "vectors live in the worker" note in vector-store.ts): the file is read in order, a block
// at a time through one buffer, each live row's vector copied to its matrix row; rows not in
// the file yet come with the request. Reads are asynchronous, so the worker goes on
// answering (other libraries' products, embeddings) while a million rows load.
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { ClipfolioError } from '../shared/errors';
import type { MatrixSource } from '../library/vector-store';

const readAt = promisify(read);
/** Bytes read per call. */
const BLOCK_BYTES = 8 * 1024 * 1024;

/**
 * The matrix's rows (fileRows.length x dim) at the start of a buffer with room for
 * `capacityRows` rows; the room is allocated but not touched, so it costs no memory until used.
 * Throws CANCELLED between two blocks once `stopped()` says so.
 */
export async function readMatrix(source: MatrixSource, capacityRows: number, stopped: () => boolean = () => false): Promise<Float32Array> {
  const { fd, headerBytes, rowBytes, vectorOffset, dim, fileRows, overlayRows, overlayVectors } = source;
  if (rowBytes % 4 !== 0 || vectorOffset % 4 !== 0 || vectorOffset + dim * 4 > rowBytes) {
    throw new ClipfolioError('INVALID_ARGUMENT', `a ${dim}-d matrix cannot be read from ${rowBytes}-byte rows`);
  }
  const data = new Float32Array(Math.max(capacityRows, fileRows.length) * dim);
  let lastFileRow = -1;
  for (const fileRow of fileRows) lastFileRow = Math.max(lastFileRow, fileRow);
  // The matrix row each file row fills, or -1 (superseded, removed, or written after the source was taken).
  const target = new Int32Array(lastFileRow + 1).fill(-1);
  fileRows.forEach((fileRow, row) => {
    if (fileRow >= 0) target[fileRow] = row;
  });
  const blockRows = Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
  const block = new Uint8Array(Math.min(blockRows, lastFileRow + 1) * rowBytes);
  for (let first = 0; first <= lastFileRow; first += blockRows) {
    if (stopped()) throw new ClipfolioError('CANCELLED', 'the matrix is no longer wanted');
    const rows = Math.min(blockRows, lastFileRow + 1 - first);
    const length = rows * rowBytes;
    for (let done = 0; done < length; ) {
      const { bytesRead } = await readAt(fd, block, done, length - done, headerBytes + first * rowBytes + done);
      if (bytesRead === 0) throw new ClipfolioError('DATA_CORRUPT', 'the vector file ended before its last row');
      done += bytesRead;
    }
    for (let i = 0; i < rows; i++) {
      const row = target[first + i] as number;
      if (row >= 0) data.set(new Float32Array(block.buffer, i * rowBytes + vectorOffset, dim), row * dim);
    }
  }
  overlayRows.forEach((row, i) => data.set(overlayVectors.subarray(i * dim, (i + 1) * dim), row * dim));
  return data;
}
