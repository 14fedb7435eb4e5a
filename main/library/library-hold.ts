// Runs in: main process and the CLI (plain Node). The library this process holds: its lock
// (library-lock.ts), its manifest and its catalog, in the current format. Holding it is the
// right to write it; a process that cannot hold it hands its commands to the one that does
// (cli/library-handoff.ts). Opening a first-format library migrates it here (migrate-v1.ts);
// opening one in a newer format is refused before anything is written.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ClipfolioError } from '../shared/errors';
import { Catalog } from './catalog';
import { LibraryLock, type HolderInfo } from './library-lock';
import { CATALOG_DB_FILE, LibraryManifest } from './library-manifest';
import { hasV1Catalog, migrateV1, retireV1Catalog, type MigrationProgress } from './migrate-v1';
import { storageWarning } from './storage-warning';

export interface HoldOptions {
  /** Who holds it, in the user's words ("the Clipfolio app", "clipfolio index"). */
  holder: string;
  /** Told how a first-format library's migration is going. */
  onMigration?: (progress: MigrationProgress) => void;
}

export class LibraryHold {
  readonly dir: string;
  readonly lock: LibraryLock;
  readonly manifest: LibraryManifest;
  readonly catalog: Catalog;
  /** Why the library's place is unsafe (a network share, a synced folder); null when it is fine. */
  readonly storageWarning: string | null;

  private constructor(dir: string, lock: LibraryLock, manifest: LibraryManifest, catalog: Catalog, warning: string | null) {
    this.dir = dir;
    this.lock = lock;
    this.manifest = manifest;
    this.catalog = catalog;
    this.storageWarning = warning;
  }

  /** Holds the library in `dir` (made if new); BUSY when another process holds it. */
  static async acquire(dir: string, options: HoldOptions): Promise<LibraryHold> {
    const lock = await LibraryLock.tryAcquire(dir, options.holder);
    if (!lock) throw await busy(dir);
    try {
      const manifest = await openManifest(dir, options);
      const catalog = Catalog.open(join(dir, manifest.data.catalog));
      return new LibraryHold(dir, lock, manifest, catalog, await storageWarning(dir));
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  release(): void {
    this.catalog.close();
    this.lock.release();
  }
}

async function openManifest(dir: string, options: HoldOptions): Promise<LibraryManifest> {
  const found = await LibraryManifest.read(dir);
  if (found) {
    // A crash between the migration's switch and its last rename left the old file in place.
    await retireV1Catalog(dir);
    const catalog = join(dir, found.data.catalog);
    await access(catalog).catch(() => {
      throw new ClipfolioError('DATA_CORRUPT', `The library's catalog ${catalog} is missing. Restore it from a backup, or move library.json away to start the library afresh.`);
    });
    return found;
  }
  if (await hasV1Catalog(dir)) {
    await migrateV1(dir, options.onMigration);
    return (await LibraryManifest.read(dir)) as LibraryManifest;
  }
  // A new library: the catalog first, then the manifest that names it. A catalog found
  // without one (a crash in between, or a manifest deleted by hand) is kept and named again.
  Catalog.open(join(dir, CATALOG_DB_FILE)).close();
  return LibraryManifest.create(dir);
}

async function busy(dir: string): Promise<ClipfolioError> {
  const holder: HolderInfo | null = await LibraryLock.holderOf(dir);
  const who = holder ? `${holder.holder} (process ${holder.pid})` : 'another Clipfolio process';
  return new ClipfolioError('BUSY', `The library ${dir} is open in ${who}.`);
}
