// Runs in: main process (plain Node). The indexing pipeline: library folders -> scanner ->
// (unchanged? skip) -> read each new or changed file once, hash it and read its metadata
// from that buffer -> moves and exact duplicates by hash -> the bytes to the inference
// worker in small chunks -> thumbnail, vector, catalog record. Only a window of chunks is
// in flight, so memory stays bounded however large the library is.
//
// Crash safety (kill -9 at any point): a photo's catalog record says 'indexed' only after
// its thumbnail is written and its vector is appended and fsynced, and a changed file's
// record keeps its old size and mtime until then, so a restart re-embeds exactly the
// chunks that were in flight. On the first run the vector file is reconciled with the
// catalog: rows of photos not marked indexed with this model are dropped, and photos
// marked indexed without a row are embedded again.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { InferenceClient, ImageResult, Provider } from '../inference/inference-client';
import type { ModelTowers } from '../inference/messages';
import { ClipfolioError, errorMessage } from '../shared/errors';
import { ID_PAGE, type PhotoPatch } from './catalog';
import type { PhotoRecord } from './catalog-schema';
import { hashBufferInTurns } from './content-hash';
import type { Library } from './library';
import { METADATA_VERSION, readPhotoMetadata, type PhotoMetadata } from './metadata';
import { scanRoots, type ScanEntry } from './scanner';
import { importSidecars, type SidecarFile } from '../interop/sidecar-import';
import { THUMBNAIL_MAX_SIDE } from './thumbnail-cache';

export interface IndexProgress {
  /** Photos found this run that need embedding. */
  queued: number;
  done: number;
  failed: number;
  skipped: number;
  imagesPerSecond: number;
  /** Time left for the photos queued so far; null before the first result. */
  etaSeconds: number | null;
  currentFile: string | null;
}

export interface FileProblem {
  path: string;
  reason: string;
}

export interface IndexSummary {
  /** Photos embedded this run. */
  indexed: number;
  /** Photos whose files had not changed. */
  unchanged: number;
  /** Photos found at a new path with the same content (same id kept). */
  moved: number;
  /** Photos whose files are gone, removed from the library. */
  removed: number;
  /** Photos embedded this run that are byte-identical copies of another photo. */
  duplicates: number;
  skipped: number;
  failed: FileProblem[];
  skippedFiles: FileProblem[];
  /** Photos that took stars, a favourite, keywords or a turn from an XMP sidecar changed since it was last read. */
  sidecars: number;
  seconds: number;
  imagesPerSecond: number;
  /** The run was cancelled: what finished is kept, nothing was removed. */
  cancelled: boolean;
}

export interface IndexerOptions {
  provider?: Provider;
  /** Images per session.run (default 8). */
  batchSize?: number;
  /** Files per request to the worker (default 16). */
  chunkSize?: number;
  /** Requests in flight at once (default 2): the next one decodes while the last batch of the previous one runs. */
  chunksInFlight?: number;
  thumbnailMaxSide?: number;
}

export interface IndexRunOptions {
  /** Folders to index, each inside a library root; all roots by default. */
  folders?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: IndexProgress) => void;
}

/** A file read and waiting for (or being) embedded. */
interface Pending {
  id: string;
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  format: string;
  metadata: PhotoMetadata;
  duplicateOf: string | null;
  /** The record existed before this run (its keywords may need replacing). */
  replacing: boolean;
  bytes: Uint8Array | null;
}

/** Names that promise a photo; such a file that is not one is worth listing as skipped. */
const PHOTO_EXTENSIONS = /^\.(jpe?g|jpe|png|gif|webp|tiff?|hei[cf]|avif|dng|cr[23w]|nef|nrw|arw|raf|rw2|orf|pef|srw|bmp|jxl)$/i;

/** Metadata read again for unchanged photos, saved this many to a transaction. */
const METADATA_BATCH = 256;

/** The record's fields that come from the file's metadata. */
function metadataFields(metadata: PhotoMetadata): PhotoPatch {
  return {
    takenAt: metadata.takenAt,
    takenAtSource: metadata.takenAtSource,
    camera: metadata.camera,
    exposure: metadata.exposure,
    gps: metadata.gps,
    orientation: metadata.orientation,
  };
}

function skipReason(entry: Extract<ScanEntry, { kind: 'skipped' }>): string | null {
  switch (entry.reason) {
    case 'unsupported-format':
      return `${(entry.format ?? 'this').toUpperCase()} is not a supported photo format`;
    case 'empty':
      return 'the file is empty';
    case 'not-an-image':
      return PHOTO_EXTENSIONS.test(extname(entry.path)) ? 'the file is not an image (its contents match no image format)' : null;
    default:
      return null;
  }
}

async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

export class Indexer {
  readonly #library: Library;
  readonly #client: InferenceClient;
  readonly #model: ModelTowers;
  readonly #options: Required<IndexerOptions>;
  #reconciled = false;
  #queue: Promise<unknown> = Promise.resolve();
  #paused = false;
  #resumeWaiters: (() => void)[] = [];
  /** Metadata read again for unchanged photos (#readMetadataAgain), waiting to be saved together. */
  #metadataUpdates: { id: string; patch: PhotoPatch }[] = [];

  constructor(library: Library, client: InferenceClient, model: ModelTowers, options: IndexerOptions = {}) {
    if (model.id !== library.model.id) {
      throw new ClipfolioError('MODEL_MISMATCH', `the library was opened for model ${library.model.id}, not ${model.id}`);
    }
    this.#library = library;
    this.#client = client;
    this.#model = model;
    this.#options = {
      provider: options.provider ?? 'auto',
      batchSize: options.batchSize ?? 8,
      chunkSize: options.chunkSize ?? 16,
      chunksInFlight: options.chunksInFlight ?? 2,
      thumbnailMaxSide: options.thumbnailMaxSide ?? THUMBNAIL_MAX_SIDE,
    };
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Stops taking new files; chunks already sent finish and are saved. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    for (const wake of this.#resumeWaiters.splice(0)) wake();
  }

  /** Indexes `folders` (all roots by default). Runs queue behind each other. */
  run(options: IndexRunOptions = {}): Promise<IndexSummary> {
    const result = this.#queue.then(() => this.#run(options));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #run(options: IndexRunOptions): Promise<IndexSummary> {
    const library = this.#library;
    const { catalog } = library;
    const started = performance.now();
    const folders = options.folders ?? catalog.roots().map((root) => root.path);
    for (const folder of folders) {
      if (!catalog.rootFor(folder)) throw new ClipfolioError('INVALID_ARGUMENT', `${folder} is not inside a library folder`);
    }
    if (!this.#reconciled) {
      await this.#reconcile();
      this.#reconciled = true;
    }

    const summary: IndexSummary = {
      indexed: 0,
      unchanged: 0,
      moved: 0,
      removed: 0,
      duplicates: 0,
      skipped: 0,
      failed: [],
      skippedFiles: [],
      sidecars: 0,
      seconds: 0,
      imagesPerSecond: 0,
      cancelled: false,
    };
    const progress: IndexProgress = { queued: 0, done: 0, failed: 0, skipped: 0, imagesPerSecond: 0, etaSeconds: null, currentFile: null };
    const report = () => {
      const seconds = (performance.now() - started) / 1000;
      const finished = progress.done + progress.failed;
      progress.imagesPerSecond = seconds > 0 ? finished / seconds : 0;
      progress.etaSeconds = finished > 0 ? (progress.queued - finished) / progress.imagesPerSecond : null;
      options.onProgress?.({ ...progress });
    };
    const onFinished = (item: Pending, result: ImageResult) => {
      progress.currentFile = item.path;
      if (result.ok) {
        progress.done += 1;
        summary.indexed += 1;
        if (item.duplicateOf !== null) summary.duplicates += 1;
      } else {
        progress.failed += 1;
        summary.failed.push({ path: item.path, reason: result.error.message });
      }
      report();
    };

    const seen = new Set<string>();
    const sidecars: SidecarFile[] = [];
    const unreachable = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    const failures: Error[] = [];
    const fail = (err: unknown) => {
      failures.push(err instanceof Error ? err : new Error(String(err)));
    };
    let chunk: Pending[] = [];
    const submit = async () => {
      const items = chunk;
      chunk = [];
      if (items.length === 0) return;
      while (inFlight.size >= this.#options.chunksInFlight) await Promise.race(inFlight);
      const done: Promise<void> = this.#embedChunk(items, onFinished)
        .catch(fail)
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    };

    try {
      for await (const entry of scanRoots(folders, { signal: options.signal, exclude: [library.dir] })) {
        await this.#whilePaused(options.signal);
        if (failures.length > 0) break;
        if (entry.kind === 'error') {
          seen.add(entry.path);
          if (folders.includes(entry.path)) unreachable.add(entry.path);
          summary.failed.push({ path: entry.path, reason: `${entry.message} [${entry.code}]` });
          continue;
        }
        if (entry.kind === 'sidecar') {
          sidecars.push(entry);
          continue;
        }
        if (entry.kind === 'skipped') {
          const reason = skipReason(entry);
          // Files not worth listing are not kept either: a record left at such a path goes.
          if (reason === null) continue;
          seen.add(entry.path);
          await this.#recordSkipped(entry.path, reason, entry.format ?? null);
          summary.skipped += 1;
          summary.skippedFiles.push({ path: entry.path, reason });
          progress.skipped += 1;
          continue;
        }
        seen.add(entry.path);
        const item = await this.#prepare(entry, summary);
        if (!item) continue;
        chunk.push(item);
        progress.queued += 1;
        progress.currentFile = item.path;
        if (chunk.length >= this.#options.chunkSize) await submit();
      }
      await submit();
    } catch (err) {
      if (!(err instanceof ClipfolioError && err.code === 'CANCELLED')) fail(err);
      summary.cancelled = true;
    }
    await Promise.all(inFlight);
    this.#saveMetadataUpdates();
    if (failures[0]) throw failures[0];
    // After the photos: a sidecar of a photo new in this run has its record to go to.
    if (!summary.cancelled) summary.sidecars = await importSidecars(catalog, sidecars);

    if (!summary.cancelled) {
      const gone = [...new Set(folders.filter((f) => !unreachable.has(f)).flatMap((f) => catalog.photoIdsNotSeen(f, seen)))];
      await library.removePhotos(gone);
      summary.removed = gone.length;
    }
    await library.vectors.sync();
    // Photos embedded again and removed leave dead rows; past a quarter of the file it is rewritten without them.
    await library.vectors.compact();
    if (!summary.cancelled) await library.completeModelSwitch();

    summary.seconds = (performance.now() - started) / 1000;
    summary.imagesPerSecond = summary.seconds > 0 ? (summary.indexed + progress.failed) / summary.seconds : 0;
    report();
    return summary;
  }

  /** Whether the record needs nothing from this model (given that its file is unchanged). */
  #current(photo: Readonly<PhotoRecord>): boolean {
    if (photo.status === 'failed') return true;
    return photo.status === 'indexed' && photo.modelId === this.#model.id && this.#library.vectors.has(photo.id);
  }

  /**
   * The catalog and the vector file agree again after a crash between their writes: photos
   * indexed without a vector wait to be embedded, vectors of photos not indexed go. A page
   * at a time, with the event loop let go between pages: at a million photos a pass is
   * seconds of work.
   */
  async #reconcile(): Promise<void> {
    const { catalog, vectors } = this.#library;
    let embedded = 0;
    const unembedded: string[] = [];
    for (const page of catalog.pagesOfIdsIndexedWith(this.#model.id, ID_PAGE)) {
      for (const id of page) {
        if (vectors.has(id)) embedded += 1;
        else unembedded.push(id);
      }
      await nextTurn();
    }
    this.#library.markUnembedded(unembedded);
    // Every vector belongs to an indexed photo when there are no more vectors than those
    // photos: the usual case, which then builds no set of a million ids (and no GC pause).
    if (vectors.count > embedded) {
      const indexed = new Set<string>();
      for (const page of catalog.pagesOfIdsIndexedWith(this.#model.id, ID_PAGE)) {
        for (const id of page) indexed.add(id);
        await nextTurn();
      }
      for (const id of vectors.ids()) if (!indexed.has(id)) await vectors.remove(id);
    }
    await vectors.sync();
  }

  async #recordSkipped(path: string, reason: string, format: string | null): Promise<void> {
    const { catalog } = this.#library;
    const existing = catalog.findByPath(path);
    if (existing?.status === 'skipped' && existing.reason === reason) return;
    const info = await stat(path).catch(() => null);
    const root = catalog.rootFor(path);
    if (!info || !root) return;
    if (existing && existing.status !== 'skipped') {
      await this.#library.vectors.remove(existing.id);
      await this.#library.thumbnails.remove([existing.id]);
    }
    catalog.batch(() =>
      catalog.upsertPhoto({
        rootId: root.id,
        path,
        size: info.size,
        mtimeMs: info.mtimeMs,
        status: 'skipped',
        reason,
        format,
        modelId: null,
        indexedAt: null,
      }),
    );
  }

  /**
   * What a newer metadata reader takes from an unchanged photo (its exposure, say), without
   * embedding it again; saved with the next chunk's records, so an upgraded library's first
   * scan costs a read of each file rather than a transaction each. The user's marks stay.
   */
  async #readMetadataAgain(record: PhotoRecord): Promise<void> {
    const bytes = await readFile(record.path).catch(() => null);
    if (!bytes) return;
    const metadata = await readPhotoMetadata(bytes, { fileMtimeMs: record.mtimeMs });
    this.#metadataUpdates.push({ id: record.id, patch: { ...metadataFields(metadata), metadataVersion: METADATA_VERSION } });
    if (this.#metadataUpdates.length >= METADATA_BATCH) this.#saveMetadataUpdates();
  }

  #saveMetadataUpdates(): void {
    const { catalog } = this.#library;
    const updates = this.#metadataUpdates.splice(0);
    if (updates.length === 0) return;
    catalog.batch(() => {
      for (const { id, patch } of updates) if (catalog.getPhoto(id)) catalog.updatePhoto(id, patch);
    });
  }

  /** Reads a photo candidate unless it is unchanged or merely moved; null when nothing is left to embed. */
  async #prepare(entry: Extract<ScanEntry, { kind: 'photo' }>, summary: IndexSummary): Promise<Pending | null> {
    const { catalog } = this.#library;
    const { path, size, mtimeMs, format } = entry;
    let record = catalog.findByPath(path);
    if (record && record.size === size && record.mtimeMs === mtimeMs && this.#current(record)) {
      summary.unchanged += 1;
      if (record.metadataVersion < METADATA_VERSION) await this.#readMetadataAgain(record);
      return null;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      // Gone since the scan: the removal pass (or the next one) takes care of it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') summary.failed.push({ path, reason: errorMessage(err) });
      return null;
    }
    const hash = await hashBufferInTurns(bytes);
    if (record && record.hash === hash && this.#current(record)) {
      const { id } = record;
      catalog.batch(() => catalog.updatePhoto(id, { size, mtimeMs }));
      summary.unchanged += 1;
      return null;
    }

    let duplicateOf: string | null = null;
    for (const other of catalog.findByHash(hash)) {
      if (other.id === record?.id) continue;
      if (await fileExists(other.path)) {
        duplicateOf ??= other.duplicateOf ?? other.id;
      } else if (!record) {
        record = catalog.batch(() => {
          const moved = catalog.movePhoto(other.id, path);
          return catalog.updatePhoto(moved.id, { size, mtimeMs });
        });
        if (this.#current(record)) {
          summary.moved += 1;
          return null;
        }
      }
    }

    const metadata = await readPhotoMetadata(bytes, { fileMtimeMs: mtimeMs });
    const replacing = record !== undefined;
    if (!record) {
      const root = catalog.rootFor(path);
      if (!root) return null;
      // New records get their hash now, so a copy met later in this run is seen as a duplicate.
      record = catalog.batch(() => catalog.upsertPhoto({ rootId: root.id, path, size, mtimeMs, hash, format, status: 'pending' }));
    }
    return { id: record.id, path, size, mtimeMs, hash, format, metadata, duplicateOf, replacing, bytes };
  }

  /** Embeds one chunk and saves it in crash-safe order: thumbnails and vectors, fsync, then the catalog. */
  async #embedChunk(items: Pending[], onFinished: (item: Pending, result: ImageResult) => void): Promise<void> {
    const { vectors, thumbnails } = this.#library;
    const results = new Array<ImageResult | undefined>(items.length);
    const saves: Promise<void>[] = [];
    const accept = (index: number, result: ImageResult) => {
      const item = items[index];
      if (!item) return;
      results[index] = result;
      if (result.ok) {
        saves.push(
          (async () => {
            if (result.thumbnail) await thumbnails.write(item.id, result.thumbnail.data);
            await vectors.append(item.id, result.embedding);
          })(),
        );
      }
      onFinished(item, result);
    };
    // The worker takes the buffers over; drop our references so they can be freed there.
    const inputs = items.map((item) => ({ bytes: item.bytes ?? new Uint8Array(0) }));
    for (const item of items) item.bytes = null;
    const embedOptions = {
      provider: this.#options.provider,
      batchSize: this.#options.batchSize,
      thumbnail: { maxSide: this.#options.thumbnailMaxSide },
    };
    try {
      await this.#client.embedImages(this.#model, inputs, { ...embedOptions, onResult: accept });
    } catch (err) {
      if (!(err instanceof ClipfolioError && err.code === 'WORKER_CRASHED')) throw err;
      // One file may have taken the worker down: retry the unanswered ones alone, from disk,
      // so only a file that crashes it by itself fails.
      for (const [index, item] of items.entries()) {
        if (results[index]) continue;
        try {
          await this.#client.embedImages(this.#model, [{ path: item.path }], {
            ...embedOptions,
            onResult: (_i, result) => accept(index, result),
          });
        } catch (retryErr) {
          if (!(retryErr instanceof ClipfolioError && retryErr.code === 'WORKER_CRASHED')) throw retryErr;
          accept(index, { ok: false, error: { code: 'WORKER_CRASHED', message: `decoding this file stopped the inference worker: ${retryErr.message}` } });
        }
      }
    }
    await Promise.all(saves);
    await vectors.sync();
    this.#commit(items, results);
    for (const [index, item] of items.entries()) {
      // A failed file keeps no vector or thumbnail, nor does a photo removed (trashed, its
      // folder dropped) while its chunk was embedding: the removal dropped them before these
      // were written.
      if (!results[index]?.ok || !this.#library.catalog.getPhoto(item.id)) {
        await vectors.remove(item.id);
        await thumbnails.remove([item.id]);
      }
    }
  }

  /** One transaction per chunk: its records, and the keywords read from its files. */
  #commit(items: Pending[], results: (ImageResult | undefined)[]): void {
    const { catalog } = this.#library;
    catalog.batch(() => this.#commitRecords(items, results));
  }

  #commitRecords(items: Pending[], results: (ImageResult | undefined)[]): void {
    const { catalog } = this.#library;
    const now = new Date().toISOString();
    for (const [index, item] of items.entries()) {
      const result = results[index];
      if (!catalog.getPhoto(item.id)) continue;
      const { metadata } = item;
      const common: PhotoPatch = {
        size: item.size,
        mtimeMs: item.mtimeMs,
        hash: item.hash,
        ...metadataFields(metadata),
        metadataVersion: METADATA_VERSION,
        duplicateOf: item.duplicateOf,
        // Stars and the favourite mark the file carries: another program changed it, or it is new.
        ...(metadata.rating !== null ? { rating: metadata.rating } : {}),
        ...(metadata.favourite ? { favourite: true } : {}),
        // Its keywords are read again below, so its sidecar's are too (at the end of the run).
        ...(item.replacing ? { sidecarMtimeMs: null } : {}),
      };
      catalog.updatePhoto(
        item.id,
        result?.ok
          ? { ...common, width: result.width, height: result.height, format: result.format, status: 'indexed', reason: null, indexedAt: now, modelId: this.#model.id }
          : {
              ...common,
              width: metadata.width,
              height: metadata.height,
              format: item.format,
              status: 'failed',
              reason: result ? result.error.message : 'the inference worker gave no result',
              indexedAt: null,
              modelId: null,
            },
      );
    }
    // A photo indexed again (its file changed) gets its read keywords replaced; the user's stay.
    const kept = items.filter((item) => catalog.getPhoto(item.id));
    if (kept.some((item) => item.replacing || item.metadata.keywords.length > 0)) {
      const read = kept.flatMap((item) => item.metadata.keywords.map((keyword) => ({ photoId: item.id, keyword })));
      catalog.replaceReadKeywords(
        kept.filter((item) => item.replacing).map((item) => item.id),
        read,
      );
    }
  }

  async #whilePaused(signal: AbortSignal | undefined): Promise<void> {
    while (this.#paused && !signal?.aborted) {
      await new Promise<void>((wake) => {
        this.#resumeWaiters.push(wake);
        signal?.addEventListener('abort', () => wake(), { once: true });
      });
    }
  }
}
