// Runs in: main process and the bridge (plain Node). Files and folders dropped on the window
// from the OS become part of the library. A dropped folder becomes a library folder (or is
// just indexed when it is inside one already). A dropped photo inside a library folder is
// indexed where it is. A dropped photo from anywhere else is copied into the import folder,
// in a sub-folder per day, the way Apple Photos ("copy items to the library") or Shotwell
// and darktable importing into ~/Pictures do it: adding the photo's own folder instead would
// pull in everything beside it (a photo dropped from Downloads would import all of
// Downloads), and referencing it in place would lose it when the card is ejected or the
// download deleted. (A browser has no paths: the bridge saves an upload aside and imports
// that file, see main/bridge/bridge-upload.ts.) Only content that sniffs as a supported
// photo is copied, under a sanitised name, written beside its target under a hidden name,
// fsynced and renamed into place. A photo whose exact content the library already has (by
// content hash, as the indexer computes it) is not copied again: a second copy would only be
// flagged as a duplicate once indexed, so the drop answers with the photo already there.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ImportResult } from '../shared/api-contract';
import { errorMessage } from '../shared/errors';
import { sniffImageFormat, type SniffedFormat } from '../imaging/sniff-format';
import { hashFile } from '../library/content-hash';
import { commitTempFile, fsyncFile } from '../library/durable-file';
import { PHOTO_FORMATS } from '../library/scanner';

/** The library folders as the importer needs them (the catalog has these). */
export interface ImportRoots {
  rootFor(path: string): { path: string } | undefined;
  addRoot(path: string): { path: string };
  /** The catalogued photos with this content hash (content-hash.ts). */
  findByHash(hash: string): readonly { path: string }[];
}

/** As many first bytes as the scanner sniffs: enough for a TIFF's first IFD (DNG or RAW). */
const SNIFF_BYTES = 4096;
/** Longest file name kept, in characters, before the extension. */
const MAX_STEM = 100;
/** Characters no file system takes in a name (Windows' list is the longest); controls too. */
const UNSAFE_CHARACTERS = new Set('<>:"/\\|?*');

function isUnsafe(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f || UNSAFE_CHARACTERS.has(char);
}
/** Names Windows reserves for devices, whatever their extension. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
const EXTENSIONS: Partial<Record<SniffedFormat, string>> = {
  jpeg: '.jpg',
  png: '.png',
  gif: '.gif',
  webp: '.webp',
  tiff: '.tif',
  avif: '.avif',
  heic: '.heic',
  dng: '.dng',
  raw: '.raw',
};

/**
 * A file name that is safe to create from one a client gave: its last segment only, no
 * characters a file system refuses, not hidden (the scanner skips dot files), not a device
 * name, and bounded.
 */
export function safeFileName(given: string): string {
  const last = given.split(/[/\\]/).pop() ?? '';
  let name = [...last.normalize('NFC')].map((c) => (isUnsafe(c) ? '_' : c)).join('').replace(/^[.\s]+|[.\s]+$/g, '');
  if (DEVICE_NAMES.test(name)) name = `_${name}`;
  let ext = extname(name);
  if (ext.length > 10 || ext.length < 2) ext = '';
  const stem = (ext ? name.slice(0, -ext.length) : name).slice(0, MAX_STEM).trim() || 'photo';
  return `${stem}${ext}`;
}

/** The name a copied photo gets: a safe one, with the extension of its content when it had none. */
export function importFileName(given: string, format: SniffedFormat): string {
  const name = safeFileName(given);
  return extname(name) ? name : `${name}${EXTENSIONS[format] ?? ''}`;
}

/** A day's sub-folder name, in local time: when the user imported, not when the photo was taken. */
export function dayFolderName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The supported photo format of a file's content, or why it is not one. */
async function sniffFile(path: string): Promise<{ format: SniffedFormat } | { reason: string }> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const format = head.length > 0 ? sniffImageFormat(head) : null;
  if (!format) return { reason: head.length === 0 ? 'the file is empty' : 'the file is not a photo' };
  if (!PHOTO_FORMATS.has(format)) return { reason: `${format.toUpperCase()} is not a supported photo format` };
  return { format };
}


async function hashOf(path: string): Promise<string | null> {
  return hashFile(path).catch(() => null);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export class PhotoImporter {
  readonly dir: string;
  readonly #now: () => Date;
  /** Picking a free name and renaming into it happen one at a time, so two imports never take one name. */
  #naming: Promise<unknown> = Promise.resolve();
  /**
   * Content hash -> where this importer copied it: a photo dropped twice before the first copy
   * was indexed is not in the catalog yet, and must not be copied twice either.
   */
  readonly #copied = new Map<string, string>();

  constructor(dir: string, now: () => Date = () => new Date()) {
    this.dir = resolve(dir);
    this.#now = now;
  }

  /** Dropped paths (the desktop app's drop): folders and photos, each judged on its own. */
  async importPaths(roots: ImportRoots, paths: readonly string[]): Promise<ImportResult> {
    const result: ImportResult = { folders: [], paths: [], skipped: [], existing: [] };
    for (const given of paths) {
      const path = resolve(given);
      try {
        const info = await stat(path);
        if (info.isDirectory()) {
          if (!roots.rootFor(path)) roots.addRoot(path);
          add(result, path, path);
        } else if (!info.isFile()) {
          result.skipped.push({ name: basename(path), reason: 'it is neither a file nor a folder' });
        } else if (roots.rootFor(path)) {
          add(result, dirname(path), path);
        } else {
          const sniffed = await sniffFile(path);
          if ('reason' in sniffed) {
            result.skipped.push({ name: basename(path), reason: sniffed.reason });
            continue;
          }
          const hash = await hashFile(path);
          const existing = await this.#findContent(roots, hash);
          if (existing !== null) {
            // Its folder is not indexed again: the photo is catalogued, or being copied in this run.
            result.paths.push(existing);
            result.existing.push({ name: basename(path), path: existing });
            continue;
          }
          const day = await this.#dayFolder(roots);
          const temp = this.#tempIn(day);
          try {
            await copyFile(path, temp);
            // A photo without a date of its own is dated by its file's time: the copy keeps it.
            await utimes(temp, info.atime, info.mtime);
            await fsyncFile(temp);
            const target = await this.#commit(temp, day, importFileName(basename(path), sniffed.format));
            this.#copied.set(hash, target);
            add(result, day, target);
          } finally {
            await rm(temp, { force: true });
          }
        }
      } catch (err) {
        result.skipped.push({ name: basename(path), reason: errorMessage(err) });
      }
    }
    return result;
  }

  /**
   * A file in the library with exactly this content, or null. Each candidate is hashed again:
   * the catalog's hash is from the last indexing run, and the file may have been edited or
   * deleted since.
   */
  async #findContent(roots: ImportRoots, hash: string): Promise<string | null> {
    const copied = this.#copied.get(hash);
    const candidates = [...roots.findByHash(hash).map((p) => p.path), ...(copied === undefined ? [] : [copied])];
    for (const candidate of candidates) {
      if ((await hashOf(candidate)) === hash) return candidate;
    }
    return null;
  }

  /** Today's folder inside the import folder, which is made a library folder the first time. */
  async #dayFolder(roots: ImportRoots): Promise<string> {
    const day = join(this.dir, dayFolderName(this.#now()));
    await mkdir(day, { recursive: true });
    if (!roots.rootFor(day)) roots.addRoot(this.dir);
    return day;
  }

  /** Hidden, so neither the scanner nor the watcher takes a half-written file for a photo. */
  #tempIn(dir: string): string {
    return join(dir, `.clipfolio-import-${randomUUID()}.part`);
  }

  /** Renames the finished (fsynced) temp file to `name`, or `name (2)` and so on when that is taken, durably. */
  #commit(temp: string, dir: string, name: string): Promise<string> {
    const work = this.#naming.then(async () => {
      const ext = extname(name);
      const stem = name.slice(0, name.length - ext.length);
      let target = join(dir, name);
      for (let n = 2; await exists(target); n++) target = join(dir, `${stem} (${n})${ext}`);
      await commitTempFile(temp, target);
      return target;
    });
    this.#naming = work.catch(() => undefined);
    return work;
  }
}

function add(result: ImportResult, folder: string, path: string): void {
  if (!result.folders.includes(folder)) result.folders.push(folder);
  result.paths.push(path);
}

