// Runs in: main process (plain Node). Crash-safe file replacement shared by the catalog
// and the vector store: write a temp file beside the target, fsync it, rename it over the
// target, then fsync the directory so the rename itself survives a power loss. A crash at
// any point leaves either the old file or the new one, never a mix.
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The temp name used beside `target`; one writer per target, so a fixed name is enough. */
export function tempPathFor(target: string): string {
  return `${target}.tmp`;
}

/** Flushes a file's contents to disk, so a rename after it never exposes a complete-looking but empty file. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory entry change (rename, create) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames an already fsynced temp file over `target` and makes the rename durable. */
export async function commitTempFile(tempPath: string, target: string): Promise<void> {
  await rename(tempPath, target);
  await fsyncDir(dirname(target));
}

/** Atomically and durably replaces `target` with `data`; `mode` 0o600 keeps it to its owner. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const tempPath = tempPathFor(target);
  // A temp file left by a crash may carry other permissions: start from none.
  if (options.mode !== undefined) await rm(tempPath, { force: true });
  const handle = await open(tempPath, 'w', options.mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tempPath, { force: true });
    throw err;
  }
  await handle.close();
  await commitTempFile(tempPath, target);
}

/** Atomically and durably replaces `target` with a copy of `source`. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  const tempPath = tempPathFor(target);
  await copyFile(source, tempPath);
  await fsyncFile(tempPath);
  await commitTempFile(tempPath, target);
}
