// Runs in: main process (plain Node). What a vector store knew when it last closed cleanly:
// each live row's photo id and file row, for the file as it was then. Opening a store means
// knowing every row's id; without this, that is a read of the whole vector file (2 GB at a
// million photos, ~1-1.5 s on the 2-core test machine, before a search can run). The vector
// file is append-only, so a checkpoint taken at an earlier length still holds for that
// prefix: the store reads it, then scans only the rows appended since (a crash after the
// checkpoint loses nothing, those rows are simply scanned).
//
// A checkpoint is only a shortcut, never the truth: it is used only when it is whole (CRC-32),
// names the same file (inode: a compaction writes a new file) no longer than it is now, and
// the ids it lists match the file at rows sampled across it. Otherwise the file is scanned.
//
// Layout, little-endian: 'CFIDS1' | 2 bytes 0 | inode u64 | vector file bytes u64 |
// rows u32 | CRC-32 of what follows u32 | file row of each row, int32 | each row's id, 16 bytes.
import { crc32 } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { writeFileAtomic } from './durable-file';

const MAGIC = 'CFIDS1';
const HEADER_BYTES = 32;
/** Bytes checked between two turns of the event loop: the CRC of 20 MB in one call held the app ~0.1 s. */
const CRC_STEP_BYTES = 1 << 20;

/** CRC-32 of `bytes`, a step at a time with the event loop turning between. */
async function crc32InTurns(bytes: Uint8Array): Promise<number> {
  let crc = 0;
  for (let at = 0; at < bytes.length; at += CRC_STEP_BYTES) {
    if (at > 0) await nextTurn();
    crc = crc32(bytes.subarray(at, at + CRC_STEP_BYTES), crc);
  }
  return crc;
}

export interface IdCheckpoint {
  /** The vector file's inode and length the checkpoint describes. */
  ino: bigint;
  fileBytes: number;
  /** File row of each live row. */
  fileRows: Int32Array;
  /** Each live row's id, ID_BYTES each, NUL-padded. */
  ids: Uint8Array;
}

export function idCheckpointPath(vectorPath: string): string {
  return `${vectorPath}.ids`;
}

export async function writeIdCheckpoint(path: string, checkpoint: IdCheckpoint): Promise<void> {
  const rows = checkpoint.fileRows.length;
  const bytes = Buffer.alloc(HEADER_BYTES + rows * 4 + checkpoint.ids.length);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeBigUInt64LE(checkpoint.ino, 8);
  bytes.writeBigUInt64LE(BigInt(checkpoint.fileBytes), 16);
  bytes.writeUInt32LE(rows, 24);
  bytes.set(new Uint8Array(checkpoint.fileRows.buffer, checkpoint.fileRows.byteOffset, rows * 4), HEADER_BYTES);
  bytes.set(checkpoint.ids, HEADER_BYTES + rows * 4);
  bytes.writeUInt32LE(crc32(bytes.subarray(HEADER_BYTES)), 28);
  await writeFileAtomic(path, bytes);
}

/** The checkpoint at `path` when it is whole and holds rows of `idBytes`-byte ids; null otherwise. */
export async function readIdCheckpoint(path: string, idBytes: number): Promise<IdCheckpoint | null> {
  const bytes = await readFile(path).catch(() => null);
  if (!bytes || bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const rows = bytes.readUInt32LE(24);
  if (bytes.length !== HEADER_BYTES + rows * (4 + idBytes)) return null;
  if ((await crc32InTurns(bytes.subarray(HEADER_BYTES))) !== bytes.readUInt32LE(28)) return null;
  // A view, not a copy (a copy of 4 MB was ~30 ms of the main thread while the app's workers
  // start): readFile gives the file a buffer of its own, so the view is aligned; were it not,
  // the checkpoint is simply not used.
  if ((bytes.byteOffset + HEADER_BYTES) % 4 !== 0) return null;
  return {
    ino: bytes.readBigUInt64LE(8),
    fileBytes: Number(bytes.readBigUInt64LE(16)),
    fileRows: new Int32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, rows),
    ids: bytes.subarray(HEADER_BYTES + rows * 4),
  };
}
