// Runs in: main process (plain Node). The library catalog: roots, photos and settings in
// one lowdb JSON file (catalog.json) inside the library folder, with in-memory indexes by
// id, path and content hash. Mutations only mark the catalog dirty; one debounced flush
// writes the whole file atomically and durably (see durable-json-file.ts), so indexing
// 10,000 photos costs a handful of file writes, not 10,000.
import { link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Low } from 'lowdb';
import { ClipfolioError, errorMessage } from '../shared/errors';
import { commitTempFile, copyFileAtomic, tempPathFor } from './durable-file';
import { DurableJsonFile } from './durable-json-file';
import { newId } from './photo-id';
import {
  emptyCatalog,
  parseCatalog,
  type CatalogData,
  type JsonValue,
  type LibraryRoot,
  type PhotoRecord,
  type PhotoStatus,
} from './catalog-schema';

export const CATALOG_FILE = 'catalog.json';
export const CATALOG_BACKUP_FILE = 'catalog.json.bak';

export type CatalogWarningCode = 'RECOVERED_FROM_BACKUP' | 'STARTED_EMPTY' | 'FLUSH_FAILED';

export interface CatalogWarning {
  code: CatalogWarningCode;
  message: string;
}

export interface CatalogOptions {
  /** Longest time a mutation waits before it is written (default 1000 ms). */
  flushIntervalMs?: number;
  /** Told about recoveries on open and about failed background flushes. */
  onWarning?: (warning: CatalogWarning) => void;
}

/** Fields the scanner knows; everything else starts empty until the photo is indexed. */
export type PhotoUpsert = Pick<PhotoRecord, 'path' | 'rootId' | 'size' | 'mtimeMs'> & PhotoPatch;

/** Fields that may change in place; the path changes through movePhoto. */
export type PhotoPatch = Partial<Omit<PhotoRecord, 'id' | 'path' | 'rootId' | 'addedAt'>>;

/** Tables with no catalog logic yet; their owners read and update them whole. */
export type CatalogTables = Pick<CatalogData, 'categories' | 'albums' | 'tagDecisions' | 'keywords'>;

export interface CatalogStats {
  photos: number;
  /** Whole-file writes since open. */
  flushes: number;
  lastFlushMs: number;
}

type ReadResult = { kind: 'ok'; data: CatalogData } | { kind: 'missing' } | { kind: 'corrupt'; error: string };

async function tryRead(file: string): Promise<ReadResult> {
  try {
    const data = await new DurableJsonFile(file, parseCatalog).read();
    return data === null ? { kind: 'missing' } : { kind: 'ok', data };
  } catch (err) {
    if (err instanceof ClipfolioError && err.code === 'DATA_CORRUPT') {
      return { kind: 'corrupt', error: err.message };
    }
    throw err;
  }
}

async function moveAside(file: string): Promise<string> {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return aside;
}

/**
 * Makes `backup` the catalog file just read, as a hard link rather than a copy: the
 * catalog is only ever replaced by renaming a new file over it, never written in place, so
 * the linked file keeps this content after later flushes, and a 60 MB catalog costs no
 * copy and no fsync of its data (already durable) on every open. Until the first flush
 * both names share one file, whose content is then the catalog's anyway. File systems
 * without hard links (FAT, exFAT) get a durable copy.
 */
async function refreshBackup(file: string, backup: string): Promise<void> {
  // bigint: NTFS file ids do not fit a double, and a rounded one could match another file.
  const [current, previous] = await Promise.all([
    stat(file, { bigint: true }),
    stat(backup, { bigint: true }).catch(() => null),
  ]);
  // Already linked by an open with no flush since; renaming a link over itself is a no-op
  // that would leave the temp name behind.
  if (previous && previous.ino === current.ino && previous.dev === current.dev) return;
  const temp = tempPathFor(backup);
  await rm(temp, { force: true });
  try {
    await link(file, temp);
  } catch {
    await copyFileAtomic(file, backup);
    return;
  }
  await commitTempFile(temp, backup);
}

/** True when `inner` is `outer` or lies inside it. */
export function isWithin(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

export class Catalog {
  readonly file: string;
  /** What happened while opening (recoveries); empty on a clean open. */
  readonly warnings: readonly CatalogWarning[];
  readonly #db: Low<CatalogData>;
  readonly #flushIntervalMs: number;
  readonly #onWarning: ((warning: CatalogWarning) => void) | undefined;
  readonly #byId = new Map<string, PhotoRecord>();
  /**
   * The path and hash indexes, built on first use: browsing and searching look photos up
   * by id only, and with 100,000 photos these two maps would add a tenth of a second or
   * more to every open, before the indexer's first lookup needs them.
   */
  #lookups: { byPath: Map<string, PhotoRecord>; byHash: Map<string, string[]> } | null = null;
  #dirty = false;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #closed = false;
  #flushes = 0;
  #lastFlushMs = 0;
  #photosRevision = 0;

  private constructor(file: string, db: Low<CatalogData>, warnings: CatalogWarning[], options: CatalogOptions) {
    this.file = file;
    this.#db = db;
    this.warnings = warnings;
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.#onWarning = options.onWarning;
    for (const photo of db.data.photos) this.#byId.set(photo.id, photo);
  }

  /**
   * Opens (or creates) the catalog in `libraryDir`. An unparseable catalog.json is moved
   * aside to catalog.json.corrupt-<time> and catalog.json.bak, refreshed on every clean
   * open, is used instead; each recovery is reported in `warnings` and to `onWarning`.
   */
  static async open(libraryDir: string, options: CatalogOptions = {}): Promise<Catalog> {
    await mkdir(libraryDir, { recursive: true });
    const file = join(libraryDir, CATALOG_FILE);
    const backup = join(libraryDir, CATALOG_BACKUP_FILE);
    const warnings: CatalogWarning[] = [];
    const warn = (code: CatalogWarningCode, message: string) => {
      const warning = { code, message };
      warnings.push(warning);
      options.onWarning?.(warning);
    };

    const primary = await tryRead(file);
    let data: CatalogData;
    if (primary.kind === 'ok') {
      data = primary.data;
      await refreshBackup(file, backup);
    } else {
      const lost =
        primary.kind === 'corrupt'
          ? `${file} could not be read (${primary.error}); it was moved to ${await moveAside(file)}`
          : `${file} is missing`;
      const fallback = await tryRead(backup);
      if (fallback.kind === 'ok') {
        data = fallback.data;
        warn(
          'RECOVERED_FROM_BACKUP',
          `${lost}. The backup from the last clean open (${data.photos.length} photos) is used instead.`,
        );
      } else {
        data = emptyCatalog();
        if (fallback.kind === 'corrupt') {
          const aside = await moveAside(backup);
          warn('STARTED_EMPTY', `${lost}. The backup could not be read either (${fallback.error}); it was moved to ${aside}.`);
        } else if (primary.kind === 'corrupt') {
          warn('STARTED_EMPTY', `${lost}. There is no backup, so the library starts empty.`);
        }
      }
    }

    const db = new Low<CatalogData>(new DurableJsonFile(file, parseCatalog), data);
    const catalog = new Catalog(file, db, warnings, options);
    if (primary.kind !== 'ok') {
      catalog.#dirty = true;
      await catalog.flush();
    }
    return catalog;
  }

  // ---- roots

  roots(): readonly Readonly<LibraryRoot>[] {
    return this.#db.data.roots;
  }

  /** Adds a folder; returns the existing root for the same path. Nested roots are refused. */
  addRoot(folder: string): Readonly<LibraryRoot> {
    this.#assertOpen();
    const path = resolve(folder);
    const same = this.#db.data.roots.find((root) => root.path === path);
    if (same) return same;
    const overlap = this.#db.data.roots.find((root) => isWithin(root.path, path) || isWithin(path, root.path));
    if (overlap) {
      throw new ClipfolioError('INVALID_ARGUMENT', `${path} overlaps the library folder ${overlap.path}`);
    }
    const root = { id: newId(), path, addedAt: new Date().toISOString() };
    this.#db.data.roots.push(root);
    this.#markDirty();
    return root;
  }

  /** Removes a root and its photos; returns the removed photo ids (for the vector store). */
  removeRoot(rootId: string): string[] {
    this.#assertOpen();
    const roots = this.#db.data.roots;
    const index = roots.findIndex((root) => root.id === rootId);
    if (index < 0) throw new ClipfolioError('NOT_FOUND', `no library folder with id ${rootId}`);
    roots.splice(index, 1);
    const removed = this.#db.data.photos.filter((photo) => photo.rootId === rootId).map((photo) => photo.id);
    this.removePhotos(removed);
    this.#markDirty();
    return removed;
  }

  /** The root whose folder contains `path`, if any. */
  rootFor(path: string): Readonly<LibraryRoot> | undefined {
    return this.#db.data.roots.find((root) => isWithin(root.path, path));
  }

  // ---- photos

  get photoCount(): number {
    return this.#byId.size;
  }

  /**
   * Bumped by every change to a photo record (added, updated, moved, removed), and by
   * nothing else: the UI lists its 100,000 photos again only when this moved, not after
   * every album or category edit.
   */
  get photosRevision(): number {
    return this.#photosRevision;
  }

  getPhoto(id: string): Readonly<PhotoRecord> | undefined {
    return this.#byId.get(id);
  }

  findByPath(path: string): Readonly<PhotoRecord> | undefined {
    return this.#lookup().byPath.get(path);
  }

  /** Every photo with this content hash (exact duplicates share one). */
  findByHash(hash: string): Readonly<PhotoRecord>[] {
    return (this.#lookup().byHash.get(hash) ?? []).map((id) => this.#byId.get(id)).filter((p) => p !== undefined);
  }

  /** Live records in insertion order; change them only through the catalog's methods. */
  photos(): IterableIterator<Readonly<PhotoRecord>> {
    return this.#byId.values();
  }

  /** Creates the photo at `input.path`, or updates the given fields of the one already there. */
  upsertPhoto(input: PhotoUpsert): Readonly<PhotoRecord> {
    this.#assertOpen();
    const path = resolve(input.path);
    if (!this.#db.data.roots.some((root) => root.id === input.rootId)) {
      throw new ClipfolioError('NOT_FOUND', `no library folder with id ${input.rootId}`);
    }
    const existing = this.#lookup().byPath.get(path);
    if (existing) {
      this.#apply(existing, { ...input, path });
      return existing;
    }
    const photo: PhotoRecord = {
      hash: null,
      width: null,
      height: null,
      takenAt: null,
      takenAtSource: null,
      camera: null,
      gps: null,
      orientation: null,
      format: null,
      status: 'pending',
      reason: null,
      duplicateOf: null,
      indexedAt: null,
      modelId: null,
      ...input,
      id: newId(),
      path,
      addedAt: new Date().toISOString(),
    };
    this.#db.data.photos.push(photo);
    this.#index(photo);
    this.#photosRevision += 1;
    this.#markDirty();
    return photo;
  }

  updatePhoto(id: string, patch: PhotoPatch): Readonly<PhotoRecord> {
    this.#assertOpen();
    const photo = this.#require(id);
    this.#apply(photo, patch);
    return photo;
  }

  /** Sets the status; 'indexed' also stamps indexedAt. `reason` is cleared unless given. */
  setStatus(id: string, status: PhotoStatus, reason: string | null = null): Readonly<PhotoRecord> {
    return this.updatePhoto(id, {
      status,
      reason,
      ...(status === 'indexed' ? { indexedAt: new Date().toISOString() } : {}),
    });
  }

  /** Records that a photo's file now lives at `newPath` (same content, same id). */
  movePhoto(id: string, newPath: string): Readonly<PhotoRecord> {
    this.#assertOpen();
    const photo = this.#require(id);
    const path = resolve(newPath);
    const { byPath } = this.#lookup();
    const occupant = byPath.get(path);
    if (occupant && occupant.id !== id) {
      throw new ClipfolioError('INVALID_ARGUMENT', `${path} already belongs to photo ${occupant.id}`);
    }
    const root = this.rootFor(path);
    if (!root) throw new ClipfolioError('INVALID_ARGUMENT', `${path} is outside every library folder`);
    byPath.delete(photo.path);
    photo.path = path;
    photo.rootId = root.id;
    byPath.set(path, photo);
    this.#photosRevision += 1;
    this.#markDirty();
    return photo;
  }

  removePhoto(id: string): boolean {
    return this.removePhotos([id]) === 1;
  }

  /** Removes many photos with one pass over the table; returns how many existed. */
  removePhotos(ids: Iterable<string>): number {
    this.#assertOpen();
    const doomed = new Set<string>();
    for (const id of ids) {
      const photo = this.#byId.get(id);
      if (!photo) continue;
      doomed.add(id);
      this.#byId.delete(id);
      this.#lookups?.byPath.delete(photo.path);
      this.#unindexHash(photo);
    }
    if (doomed.size > 0) {
      this.#db.data.photos = this.#db.data.photos.filter((photo) => !doomed.has(photo.id));
      for (const photo of this.#byId.values()) {
        if (photo.duplicateOf !== null && doomed.has(photo.duplicateOf)) photo.duplicateOf = null;
      }
      this.#photosRevision += 1;
      this.#markDirty();
    }
    return doomed.size;
  }

  // ---- settings and later tables

  getSetting(key: string): JsonValue | undefined {
    return this.#db.data.settings[key];
  }

  setSetting(key: string, value: JsonValue): void {
    this.#assertOpen();
    this.#db.data.settings[key] = value;
    this.#markDirty();
  }

  table<K extends keyof CatalogTables>(name: K): Readonly<CatalogTables[K]> {
    return this.#db.data[name];
  }

  /** Replaces a table with what `update` returns and schedules a flush. */
  updateTable<K extends keyof CatalogTables>(name: K, update: (rows: CatalogTables[K]) => CatalogTables[K]): void {
    this.#assertOpen();
    const data: CatalogTables = this.#db.data;
    data[name] = update(data[name]);
    this.#markDirty();
  }

  // ---- persistence

  stats(): CatalogStats {
    return { photos: this.#byId.size, flushes: this.#flushes, lastFlushMs: this.#lastFlushMs };
  }

  /** Writes pending changes now; resolves once they are durable. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#writing) await this.#writing;
    if (!this.#dirty) return;
    this.#dirty = false;
    const started = performance.now();
    // Low#write serialises the data synchronously, so later mutations land in the next flush.
    this.#writing = this.#db.write().finally(() => {
      this.#writing = null;
    });
    try {
      await this.#writing;
      this.#flushes += 1;
      this.#lastFlushMs = performance.now() - started;
    } catch (err) {
      this.#dirty = true;
      throw err;
    }
  }

  /** Flushes and stops; later mutations throw. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
  }

  #markDirty(): void {
    this.#dirty = true;
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush().catch((err: unknown) => {
        const warning = { code: 'FLUSH_FAILED' as const, message: `catalog write failed: ${errorMessage(err)}` };
        if (this.#onWarning) this.#onWarning(warning);
        else console.warn(warning.message);
      });
    }, this.#flushIntervalMs);
    // A pending flush must not keep a CLI process alive; close() writes what is left.
    this.#timer.unref();
  }

  /** Applies fields that leave id and path alone, keeping the hash index in step. */
  #apply(photo: PhotoRecord, fields: Partial<Omit<PhotoRecord, 'id' | 'addedAt'>>): void {
    if (fields.hash !== undefined && fields.hash !== photo.hash) {
      this.#unindexHash(photo);
      photo.hash = fields.hash;
      this.#indexHash(photo);
    }
    Object.assign(photo, fields);
    this.#photosRevision += 1;
    this.#markDirty();
  }

  #assertOpen(): void {
    if (this.#closed) throw new ClipfolioError('INVALID_ARGUMENT', 'the catalog is closed');
  }

  #require(id: string): PhotoRecord {
    const photo = this.#byId.get(id);
    if (!photo) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
    return photo;
  }

  #lookup(): { byPath: Map<string, PhotoRecord>; byHash: Map<string, string[]> } {
    if (!this.#lookups) {
      this.#lookups = { byPath: new Map(), byHash: new Map() };
      for (const photo of this.#byId.values()) {
        this.#lookups.byPath.set(photo.path, photo);
        this.#indexHash(photo);
      }
    }
    return this.#lookups;
  }

  #index(photo: PhotoRecord): void {
    this.#byId.set(photo.id, photo);
    this.#lookups?.byPath.set(photo.path, photo);
    this.#indexHash(photo);
  }

  #indexHash(photo: PhotoRecord): void {
    const byHash = this.#lookups?.byHash;
    if (!byHash || photo.hash === null) return;
    const ids = byHash.get(photo.hash);
    if (ids) ids.push(photo.id);
    else byHash.set(photo.hash, [photo.id]);
  }

  #unindexHash(photo: PhotoRecord): void {
    const byHash = this.#lookups?.byHash;
    if (!byHash || photo.hash === null) return;
    const ids = byHash.get(photo.hash);
    if (!ids) return;
    const rest = ids.filter((id) => id !== photo.id);
    if (rest.length > 0) byHash.set(photo.hash, rest);
    else byHash.delete(photo.hash);
  }
}

export type {
  AlbumRecord,
  CameraInfo,
  CatalogData,
  CategoryRecord,
  GpsPosition,
  JsonValue,
  KeywordRecord,
  LibraryRoot,
  PhotoRecord,
  PhotoStatus,
  TagDecisionRecord,
  TakenAtSource,
} from './catalog-schema';
