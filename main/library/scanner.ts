// Runs in: main process (plain Node). Walks library folders and reports every file once:
// as a photo candidate (judged by its first bytes via sniffImageFormat, never by its
// extension), as an XMP sidecar (by its name, the one way sidecars are known), as skipped
// with a reason, or as an error that did not stop the walk. It
// survives symlink loops, unreadable folders and files that vanish mid-scan, and leaves
// hidden, system and excluded (e.g. the library's own data) folders alone.
import type { BigIntStats, Dirent, Stats } from 'node:fs';
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sniffImageFormat, type SniffedFormat } from '../imaging/sniff-format';
import { ClipfolioError } from '../shared/errors';

/** Formats a library takes in; other recognised images are reported as unsupported. */
export const PHOTO_FORMATS: ReadonlySet<SniffedFormat> = new Set<SniffedFormat>([
  'jpeg',
  'png',
  'gif',
  'webp',
  'tiff',
  'avif',
  'heic',
  'dng',
  'raw',
]);

/** Folders that operating systems and NAS boxes fill with copies, thumbnails or trash. */
const SYSTEM_FOLDERS = new Set([
  '$recycle.bin',
  'system volume information',
  '@eadir',
  '#recycle',
  '#snapshot',
  'node_modules',
  'lost+found',
]);

const SIDECAR_NAME = /\.xmp$/i;

/** Enough for the sniff to read a TIFF's first IFD, which says DNG or camera RAW. */
const SNIFF_BYTES = 4096;

export type SkipReason =
  | 'hidden'
  | 'system-folder'
  | 'excluded'
  | 'already-visited'
  | 'broken-link'
  | 'special-file'
  | 'empty'
  | 'not-an-image'
  | 'unsupported-format';

export type ScanEntry =
  | { kind: 'photo'; path: string; size: number; mtimeMs: number; format: SniffedFormat }
  /** `IMG_1.jpg.xmp` (digiKam, darktable) or `IMG_1.xmp` (Lightroom): metadata for the photo beside it. */
  | { kind: 'sidecar'; path: string; mtimeMs: number }
  | { kind: 'skipped'; path: string; reason: SkipReason; format?: SniffedFormat }
  | { kind: 'error'; path: string; code: string; message: string };

export interface ScanOptions {
  signal?: AbortSignal;
  /** Folders never entered, such as the library's data folder. */
  exclude?: readonly string[];
  /** Files sniffed at once within a folder (default 8). */
  concurrency?: number;
}

function errnoCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
}

function errorEntry(path: string, err: unknown): ScanEntry {
  return { kind: 'error', path, code: errnoCode(err), message: (err as Error).message };
}

/** Files and folders that disappear between listing and opening are simply gone. */
function vanished(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function realOrResolved(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/** Opens without blocking (a FIFO swapped in after the type check must not hang the scan). */
const READ_FLAGS = process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;

async function examineFile(path: string): Promise<ScanEntry | null> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (err) {
    return vanished(err) ? null : errorEntry(path, err);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'skipped', path, reason: 'special-file' };
    if (info.size === 0) return { kind: 'skipped', path, reason: 'empty' };
    if (SIDECAR_NAME.test(path)) return { kind: 'sidecar', path, mtimeMs: info.mtimeMs };
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = sniffImageFormat(head.subarray(0, bytesRead));
    if (format === null) return { kind: 'skipped', path, reason: 'not-an-image' };
    if (!PHOTO_FORMATS.has(format)) return { kind: 'skipped', path, reason: 'unsupported-format', format };
    return { kind: 'photo', path, size: info.size, mtimeMs: info.mtimeMs, format };
  } catch (err) {
    return vanished(err) ? null : errorEntry(path, err);
  } finally {
    await handle.close();
  }
}

type Listed = { kind: 'dir'; path: string } | { kind: 'file'; path: string } | { kind: 'entry'; entry: ScanEntry };

/** Sorts one directory entry into a folder to walk, a file to sniff, or a skip. */
async function classify(dir: string, dirent: Dirent): Promise<Listed> {
  const path = join(dir, dirent.name);
  if (dirent.name.startsWith('.')) return { kind: 'entry', entry: { kind: 'skipped', path, reason: 'hidden' } };
  let info: Dirent | Stats = dirent;
  if (dirent.isSymbolicLink()) {
    try {
      info = await stat(path);
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'ENOENT' || code === 'ELOOP') return { kind: 'entry', entry: { kind: 'skipped', path, reason: 'broken-link' } };
      return { kind: 'entry', entry: errorEntry(path, err) };
    }
  }
  if (info.isDirectory()) {
    if (SYSTEM_FOLDERS.has(dirent.name.toLowerCase())) {
      return { kind: 'entry', entry: { kind: 'skipped', path, reason: 'system-folder' } };
    }
    return { kind: 'dir', path };
  }
  if (info.isFile()) return { kind: 'file', path };
  return { kind: 'entry', entry: { kind: 'skipped', path, reason: 'special-file' } };
}

/**
 * Walks `roots` depth first, each folder's files (sorted by name) before its subfolders.
 * A folder reached twice (symlink loop, overlapping roots) is entered once. Throws only
 * CANCELLED, when `signal` aborts; everything else becomes an 'error' entry.
 */
export async function* scanRoots(roots: readonly string[], options: ScanOptions = {}): AsyncGenerator<ScanEntry> {
  const { signal, concurrency = 8 } = options;
  const excluded = new Set(await Promise.all((options.exclude ?? []).map(realOrResolved)));
  const visited = new Set<string>();
  const checkAbort = () => {
    if (signal?.aborted) throw new ClipfolioError('CANCELLED', 'scan cancelled', { cause: signal.reason });
  };

  const stack = [...roots].reverse().map((root) => resolve(root));
  while (stack.length > 0) {
    checkAbort();
    const dir = stack.pop() ?? '';
    let identity: BigIntStats;
    try {
      identity = await stat(dir, { bigint: true });
    } catch (err) {
      // A vanished subfolder is gone; a missing root (an unplugged drive) is worth telling.
      if (!vanished(err) || roots.some((root) => resolve(root) === dir)) yield errorEntry(dir, err);
      continue;
    }
    const key = `${identity.dev}:${identity.ino}`;
    if (visited.has(key)) {
      yield { kind: 'skipped', path: dir, reason: 'already-visited' };
      continue;
    }
    visited.add(key);
    if (excluded.has(await realOrResolved(dir))) {
      yield { kind: 'skipped', path: dir, reason: 'excluded' };
      continue;
    }

    let dirents: Dirent[];
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (!vanished(err)) yield errorEntry(dir, err);
      continue;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    const subdirs: string[] = [];
    for (let start = 0; start < dirents.length; start += concurrency) {
      checkAbort();
      const listed = await Promise.all(dirents.slice(start, start + concurrency).map((d) => classify(dir, d)));
      const examined = await Promise.all(
        listed.map(async (item) => (item.kind === 'file' ? examineFile(item.path) : item.kind === 'entry' ? item.entry : null)),
      );
      for (const entry of examined) if (entry) yield entry;
      for (const item of listed) if (item.kind === 'dir') subdirs.push(item.path);
    }
    stack.push(...subdirs.reverse());
  }
}
