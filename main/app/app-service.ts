// Runs in: main process and the bridge (plain Node). The backend behind the UI, shared by
// the Electron shell and `clipfolio serve`: it owns the inference client, the open library
// and its indexer, implements every call of the API contract, emits its events, and closes
// everything in order on quit (indexing cancelled, catalog flushed, worker ended).
import { join } from 'node:path';
import type { AppInfo, CategoryInfo, ImportResult, LibraryState, ModelDownloadProgressEvent } from '../shared/api-contract';
import { ClipfolioError } from '../shared/errors';
import type { Handlers } from '../ipc/dispatcher';
import { InferenceClient } from '../inference/inference-client';
import { Indexer } from '../library/indexer';
import { Library, libraryModelOf } from '../library/library';
import { getManifest, listManifests } from '../models/manifests';
import { ensureModel, findModelFolders } from '../models/model-store';
import type { ModelFolder } from '../models/model-folder';
import { AppEvents } from './app-events';
import { AppSettingsStore, checkImportDir } from './app-settings';
import { albumView, categoryView, hitView, modelView, photoTagView, photoView, rootView, starterView } from './contract-views';
import { IndexingControl } from './indexing-control';
import type { Logger } from './log-file';
import { findInstalledModel, type ModelLocations } from './model-selection';
import type { PhotoSource } from '../protocol/photo-source';
import { LibraryMatrix } from '../search/library-matrix';
import { albumPhotoIds, nearDuplicateGroups, searchPhotos, similarPhotos, type SearchContext } from '../search/photo-search';
import { resolveServingModel } from '../search/serving-model';
import { TextVectorCache } from '../tagging/text-vector-cache';
import {
  addCategory,
  decideTag,
  enableStarterCategories,
  findCategory,
  removeCategory,
  updateCategory,
} from '../tagging/category-store';
import { STARTER_CATEGORIES } from '../tagging/starter-categories';
import { computeTags, keywordsByPhoto, tagsOfPhoto } from '../tagging/tagger';
import { addKeywords, removeKeyword } from '../tagging/keyword-store';
import { sidecarEntries } from '../interop/sidecar-entries';
import { exportSidecars } from '../interop/xmp-sidecar';
import {
  addToAlbum,
  createManualAlbum,
  createSmartAlbum,
  deleteAlbum,
  findAlbum,
  listAlbums,
  moveAlbum,
  moveInAlbum,
  removeFromAlbum,
  renameAlbum,
} from '../albums/album-store';
import { previewCategory } from './category-preview';
import { lookAlikesToDecide } from '../tagging/look-alikes';
import { applyLearning, keepCategory, suggestLearning } from '../tagging/learning-suggestion';
import type { CategoryRecord } from '../library/catalog-schema';
import { PhotoImporter } from './photo-import';
import { ThumbnailRemaker } from './thumbnail-remake';

export interface AppServiceOptions extends ModelLocations {
  userDataDir: string;
  libraryDir: string;
  version: string;
  shell: AppInfo['shell'];
  logger: Logger;
  /** Where photos dropped from outside the library are copied until the user picks a folder; <userDataDir>/Imported by default. */
  importDir?: string;
}

interface OpenLibrary {
  library: Library;
  model: ModelFolder;
  indexing: IndexingControl;
  /**
   * Over the vectors that serve searches (`over`, the library's searchVectors it was resolved
   * for), with text embedded by their own model; replaced when a model switch completes.
   */
  search: { over: Library['searchVectors']; ctx: SearchContext } | null;
}

export class AppService {
  readonly events = new AppEvents();
  readonly #options: AppServiceOptions;
  readonly #settings: AppSettingsStore;
  readonly #client: InferenceClient;
  /** Made anew when the import folder setting changes. */
  #importer: PhotoImporter;
  readonly #thumbnails: ThumbnailRemaker;
  #open: OpenLibrary | null = null;
  /** Serialises opening, downloading and closing, so two of them never race. */
  #lifecycle: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(options: AppServiceOptions, settings: AppSettingsStore) {
    this.#options = options;
    this.#settings = settings;
    this.#client = InferenceClient.start();
    this.#importer = new PhotoImporter(settings.current.importDir);
    this.#thumbnails = new ThumbnailRemaker(this.#client);
  }

  /** Starts the inference worker and opens the library if its model is installed. */
  static async open(options: AppServiceOptions): Promise<AppService> {
    const settings = await AppSettingsStore.open(options.userDataDir, options.importDir ?? join(options.userDataDir, 'Imported'), (why) =>
      options.logger.log('warn', why),
    );
    const service = new AppService(options, settings);
    try {
      await service.#serialised(() => service.#openLibrary());
    } catch (err) {
      await service.close();
      throw err;
    }
    return service;
  }

  /** Photos and thumbnails by catalog id, for the photo protocol. */
  readonly photos: PhotoSource = {
    thumbnailPath: (id) => {
      const open = this.#open;
      const photo = open?.library.catalog.getPhoto(id);
      if (!open || !photo) return null;
      // Only an indexed photo had a thumbnail; one missing now was cleared, so it is made again.
      if (photo.status !== 'indexed') return open.library.thumbnails.pathFor(id);
      return open.library.thumbnails.ensure(id, () => this.#thumbnails.remake(open.model, photo.path));
    },
    original: (id) => {
      const photo = this.#open?.library.catalog.getPhoto(id);
      return photo ? { path: photo.path, format: photo.format } : null;
    },
  };

  handlers(): Handlers {
    return {
      'app:info': () => ({
        version: this.#options.version,
        platform: process.platform,
        userDataDir: this.#options.userDataDir,
        logFile: this.#options.logger.file,
        shell: this.#options.shell,
      }),

      'settings:get': () => this.#settings.current,
      'settings:update': async ({ importDir, ...rest }) => {
        if (importDir === undefined) return this.#settings.update(rest);
        const roots = this.#open?.library.catalog.roots().map((r) => r.path) ?? [];
        const settings = await this.#settings.update({ ...rest, importDir: await checkImportDir(importDir, this.#options.libraryDir, roots) });
        if (settings.importDir !== this.#importer.dir) {
          this.#importer = new PhotoImporter(settings.importDir);
          this.#options.logger.log('info', `import folder is now ${settings.importDir}`);
        }
        return settings;
      },

      'models:list': async () => {
        const manifests = await listManifests(this.#options.manifestsDir);
        const installed = await findModelFolders(this.#options.modelsDir, manifests);
        return manifests.map((m) => modelView(m, installed.find((i) => i.manifestId === m.id)));
      },
      'models:download': (modelId, variant) => this.#serialised(() => this.#download(modelId, variant)),
      'models:providers': async () => {
        const report = await this.#client.providers();
        return { available: report.available, auto: report.auto };
      },

      'library:state': () => this.#state(),
      'library:addRoot': (folder) => {
        const root = this.#library().catalog.addRoot(folder);
        this.#libraryChanged();
        return rootView(root);
      },
      'library:removeRoot': async (rootId) => {
        const { library } = this.#requireOpen();
        if (!library.catalog.roots().some((r) => r.id === rootId)) {
          throw new ClipfolioError('NOT_FOUND', `There is no library folder with id ${rootId}.`);
        }
        const ids = [...library.catalog.photos()].filter((p) => p.rootId === rootId).map((p) => p.id);
        await library.removePhotos(ids);
        library.catalog.removeRoot(rootId);
        this.#libraryChanged();
        return { removedPhotos: ids.length };
      },
      'library:listPhotos': ({ offset, limit, rootId, status }) => {
        const matching = [...this.#library().catalog.photos()].filter(
          (p) => (rootId === undefined || p.rootId === rootId) && (status === undefined || p.status === status),
        );
        return { total: matching.length, photos: matching.slice(offset, offset + limit).map(photoView) };
      },
      'library:getPhoto': (id) => {
        const photo = this.#library().catalog.getPhoto(id);
        if (!photo) throw new ClipfolioError('NOT_FOUND', `There is no photo with id ${id}.`);
        return photoView(photo);
      },
      // The desktop shell answers this with its native dialog (main/electron); a browser has none.
      'library:pickFolders': () => null,
      'library:importPaths': (paths) => this.#importing((catalog) => this.#importer.importPaths(catalog, paths)),
      'library:thumbnailCache': () => this.#thumbnailCacheInfo(),
      'library:clearThumbnailCache': async () => {
        const removed = await this.#library().thumbnails.clear();
        this.#options.logger.log('info', `thumbnail cache cleared (${removed} files)`);
        return this.#thumbnailCacheInfo();
      },

      'indexing:start': (options) => this.#requireOpen().indexing.start(options?.folders),
      'indexing:pause': () => this.#requireOpen().indexing.pause(),
      'indexing:resume': () => this.#requireOpen().indexing.resume(),
      'indexing:cancel': () => this.#requireOpen().indexing.cancel(),
      'indexing:status': () => this.#requireOpen().indexing.status(),

      // Counts come from the last re-tag, so one runs first: after a correction or a change of the
      // library the sidebar shows today's numbers. It is memoised (tagger.ts), so a list with
      // nothing changed costs no product.
      'categories:list': async () => {
        const ctx = await this.#search();
        await computeTags(ctx);
        return ctx.catalog.table('categories').map(categoryView);
      },
      'categories:add': ({ parentId, ...input }) => {
        const category = addCategory(this.#library().catalog, { ...input, parent: parentId });
        this.#libraryChanged();
        return categoryView(category);
      },
      'categories:update': (categoryId, { parentId, ...patch }) => {
        const catalog = this.#library().catalog;
        findCategory(catalog, categoryId);
        const category = updateCategory(catalog, categoryId, { ...patch, parent: parentId });
        this.#libraryChanged();
        return categoryView(category);
      },
      'categories:remove': (categoryId) => {
        const catalog = this.#library().catalog;
        removeCategory(catalog, findCategory(catalog, categoryId).id);
        this.#libraryChanged();
        return null;
      },
      'categories:preview': async (draft, options) => previewCategory(await this.#search(), draft, options),
      'categories:suggestion': async (categoryId) => suggestLearning(await this.#search(), findCategory(this.#library().catalog, categoryId).id),
      'categories:learn': async (categoryId, key) => this.#retagged(await applyLearning(await this.#search(), findCategory(this.#library().catalog, categoryId).id, key)),
      'categories:keep': async (categoryId, key) => this.#retagged(await keepCategory(await this.#search(), findCategory(this.#library().catalog, categoryId).id, key)),
      'categories:starters': () => {
        const names = new Set(this.#library().catalog.table('categories').map((c) => c.name.toLowerCase()));
        return STARTER_CATEGORIES.map((s) => starterView(s, names.has(s.name.toLowerCase())));
      },
      'categories:enableStarters': (names) => {
        const unknown = names?.find((n) => !STARTER_CATEGORIES.some((s) => s.name === n));
        if (unknown !== undefined) throw new ClipfolioError('NOT_FOUND', `There is no starter category named ${JSON.stringify(unknown)}.`);
        const added = enableStarterCategories(this.#library().catalog, names);
        this.#libraryChanged();
        return added.map(categoryView);
      },
      'tags:decide': async (photoIds, categoryId, decision) => {
        const ctx = await this.#search();
        const category = findCategory(ctx.catalog, categoryId);
        decideTag(ctx.catalog, photoIds, category.id, decision);
        const nearIdentical = decision === null ? [] : await lookAlikesToDecide(ctx, photoIds, category.id, decision);
        return { changed: new Set(photoIds).size, nearIdentical };
      },
      'tags:ofPhoto': async (photoId) => {
        const ctx = await this.#search();
        if (!ctx.catalog.getPhoto(photoId)) throw new ClipfolioError('NOT_FOUND', `There is no photo with id ${photoId}.`);
        const keywords = keywordsByPhoto(ctx.catalog).get(photoId) ?? [];
        return tagsOfPhoto(await computeTags(ctx), photoId, keywords).map(photoTagView);
      },
      'tags:exportXmp': async () => {
        const ctx = await this.#search();
        const result = await exportSidecars(sidecarEntries(ctx.catalog, await computeTags(ctx)));
        this.#options.logger.log('info', `XMP export: ${result.written.length} written, ${result.skipped.length} left alone`);
        return { written: result.written.length, skipped: result.skipped };
      },
      'tags:addKeywords': (photoIds, keywords) => {
        addKeywords(this.#library().catalog, photoIds, keywords);
        return null;
      },
      'tags:removeKeyword': (photoId, keyword) => {
        removeKeyword(this.#library().catalog, photoId, keyword);
        return null;
      },

      'albums:list': () => listAlbums(this.#library().catalog).map(albumView),
      'albums:createManual': (name, photoIds) => this.#albumChanged(createManualAlbum(this.#library().catalog, name, photoIds)),
      'albums:createSmart': (name, query) => this.#albumChanged(createSmartAlbum(this.#library().catalog, name, query)),
      'albums:addPhotos': (albumId, photoIds) =>
        this.#albumChanged(addToAlbum(this.#library().catalog, findAlbum(this.#library().catalog, albumId).id, photoIds)),
      'albums:removePhotos': (albumId, photoIds) =>
        this.#albumChanged(removeFromAlbum(this.#library().catalog, findAlbum(this.#library().catalog, albumId).id, photoIds)),
      'albums:delete': (albumId) => {
        const catalog = this.#library().catalog;
        deleteAlbum(catalog, findAlbum(catalog, albumId).id);
        this.#libraryChanged();
        return null;
      },
      'albums:photos': async (albumId) => albumPhotoIds(await this.#search(), findAlbum(this.#library().catalog, albumId)),
      'albums:movePhoto': (albumId, photoId, index) =>
        this.#albumChanged(moveInAlbum(this.#library().catalog, findAlbum(this.#library().catalog, albumId).id, photoId, index)),
      'albums:rename': (albumId, name) => this.#albumChanged(renameAlbum(this.#library().catalog, findAlbum(this.#library().catalog, albumId).id, name)),
      'albums:move': (albumId, index) => {
        const catalog = this.#library().catalog;
        const albums = moveAlbum(catalog, findAlbum(catalog, albumId).id, index);
        this.#libraryChanged();
        return albums.map(albumView);
      },

      'search:photos': async (query, options) => (await searchPhotos(await this.#search(), query, options)).map(hitView),
      'search:similar': async (photoId, options) => (await similarPhotos(await this.#search(), photoId, {}, options)).map(hitView),
      'search:duplicates': async (options) =>
        (await nearDuplicateGroups(await this.#search(), options?.minScore)).map((group) => group.map(hitView)),
    };
  }

  /** Cancels indexing, flushes and closes the library, ends the worker. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return this.#lifecycle.then(() => undefined);
    this.#closed = true;
    await this.#serialised(async () => {
      const open = this.#open;
      this.#open = null;
      if (open) {
        await open.indexing.cancel();
        await open.search?.ctx.matrix.release();
        await open.library.close();
      }
      await this.#client.close();
    });
  }

  #serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#lifecycle.then(work);
    this.#lifecycle = next.catch(() => undefined);
    return next;
  }

  async #openLibrary(): Promise<void> {
    const model = await findInstalledModel(this.#settings.current.modelId, this.#options);
    if (!model) {
      this.#options.logger.log('info', `model ${this.#settings.current.modelId} is not installed; the library waits for it`);
      return;
    }
    const library = await Library.open({
      libraryDir: this.#options.libraryDir,
      model: await libraryModelOf(model, this.#client),
      catalog: { onWarning: (w) => this.#options.logger.log('warn', `catalog: ${w.message}`) },
    });
    const indexer = new Indexer(library, this.#client, model, { provider: this.#settings.current.provider });
    const indexing = new IndexingControl(
      indexer,
      (status) => this.events.emit('indexing:progress', status),
      () => this.#libraryChanged(),
    );
    this.#open = { library, model, indexing, search: null };
    this.#options.logger.log('info', `library ${library.dir} open with model ${model.id} (${library.catalog.photoCount} photos)`);
    this.#libraryChanged();
  }

  async #download(modelId: string, variant: ModelFolder['variant'] | undefined): Promise<LibraryState> {
    const manifest = await getManifest(this.#options.manifestsDir, modelId);
    await ensureModel(manifest, {
      modelsDir: this.#options.modelsDir,
      variant,
      onProgress: (p) => {
        const event: ModelDownloadProgressEvent = {
          modelId,
          path: p.path,
          fileIndex: p.fileIndex,
          fileCount: p.fileCount,
          receivedBytes: p.receivedBytes,
          totalBytes: p.totalBytes,
        };
        this.events.emit('models:downloadProgress', event);
      },
    });
    if (!this.#open && modelId === this.#settings.current.modelId) await this.#openLibrary();
    return this.#state();
  }

  #state(): LibraryState {
    const modelId = this.#settings.current.modelId;
    if (!this.#open) return { state: 'needs-model', dir: this.#options.libraryDir, modelId };
    const { library } = this.#open;
    return {
      state: 'open',
      dir: library.dir,
      modelId: library.model.id,
      photoCount: library.catalog.photoCount,
      photosRevision: library.catalog.photosRevision,
      roots: library.catalog.roots().map(rootView),
      switchingModel: library.switchingModel,
    };
  }

  #requireOpen(): OpenLibrary {
    if (this.#closed) throw new ClipfolioError('CANCELLED', 'The app is shutting down.');
    if (!this.#open) {
      throw new ClipfolioError(
        'MODEL_MISSING',
        `The library opens once the model ${this.#settings.current.modelId} is installed; download it first.`,
      );
    }
    return this.#open;
  }

  /** The search context over the library's current search vectors and their own text model. */
  async #search(): Promise<SearchContext> {
    const open = this.#requireOpen();
    const over = open.library.searchVectors;
    if (open.search?.over === over) return open.search.ctx;
    await open.search?.ctx.matrix.release();
    // A folder given explicitly (modelDir) is the model being indexed with, never the previous one.
    const where: ModelLocations = { ...this.#options, modelDir: undefined };
    const { vectors, model } = await resolveServingModel(open.library, open.model, (id) => findInstalledModel(id, where));
    const ctx: SearchContext = {
      catalog: open.library.catalog,
      matrix: new LibraryMatrix(vectors, this.#client),
      texts: new TextVectorCache(this.#client, model, this.#settings.current.provider),
      modelId: vectors.modelId,
    };
    open.search = { over, ctx };
    return ctx;
  }

  #library(): Library {
    return this.#requireOpen().library;
  }

  /** Runs an import; the UI hears of it when the import folder became a library folder. */
  async #importing(work: (catalog: Library['catalog']) => Promise<ImportResult>): Promise<ImportResult> {
    const catalog = this.#library().catalog;
    const roots = catalog.roots().length;
    try {
      return await work(catalog);
    } finally {
      if (catalog.roots().length !== roots) this.#libraryChanged();
    }
  }

  async #thumbnailCacheInfo(): Promise<{ dir: string; files: number; bytes: number }> {
    const cache = this.#library().thumbnails;
    return { dir: cache.dir, ...(await cache.size()) };
  }

  /** The category as the sidebar shows it after the re-tag its change asks for (its count). */
  async #retagged(category: CategoryRecord): Promise<CategoryInfo> {
    const ctx = await this.#search();
    await computeTags(ctx);
    this.#libraryChanged();
    return categoryView(findCategory(ctx.catalog, category.id));
  }

  #albumChanged(album: Parameters<typeof albumView>[0]): ReturnType<typeof albumView> {
    this.#libraryChanged();
    return albumView(album);
  }

  #libraryChanged(): void {
    this.events.emit('library:changed', this.#state());
  }
}

export function appLogFile(userDataDir: string): string {
  return join(userDataDir, 'logs', 'main.log');
}
