// Runs in: main process and the bridge (plain Node). The backend behind the UI, shared by
// the Electron shell and `clipfolio serve`: it holds the library (library-hold.ts) from the
// start, so the catalog answers at once and commands typed in a terminal are handed to it
// (libraryAccess(), cli/library-handoff.ts); it opens the library's model side (vectors,
// indexer) in the background once the model is installed, implements every call of the API
// contract, emits its events (every catalog change, whoever made it, reaches the UI), and
// closes everything in order on quit (indexing cancelled, worker ended, library released).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlbumInfo, AppInfo, CategoryInfo, ExportSummary, HistoryReplay, LibraryState, ModelDownloadProgressEvent, ModelEvaluation } from '../shared/api-contract';
import { ClipfolioError } from '../shared/errors';
import type { Handlers } from '../ipc/dispatcher';
import { InferenceClient } from '../inference/inference-client';
import type { AlbumRecord, CategoryRecord } from '../library/catalog-schema';
import { Indexer } from '../library/indexer';
import { Library, libraryModelOf } from '../library/library';
import { LibraryHold } from '../library/library-hold';
import { ratePhotos, rotatePhotos, setFavourite } from '../library/photo-marks';
import { exportFiles } from '../library/photo-export';
import { redoWithFiles, trashPhotos, undoWithFiles, type FileReplay } from '../library/photo-trash';
import type { TrashOptions } from '../library/trash-bin';
import type { DesktopShell } from './desktop-shell';
import { getManifest, listManifests } from '../models/manifests';
import { ensureModel, findModelFolders } from '../models/model-store';
import type { ModelFolder } from '../models/model-folder';
import type { LibraryAccess, OpenWithModel } from '../cli/library-access';
import type { CliIo } from '../cli/cli-io';
import { serveHandoff, type HandoffServer } from '../cli/library-handoff';
import { AppEvents } from './app-events';
import { AppSettingsStore, checkImportDir } from './app-settings';
import { albumView, categoryView, folderModelView, hitView, modelView, photoTagView, photoView, rootView, starterView } from './contract-views';
import { IndexingControl } from './indexing-control';
import type { Logger } from './log-file';
import { findInstalledModel, type ModelLocations } from './model-selection';
import type { PhotoSource } from '../protocol/photo-source';
import { LibraryMatrix } from '../search/library-matrix';
import { albumPhotoIds, memberships, nearDuplicateGroups, searchPhotos, similarPhotos, type SearchContext } from '../search/photo-search';
import { resolveServingModel } from '../search/serving-model';
import { namedTerms } from '../search/name-matches';
import { TextVectorCache } from '../tagging/text-vector-cache';
import { addCategory, decideTag, enableStarterCategories, findCategory, removeCategory, updateCategory } from '../tagging/category-store';
import { STARTER_CATEGORIES } from '../tagging/starter-categories';
import { computeTags, tagsOfPhoto } from '../tagging/tagger';
import { addKeywords, keywordsOf, removeKeyword } from '../tagging/keyword-store';
import { lookAlikesToDecide } from '../tagging/look-alikes';
import { applyLearning, keepCategory, suggestLearning } from '../tagging/learning-suggestion';
import { writeLibrarySidecars } from '../interop/sidecar-entries';
import { addToAlbum, createManualAlbum, createSmartAlbum, deleteAlbum, findAlbum, listAlbums, moveAlbum, moveInAlbum, removeFromAlbum, renameAlbum } from '../albums/album-store';
import { previewCategory } from './category-preview';
import { evaluateModel, libraryEmbeddings, readLabelledFolder, type TemplateSet } from '../eval/zero-shot-eval';
import { PhotoImporter } from './photo-import';
import { ThumbnailRemaker } from './thumbnail-remake';
import { typedPath } from './typed-path';
import { sharpness } from '../imaging/sharpness';

export interface AppServiceOptions extends ModelLocations {
  userDataDir: string;
  libraryDir: string;
  version: string;
  shell: AppInfo['shell'];
  logger: Logger;
  /** Where photos dropped from outside the library are copied until the user picks a folder; <userDataDir>/Imported by default. */
  importDir?: string;
  /** How long to wait for another process (a CLI command) to let the library go (default 30 s). */
  holdTimeoutMs?: number;
  /** The desktop's file actions; absent in the browser bridge. */
  desktop?: DesktopShell;
}

interface OpenLibrary {
  library: Library;
  model: ModelFolder;
  indexing: IndexingControl;
  /**
   * Over the vectors that serve searches (`over`, the library's searchVectors it was resolved
   * for), with text embedded by their own model; replaced when a model switch completes.
   */
  search: { over: Library['searchVectors']; ctx: Promise<SearchContext> } | null;
}

const HOLD_RETRY_MS = 250;

export class AppService {
  readonly events = new AppEvents();
  readonly #options: AppServiceOptions;
  readonly #settings: AppSettingsStore;
  readonly #client: InferenceClient;
  readonly #hold: LibraryHold;
  /** Made anew when the import folder setting changes. */
  #importer: PhotoImporter;
  readonly #thumbnails: ThumbnailRemaker;
  /** The installed model the library is opened with; null until one is installed. */
  #model: ModelFolder | null = null;
  /** The model side, once opened; #opening while its vectors load in the background. */
  #open: OpenLibrary | null = null;
  #opening: Promise<OpenLibrary | null> = Promise.resolve(null);
  /** Serialises opening, downloading and closing, so two of them never race. */
  #lifecycle: Promise<unknown> = Promise.resolve();
  /** Moves with every catalog change other than photo records (categories, decisions, albums, keywords, history). */
  #changes = 0;
  #handoff: HandoffServer | null = null;
  /** The export in progress, to stop it. */
  #exporting: AbortController | null = null;
  #closed = false;

  private constructor(options: AppServiceOptions, settings: AppSettingsStore, hold: LibraryHold) {
    this.#options = options;
    this.#settings = settings;
    this.#hold = hold;
    this.#client = InferenceClient.start();
    this.#importer = new PhotoImporter(settings.current.importDir);
    this.#thumbnails = new ThumbnailRemaker(this.#client);
    hold.catalog.prepareForEdits();
    hold.catalog.onChange((kinds) => {
      if ([...kinds].some((k) => k !== 'photos')) this.#changes += 1;
      this.#libraryChanged();
    });
  }

  /**
   * Holds the library (waiting a while for a command that holds it to finish), starts the
   * inference worker and begins opening the model side if the model is installed.
   */
  static async open(options: AppServiceOptions): Promise<AppService> {
    const settings = await AppSettingsStore.open(options.userDataDir, options.importDir ?? join(options.userDataDir, 'Imported'), (why) =>
      options.logger.log('warn', why),
    );
    const hold = await holdLibrary(options);
    const service = new AppService(options, settings, hold);
    if (hold.storageWarning) options.logger.log('warn', hold.storageWarning);
    try {
      await service.#serialised(() => service.#findModel());
    } catch (err) {
      await service.close();
      throw err;
    }
    return service;
  }

  /** The held library as the CLI's commands see it, for the ones handed to the app. */
  libraryAccess(): LibraryAccess {
    const hold = this.#hold;
    return {
      dir: hold.dir,
      catalog: hold.catalog,
      storageWarning: hold.storageWarning,
      get servingModel() {
        return hold.manifest.data.servingModel;
      },
      // A command handed over runs on the app's own model whatever --model it names: the
      // library is indexed and searched with that one while the app runs.
      withModel: async (_values, _io, use) => {
        const open = await this.#ready();
        const access: OpenWithModel = {
          library: open.library,
          engine: { model: open.model, client: this.#client, provider: this.#settings.current.provider },
          ctx: await this.#search(),
          index: (options) => open.indexing.run(options),
        };
        return use(access);
      },
    };
  }

  /**
   * Takes the commands typed in a terminal while the app holds the library: `run` runs each on
   * the app's own library (libraryAccess()), and the window sees what they change at once.
   */
  async takeCommands(run: (argv: string[], io: CliIo) => Promise<number>): Promise<void> {
    this.#handoff = await serveHandoff(this.#hold.lock, (argv, io) => run(argv, { ...io, library: this.libraryAccess() }));
  }

  /** Photos and thumbnails by catalog id, for the photo protocol. */
  readonly photos: PhotoSource = {
    thumbnailPath: (id) => {
      const open = this.#open;
      const photo = this.#hold.catalog.getPhoto(id);
      if (!open || !photo) return null;
      // Only an indexed photo had a thumbnail; one missing now was cleared, so it is made again.
      if (photo.status !== 'indexed') return open.library.thumbnails.pathFor(id);
      return open.library.thumbnails.ensure(id, () => this.#thumbnails.remake(open.model, photo.path));
    },
    original: (id) => {
      const photo = this.#hold.catalog.getPhoto(id);
      return photo ? { path: photo.path, format: photo.format } : null;
    },
  };

  handlers(): Handlers {
    const catalog = this.#hold.catalog;
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
        const roots = catalog.roots().map((r) => r.path);
        const settings = await this.#settings.update({ ...rest, importDir: await checkImportDir(typedPath(importDir), this.#options.libraryDir, roots) });
        if (settings.importDir !== this.#importer.dir) {
          this.#importer = new PhotoImporter(settings.importDir);
          this.#options.logger.log('info', `import folder is now ${settings.importDir}`);
        }
        return settings;
      },

      'models:list': async () => {
        const manifests = await listManifests(this.#options.manifestsDir);
        const installed = await findModelFolders(this.#options.modelsDir, manifests);
        const listed = manifests.map((m) => modelView(m, installed.find((i) => i.manifestId === m.id)));
        // The model in use is always in the list, also when it came from a folder no manifest names.
        const inUse = this.#model;
        return inUse && !listed.some((m) => m.id === inUse.id) ? [folderModelView(inUse), ...listed] : listed;
      },
      'models:download': (modelId, variant) => this.#serialised(() => this.#download(modelId, variant)),
      'models:providers': async () => {
        const report = await this.#client.providers();
        return { available: report.available, auto: report.auto };
      },

      'library:state': () => this.#state(),
      'library:addRoot': (folder) => rootView(catalog.addRoot(typedPath(folder))),
      'library:removeRoot': async (rootId) => {
        const root = catalog.roots().find((r) => r.id === rootId);
        if (!root) throw new ClipfolioError('NOT_FOUND', `There is no library folder with id ${rootId}.`);
        const { library } = await this.#ready();
        const removed = catalog.edit(`Remove the folder “${root.path}”`, () => catalog.removeRoot(rootId));
        // The files' vectors and thumbnails go with them; an undo brings the records back and indexing the rest.
        await library.forgetFiles(removed);
        return { removedPhotos: removed.length };
      },
      'library:listPhotos': ({ after, limit, rootId, status }) => {
        const page = catalog.listPhotos({ after, limit, rootId, status });
        return { total: page.total, photos: page.photos.map(photoView) };
      },
      'library:photoChanges': (since) => {
        const changes = catalog.photoChangesSince(since);
        return changes && { revision: changes.revision, photos: changes.photos.map(photoView), removed: changes.removed };
      },
      'library:getPhoto': (id) => {
        const photo = catalog.getPhoto(id);
        if (!photo) throw new ClipfolioError('NOT_FOUND', `There is no photo with id ${id}.`);
        return photoView(photo);
      },
      // The desktop shell answers this with its native dialog (main/electron); a browser has none.
      'library:pickFolders': () => null,
      'library:importPaths': (paths) => this.#importer.importPaths(catalog, paths),
      'library:thumbnailCache': () => this.#thumbnailCacheInfo(),
      'library:clearThumbnailCache': async () => {
        const removed = await (await this.#ready()).library.thumbnails.clear();
        this.#options.logger.log('info', `thumbnail cache cleared (${removed} files)`);
        return this.#thumbnailCacheInfo();
      },

      'photos:rate': (photoIds, rating) => ({ changed: ratePhotos(catalog, photoIds, rating) }),
      'photos:favourite': (photoIds, favourite) => ({ changed: setFavourite(catalog, photoIds, favourite) }),
      'photos:rotate': (photoIds, direction) => ({ changed: rotatePhotos(catalog, photoIds, direction) }),
      'photos:showInFolder': (photoId) => {
        this.#desktop('Showing a photo in its folder').showInFolder(this.#photoPath(photoId));
        return null;
      },
      'photos:open': async (photoId) => {
        const failure = await this.#desktop('Opening a photo in another app').openPath(this.#photoPath(photoId));
        if (failure) throw new ClipfolioError('INVALID_ARGUMENT', `The photo could not be opened: ${failure}`);
        return null;
      },
      'photos:trash': async (photoIds) => {
        const { library } = await this.#ready();
        const result = await trashPhotos(catalog, photoIds, this.#trashOptions());
        await library.forgetFiles(result.trashed);
        this.#options.logger.log('info', `moved ${result.trashed.length} photos to the trash, ${result.failed.length} could not be`);
        return { trashed: result.trashed.length, failed: result.failed };
      },
      'photos:sharpness': async (photoIds) =>
        Promise.all(
          photoIds.map(async (id) => {
            const path = await this.photos.thumbnailPath(id);
            return path ? sharpness(path).catch(() => null) : null;
          }),
        ),
      'photos:notDuplicates': (photoIds) => {
        for (const id of photoIds) this.#photoPath(id);
        catalog.edit(`Mark ${photoIds.length} photos as not duplicates`, () => catalog.markNotDuplicates(photoIds));
        return null;
      },
      'photos:export': (photoIds, dir) => this.#export(photoIds, typedPath(dir)),
      'photos:cancelExport': () => {
        this.#exporting?.abort();
        return null;
      },

      'history:undo': async () => this.#replayed(await undoWithFiles(catalog)),
      'history:redo': async () => this.#replayed(await redoWithFiles(catalog, this.#trashOptions())),

      'indexing:start': async (options) => (await this.#ready()).indexing.start(options?.folders?.map((f) => typedPath(f))),
      'indexing:retryFailed': async () => {
        const { indexing } = await this.#ready();
        // Pending again, a failed file is read anew by the next scan, which every folder gets (errors on folders too).
        const failed = catalog.idsWithStatus('failed');
        catalog.batch(() => {
          for (const id of failed) catalog.setStatus(id, 'pending');
        });
        return indexing.start();
      },
      'indexing:pause': async () => (await this.#ready()).indexing.pause(),
      'indexing:resume': async () => (await this.#ready()).indexing.resume(),
      'indexing:cancel': async () => (await this.#ready()).indexing.cancel(),
      'indexing:status': async () => (await this.#ready()).indexing.status(),

      // Counts come from the last re-tag, so one runs first: after a correction or a change of the
      // library the sidebar shows today's numbers. It is memoised (tagger.ts), so a list with
      // nothing changed costs no product. Until the vectors are loaded the stored counts answer,
      // and the re-tag's own writes tell the UI when they move.
      'categories:list': async () => {
        if (this.#open) await computeTags(await this.#search());
        else void this.#opening.then((open) => open && this.#search().then(computeTags)).catch(() => undefined);
        return catalog.table('categories').map(categoryView);
      },
      'categories:add': ({ parentId, ...input }) => categoryView(addCategory(catalog, { ...input, parent: parentId })),
      'categories:update': (categoryId, { parentId, ...patch }) => {
        findCategory(catalog, categoryId);
        return categoryView(updateCategory(catalog, categoryId, { ...patch, parent: parentId }));
      },
      'categories:remove': (categoryId) => {
        removeCategory(catalog, findCategory(catalog, categoryId).id);
        return null;
      },
      'categories:preview': async (draft, options) => previewCategory(await this.#search(), draft, options),
      'categories:suggestion': async (categoryId) => suggestLearning(await this.#search(), findCategory(catalog, categoryId).id),
      'categories:learn': async (categoryId, key) => this.#retagged(await applyLearning(await this.#search(), findCategory(catalog, categoryId).id, key)),
      'categories:keep': async (categoryId, key) => this.#retagged(await keepCategory(await this.#search(), findCategory(catalog, categoryId).id, key)),
      'categories:starters': () => {
        const names = new Set(catalog.table('categories').map((c) => c.name.toLowerCase()));
        return STARTER_CATEGORIES.map((s) => starterView(s, names.has(s.name.toLowerCase())));
      },
      'categories:enableStarters': (names) => {
        const unknown = names?.find((n) => !STARTER_CATEGORIES.some((s) => s.name === n));
        if (unknown !== undefined) throw new ClipfolioError('NOT_FOUND', `There is no starter category named ${JSON.stringify(unknown)}.`);
        return enableStarterCategories(catalog, names).map(categoryView);
      },
      'tags:decide': (photoIds, categoryId, decision) => {
        const category = findCategory(catalog, categoryId);
        decideTag(catalog, photoIds, category.id, decision);
        return { changed: new Set(photoIds).size };
      },
      'tags:lookAlikes': async (photoIds, categoryId, decision) => lookAlikesToDecide(await this.#search(), photoIds, findCategory(catalog, categoryId).id, decision),
      'tags:ofPhoto': async (photoId) => {
        if (!catalog.getPhoto(photoId)) throw new ClipfolioError('NOT_FOUND', `There is no photo with id ${photoId}.`);
        const ctx = await this.#search();
        return tagsOfPhoto(await computeTags(ctx), photoId, keywordsOf(catalog, photoId)).map(photoTagView);
      },
      'tags:exportXmp': async () => {
        const ctx = await this.#search();
        const result = await writeLibrarySidecars(catalog, await computeTags(ctx));
        this.#options.logger.log('info', `XMP export: ${result.written.length} written, ${result.skipped.length} left alone`);
        return { written: result.written.length, skipped: result.skipped };
      },
      'tags:addKeywords': (photoIds, keywords) => {
        addKeywords(catalog, photoIds, keywords);
        return null;
      },
      'tags:removeKeyword': (photoId, keyword) => {
        removeKeyword(catalog, photoId, keyword);
        return null;
      },

      'albums:list': () => this.#albumViews(listAlbums(catalog)),
      'albums:createManual': (name, photoIds) => this.#albumView(createManualAlbum(catalog, name, photoIds)),
      'albums:createSmart': (name, query) => this.#albumView(createSmartAlbum(catalog, name, query)),
      'albums:addPhotos': (albumId, photoIds) => this.#albumView(addToAlbum(catalog, findAlbum(catalog, albumId).id, photoIds)),
      'albums:removePhotos': (albumId, photoIds) => this.#albumView(removeFromAlbum(catalog, findAlbum(catalog, albumId).id, photoIds)),
      'albums:delete': (albumId) => {
        deleteAlbum(catalog, findAlbum(catalog, albumId).id);
        return null;
      },
      'albums:photos': async (albumId) => albumPhotoIds(await this.#search(), findAlbum(catalog, albumId)),
      'albums:movePhotos': (albumId, photoIds, index) => this.#albumView(moveInAlbum(catalog, findAlbum(catalog, albumId).id, photoIds, index)),
      'albums:rename': (albumId, name) => this.#albumView(renameAlbum(catalog, findAlbum(catalog, albumId).id, name)),
      'albums:move': (albumId, index) => this.#albumViews(moveAlbum(catalog, findAlbum(catalog, albumId).id, index)),

      'eval:run': async (folder, templates) => this.#compareModels(typedPath(folder), templates ?? 'category'),

      'search:photos': async (query, options) => (await searchPhotos(await this.#search(), query, options)).map(hitView),
      'search:terms': (text) => namedTerms({ catalog }, text).slice(0, 12),
      'search:similar': async (photoId, options) => (await similarPhotos(await this.#search(), photoId, {}, options)).map(hitView),
      'search:memberships': async () => {
        const found = await memberships(await this.#search());
        return {
          keywords: [...found.keywords].map(([name, photoIds]) => ({ name, photoIds })),
          categories: [...found.categories].map(([id, photoIds]) => ({ id, photoIds })),
          albums: [...found.albums].map(([id, photoIds]) => ({ id, photoIds })),
        };
      },
      'search:duplicates': async (options) =>
        (await nearDuplicateGroups(await this.#search(), options?.minScore)).map((group) => group.map(hitView)),
    };
  }

  /** Cancels indexing, ends the worker, closes the library and lets it go. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return this.#lifecycle.then(() => undefined);
    this.#closed = true;
    // Commands handed over finish first: they use the library being closed.
    await this.#handoff?.close();
    await this.#serialised(async () => {
      const open = this.#open;
      this.#open = null;
      if (open) {
        await open.indexing.cancel();
        await (await open.search?.ctx.catch(() => null))?.matrix.release();
        await open.library.close();
      }
      await this.#client.close();
      this.#hold.release();
    });
  }

  #serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#lifecycle.then(work);
    this.#lifecycle = next.catch(() => undefined);
    return next;
  }

  /**
   * Looks for the installed model and, when there is one, starts opening the library's model
   * side without waiting: the catalog already answers, and a 1,000,000-photo library's
   * vectors take a few seconds to read.
   */
  async #findModel(): Promise<void> {
    const model = await findInstalledModel(this.#settings.current.modelId, this.#options);
    if (!model) {
      this.#options.logger.log('info', `model ${this.#settings.current.modelId} is not installed; the library waits for it`);
      return;
    }
    this.#model = model;
    const opening = this.#openLibrary(model);
    this.#opening = opening;
    // A failure is told to whoever waits for the library; the UI hears of it through them.
    opening.catch((err: unknown) => this.#options.logger.log('error', 'opening the library failed', err));
  }

  /** Opens the vectors, thumbnails and indexer for `model`. */
  async #openLibrary(model: ModelFolder): Promise<OpenLibrary> {
    const library = await Library.open(this.#hold, await libraryModelOf(model, this.#client));
    const indexer = new Indexer(library, this.#client, model, { provider: this.#settings.current.provider });
    const indexing = new IndexingControl(
      indexer,
      (status) => this.events.emit('indexing:progress', status),
      () => this.#libraryChanged(),
    );
    this.#open = { library, model, indexing, search: null };
    this.#options.logger.log('info', `library ${library.dir} open with model ${model.id} (${library.catalog.photoCount} photos)`);
    this.#libraryChanged();
    return this.#open;
  }

  /** The model side, waiting while it opens; MODEL_MISSING until the model is installed. */
  async #ready(): Promise<OpenLibrary> {
    if (this.#closed) throw new ClipfolioError('CANCELLED', 'The app is shutting down.');
    const open = this.#open ?? (await this.#opening);
    if (!open) {
      throw new ClipfolioError(
        'MODEL_MISSING',
        `The library opens once the model ${this.#settings.current.modelId} is installed; download it first.`,
      );
    }
    return open;
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
    if (!this.#model && modelId === this.#settings.current.modelId) await this.#findModel();
    await this.#opening;
    return this.#state();
  }

  #state(): LibraryState {
    const modelId = this.#settings.current.modelId;
    const catalog = this.#hold.catalog;
    if (!this.#model) return { state: 'needs-model', dir: this.#hold.dir, modelId };
    const history = catalog.history();
    return {
      state: 'open',
      dir: this.#hold.dir,
      modelId: this.#model.id,
      photoCount: catalog.photoCount,
      photosRevision: catalog.photosRevision,
      changes: this.#changes,
      roots: catalog.roots().map(rootView),
      switchingModel: this.#open?.library.switchingModel ?? false,
      loading: this.#open === null,
      warning: this.#hold.storageWarning,
      undo: history.undo?.label ?? null,
      redo: history.redo?.label ?? null,
    };
  }

  /** The search context over the library's current search vectors and their own text model. */
  async #search(): Promise<SearchContext> {
    const open = await this.#ready();
    const over = open.library.searchVectors;
    if (open.search?.over !== over) {
      // Kept before anything is awaited, so callers at the same moment share one context: two
      // would each send the matrix to the worker under the same key and evict each other's,
      // every product then sending it whole again (2 GB re-read at a million photos).
      const search = { over, ctx: this.#searchContext(open, open.search?.ctx ?? null) };
      open.search = search;
      void search.ctx.catch(() => {
        if (open.search === search) open.search = null;
      });
    }
    return open.search.ctx;
  }

  async #searchContext(open: OpenLibrary, previous: Promise<SearchContext> | null): Promise<SearchContext> {
    await (await previous?.catch(() => null))?.matrix.release();
    // A folder given explicitly (modelDir) is the model being indexed with, never the previous one.
    const where: ModelLocations = { ...this.#options, modelDir: undefined };
    const { vectors, model } = await resolveServingModel(open.library, open.model, (id) => findInstalledModel(id, where));
    return {
      catalog: open.library.catalog,
      matrix: new LibraryMatrix(vectors, this.#client),
      texts: new TextVectorCache(this.#client, model, this.#settings.current.provider),
      modelId: vectors.modelId,
    };
  }

  /**
   * Settings > Model's comparison: the library's model and every other installed one, each
   * sorting the labelled folder (eval/zero-shot-eval.ts), progress told as eval:progress.
   * Photos in the library keep their embeddings.
   */
  async #compareModels(folder: string, templates: TemplateSet): Promise<ModelEvaluation[]> {
    const open = await this.#ready();
    const data = await readLabelledFolder(folder);
    const manifests = await listManifests(this.#options.manifestsDir);
    const installed = (await findModelFolders(this.#options.modelsDir, manifests)).filter((m) => m.state === 'complete' && m.id !== open.model.id);
    const where: ModelLocations = { ...this.#options, modelDir: undefined };
    const others = (await Promise.all(installed.map((m) => findInstalledModel(m.id, where)))).filter((m) => m !== null);
    const results: ModelEvaluation[] = [];
    for (const model of [open.model, ...others]) {
      const reuse = libraryEmbeddings(open.library, model.id);
      const onProgress = (done: number, total: number) => this.events.emit('eval:progress', { model: model.id, done, total });
      results.push(await evaluateModel({ client: this.#client, model, provider: this.#settings.current.provider, data, templates, reuse, onProgress }));
    }
    return results;
  }

  /**
   * After an undo or redo: photos it brought back wait for their vectors, and indexing starts
   * for them; photos it took away (a redone trash) lose theirs.
   */
  async #replayed({ replayed, leftOver }: FileReplay): Promise<HistoryReplay> {
    const open = this.#open;
    if (replayed && open) {
      const gone = replayed.photosChanged.filter((id) => !this.#hold.catalog.getPhoto(id));
      if (gone.length > 0) await open.library.forgetFiles(gone);
      if (replayed.photosBack.length > 0 && open.library.markUnembedded(replayed.photosBack) > 0) open.indexing.start();
    }
    return { label: replayed?.label ?? null, leftOver };
  }

  #desktop(doing: string): DesktopShell {
    if (!this.#options.desktop) throw new ClipfolioError('DESKTOP_ONLY', `${doing} works in the desktop app.`);
    return this.#options.desktop;
  }

  #photoPath(photoId: string): string {
    const photo = this.#hold.catalog.getPhoto(photoId);
    if (!photo) throw new ClipfolioError('NOT_FOUND', `There is no photo with id ${photoId}.`);
    return photo.path;
  }

  /** The desktop's trash where there is no freedesktop one; the command-line ways otherwise (trash-bin.ts). */
  #trashOptions(): TrashOptions {
    const desktop = this.#options.desktop;
    return desktop ? { platformTrash: (path) => desktop.trash(path) } : {};
  }

  /** One export at a time; photos:cancelExport stops it after the file being copied. */
  async #export(photoIds: readonly string[], dir: string): Promise<ExportSummary> {
    if (this.#exporting) throw new ClipfolioError('BUSY', 'Another export is still copying; wait for it or stop it first.');
    const controller = new AbortController();
    this.#exporting = controller;
    try {
      const files = photoIds.map((id) => this.#photoPath(id));
      const onProgress = ({ done, total }: { done: number; total: number }) => this.events.emit('export:progress', { done, total });
      const result = await exportFiles(files, dir, { signal: controller.signal, onProgress });
      this.#options.logger.log('info', `exported ${result.copied} photos to ${dir}${result.cancelled ? ' (stopped)' : ''}`);
      return { dir, copied: result.copied, renamed: result.renamed.length, failed: result.failed, cancelled: result.cancelled };
    } finally {
      this.#exporting = null;
    }
  }

  async #thumbnailCacheInfo(): Promise<{ dir: string; files: number; bytes: number }> {
    const cache = (await this.#ready()).library.thumbnails;
    return { dir: cache.dir, ...(await cache.size()) };
  }

  /** The category as the sidebar shows it after the re-tag its change asks for (its count). */
  async #retagged(category: CategoryRecord): Promise<CategoryInfo> {
    await computeTags(await this.#search());
    return categoryView(findCategory(this.#hold.catalog, category.id));
  }

  #albumView(album: AlbumRecord): AlbumInfo {
    return albumView(album, this.#hold.catalog.albumCounts());
  }

  #albumViews(albums: readonly AlbumRecord[]): AlbumInfo[] {
    const counts = this.#hold.catalog.albumCounts();
    return albums.map((a) => albumView(a, counts));
  }

  #libraryChanged(): void {
    this.events.emit('library:changed', this.#state());
  }
}

/** Holds the library, waiting up to holdTimeoutMs for a command that holds it to finish. */
async function holdLibrary(options: AppServiceOptions): Promise<LibraryHold> {
  const deadline = performance.now() + (options.holdTimeoutMs ?? 30_000);
  for (let told = false; ; told = true) {
    try {
      return await LibraryHold.acquire(options.libraryDir, { holder: 'the Clipfolio app' });
    } catch (err) {
      if (!(err instanceof ClipfolioError) || err.code !== 'BUSY' || performance.now() > deadline) throw err;
      if (!told) options.logger.log('info', `${err.message} Waiting for it to finish.`);
      await sleep(HOLD_RETRY_MS);
    }
  }
}

export function appLogFile(userDataDir: string): string {
  return join(userDataDir, 'logs', 'main.log');
}

