// Runs in: main process (plain Node). The thumbnail cache: one WebP per photo in
// <libraryDir>/thumbnails/<id>.webp, made by the decode worker from the same decode as the
// CLIP input. Files are keyed by catalog id (never by the photo's path), so the app
// serves them by id and a moved photo keeps its thumbnail. A thumbnail is rebuildable, so
// writes are atomic against a crash (temp + rename) but not fsynced: the catalog only marks
// a photo indexed after its thumbnail write has finished. Because it is rebuildable the
// user may clear it (Settings); a missing thumbnail is made again when it is next asked for.
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor } from './durable-file';

export const THUMBNAIL_DIR = 'thumbnails';
/** Longest side of a thumbnail: sharp on a high-density grid tile, a few tens of KB. */
export const THUMBNAIL_MAX_SIDE = 320;

const EXTENSION = '.webp';
/** Files stat'ed at once when the cache is measured or cleared. */
const PARALLEL_FILES = 64;

export interface ThumbnailCacheSize {
  files: number;
  bytes: number;
}

export class ThumbnailCache {
  readonly dir: string;
  /** Thumbnails being made again, so a grid asking twice for one photo decodes it once. */
  readonly #remaking = new Map<string, Promise<string | null>>();

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(libraryDir: string): Promise<ThumbnailCache> {
    const dir = join(libraryDir, THUMBNAIL_DIR);
    await mkdir(dir, { recursive: true });
    return new ThumbnailCache(dir);
  }

  pathFor(photoId: string): string {
    return join(this.dir, `${photoId}${EXTENSION}`);
  }

  async write(photoId: string, data: Uint8Array): Promise<void> {
    await this.#writeVia(tempPathFor(this.pathFor(photoId)), photoId, data);
  }

  /**
   * The thumbnail's path, first made by `make` when the file is missing (the cache was
   * cleared, or a file was lost); null when it is missing and cannot be made.
   */
  async ensure(photoId: string, make: () => Promise<Uint8Array | null>): Promise<string | null> {
    const target = this.pathFor(photoId);
    if (await isFile(target)) return target;
    const running = this.#remaking.get(photoId);
    if (running) return running;
    const remade = (async () => {
      const data = await make();
      if (!data) return null;
      // Its own temp name: the indexer may be writing this photo's thumbnail at the same time.
      await this.#writeVia(`${target}.remade.tmp`, photoId, data);
      return target;
    })().finally(() => this.#remaking.delete(photoId));
    this.#remaking.set(photoId, remade);
    return remade;
  }

  async remove(photoIds: Iterable<string>): Promise<void> {
    await Promise.all([...photoIds].map((id) => rm(this.pathFor(id), { force: true })));
  }

  /** How many thumbnails there are and the bytes they take. */
  async size(): Promise<ThumbnailCacheSize> {
    let files = 0;
    let bytes = 0;
    await this.#eachThumbnail(async (path) => {
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return;
      files += 1;
      bytes += info.size;
    });
    return { files, bytes };
  }

  /** Deletes every thumbnail (not the folder, nor a write in progress); returns how many went. */
  async clear(): Promise<number> {
    let removed = 0;
    await this.#eachThumbnail(async (path) => {
      await rm(path, { force: true });
      removed += 1;
    });
    return removed;
  }

  async #writeVia(temp: string, photoId: string, data: Uint8Array): Promise<void> {
    await writeFile(temp, data);
    await rename(temp, this.pathFor(photoId));
  }

  async #eachThumbnail(visit: (path: string) => Promise<void>): Promise<void> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith(EXTENSION));
    for (let start = 0; start < names.length; start += PARALLEL_FILES) {
      await Promise.all(names.slice(start, start + PARALLEL_FILES).map((name) => visit(join(this.dir, name))));
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
