// Runs in: main process and the CLI (plain Node). Copies photos' original files into a
// folder (an album to a USB stick, a selection for a friend): names kept, a name already
// taken becomes "name (2).jpg" rather than overwrite anything, each file's times kept,
// progress told per file, and a cancel that stops before the next file, keeping those copied.
import { copyFile, mkdir, stat, utimes } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ClipfolioError, errorMessage } from '../shared/errors';

export interface ExportProgress {
  done: number;
  total: number;
  /** The file being copied. */
  current: string | null;
}

export interface ExportResult {
  copied: number;
  /** Files that took another name because theirs was taken in the folder. */
  renamed: { from: string; to: string }[];
  failed: { path: string; reason: string }[];
  cancelled: boolean;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

/** Copies `file` into `dir` under its name or the first free "name (n)"; returns the name used. */
async function copyFreshName(file: string, dir: string): Promise<string> {
  const ext = extname(file);
  const stem = basename(file, ext);
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`;
    try {
      // COPYFILE_EXCL: a file that appears under the name meanwhile is never overwritten.
      await copyFile(file, join(dir, name), constants.COPYFILE_EXCL);
      return name;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new ClipfolioError('CONFLICT', `no free name for ${basename(file)} in ${dir}`);
}

export async function exportFiles(files: readonly string[], dir: string, options: ExportOptions = {}): Promise<ExportResult> {
  await mkdir(dir, { recursive: true }).catch((err: unknown) => {
    throw new ClipfolioError('INVALID_ARGUMENT', `Photos cannot be copied into ${dir}: ${errorMessage(err)}`);
  });
  const result: ExportResult = { copied: 0, renamed: [], failed: [], cancelled: false };
  const total = files.length;
  for (const [done, file] of files.entries()) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    options.onProgress?.({ done, total, current: file });
    try {
      const name = await copyFreshName(file, dir);
      const times = await stat(file);
      await utimes(join(dir, name), times.atime, times.mtime);
      result.copied += 1;
      if (name !== basename(file)) result.renamed.push({ from: file, to: join(dir, name) });
    } catch (err) {
      result.failed.push({ path: file, reason: errorMessage(err) });
    }
  }
  options.onProgress?.({ done: result.copied + result.failed.length, total, current: null });
  return result;
}
