// Runs in: main process (plain Node). The thumbnail cache: one WebP per photo in
// <libraryDir>/thumbnails/<id>.webp, made by the inference worker from the same decode as
// the CLIP input. Files are keyed by catalog id (never by the photo's path), so the app
// serves them by id and a moved photo keeps its thumbnail. A thumbnail is rebuildable, so
// writes are atomic against a crash (temp + rename) but not fsynced: the catalog only marks
// a photo indexed after its thumbnail write has finished.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor } from './durable-file';

export const THUMBNAIL_DIR = 'thumbnails';

export class ThumbnailCache {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(libraryDir: string): Promise<ThumbnailCache> {
    const dir = join(libraryDir, THUMBNAIL_DIR);
    await mkdir(dir, { recursive: true });
    return new ThumbnailCache(dir);
  }

  pathFor(photoId: string): string {
    return join(this.dir, `${photoId}.webp`);
  }

  async write(photoId: string, data: Uint8Array): Promise<void> {
    const target = this.pathFor(photoId);
    const temp = tempPathFor(target);
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async remove(photoIds: Iterable<string>): Promise<void> {
    await Promise.all([...photoIds].map((id) => rm(this.pathFor(id), { force: true })));
  }
}
