// Runs in: main process (plain Node). One held library folder with the model it is indexed
// with: the catalog (from the hold, library-hold.ts), the vector store of that model, and the
// thumbnail cache, opened together. The indexer, search, tagging and the app shell all work
// through this object, so removing a photo always takes its vectors and thumbnail with it.
//
// Model switch: the manifest names the model whose vectors cover the library. Opening with
// another model indexes into that model's own vector file while the previous file keeps
// answering searches (searchVectors); completeModelSwitch() retires the old file once every
// indexed photo has a vector of the new model.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { InferenceClient } from '../inference/inference-client';
import type { ModelFolder } from '../models/model-folder';
import { ID_PAGE, type Catalog } from './catalog';
import type { LibraryHold } from './library-hold';
import { ThumbnailCache } from './thumbnail-cache';
import { idCheckpointPath } from './id-checkpoint';
import { VectorStore, vectorFileName } from './vector-store';

/** The identity of the embeddings a vector file holds. */
export interface LibraryModel {
  id: string;
  dim: number;
}

/** The embedding size of a model folder: from its config, else measured with one text embedding. */
export async function libraryModelOf(model: ModelFolder, client: InferenceClient): Promise<LibraryModel> {
  if (model.embeddingDim !== null) return { id: model.id, dim: model.embeddingDim };
  const [probe] = await client.embedTexts(model, ['a photo']);
  return { id: model.id, dim: probe?.embedding.length ?? 0 };
}

export class Library {
  readonly hold: LibraryHold;
  readonly model: LibraryModel;
  /** Vectors of `model`; the indexer writes here. */
  readonly vectors: VectorStore;
  readonly thumbnails: ThumbnailCache;
  #previous: VectorStore | null;

  private constructor(hold: LibraryHold, model: LibraryModel, vectors: VectorStore, thumbnails: ThumbnailCache, previous: VectorStore | null) {
    this.hold = hold;
    this.model = model;
    this.vectors = vectors;
    this.thumbnails = thumbnails;
    this.#previous = previous;
  }

  /** Opens the held library's vectors of `model` (and the serving model's, while switching) and thumbnails. */
  static async open(hold: LibraryHold, model: LibraryModel): Promise<Library> {
    const { dir, manifest, catalog } = hold;
    const [vectors, thumbnails] = await Promise.all([
      VectorStore.open(join(dir, vectorFileName(model.id)), { modelId: model.id, dim: model.dim }),
      ThumbnailCache.open(dir),
    ]);
    const serving = manifest.data.servingModel;
    let previous: VectorStore | null = null;
    if (serving && serving.id !== model.id && catalog.photoCount > 0) {
      previous = await VectorStore.open(join(dir, serving.vectors), { modelId: serving.id, dim: serving.dim });
    } else if (serving?.id !== model.id) {
      await manifest.setServingModel(model);
    }
    return new Library(hold, model, vectors, thumbnails, previous);
  }

  get dir(): string {
    return this.hold.dir;
  }

  get catalog(): Catalog {
    return this.hold.catalog;
  }

  /** The vectors that answer searches: the previous model's while a model switch is indexing. */
  get searchVectors(): VectorStore {
    return this.#previous ?? this.vectors;
  }

  /** True while photos indexed with an earlier model still wait for this model's vectors. */
  get switchingModel(): boolean {
    return this.#previous !== null;
  }

  /** Removes photos from the catalog (with their tags, keywords and album places), every vector file and the thumbnail cache. */
  async removePhotos(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.forgetFiles(ids);
    this.catalog.removePhotos(ids);
  }

  /** Drops the vectors and thumbnails of photos the catalog no longer has (or is about to lose). */
  async forgetFiles(ids: readonly string[]): Promise<void> {
    for (const store of [this.vectors, this.#previous]) {
      if (!store) continue;
      for (const id of ids) await store.remove(id);
    }
    await this.thumbnails.remove(ids);
  }

  /**
   * Photos the catalog says are indexed with this model but whose vector is not here (a crash
   * between the two, or photos brought back by an undo) wait to be embedded again; returns
   * how many, among these photos (an undo's, or those the indexer found without a vector).
   */
  markUnembedded(among: readonly string[]): number {
    const { catalog } = this;
    const indexedHere = (id: string) => {
      const photo = catalog.getPhoto(id);
      return photo?.status === 'indexed' && photo.modelId === this.model.id;
    };
    const missing = among.filter((id) => !this.vectors.has(id) && indexedHere(id));
    if (missing.length > 0) catalog.batch(() => missing.forEach((id) => catalog.updatePhoto(id, { status: 'pending' })));
    return missing.length;
  }

  /**
   * Makes `model` the serving model once every indexed photo has its vector, and deletes the
   * previous model's vector file. Returns whether the switch is (now) complete.
   */
  async completeModelSwitch(): Promise<boolean> {
    const previous = this.#previous;
    if (!previous) return true;
    if (this.catalog.countIndexedNotWith(this.model.id) > 0) return false;
    for (const page of this.catalog.pagesOfIdsIndexedWith(this.model.id, ID_PAGE)) {
      if (page.some((id) => !this.vectors.has(id))) return false;
      await nextTurn();
    }
    await this.vectors.sync();
    await this.hold.manifest.setServingModel(this.model);
    this.#previous = null;
    await previous.close();
    await rm(previous.path, { force: true });
    await rm(idCheckpointPath(previous.path), { force: true });
    return true;
  }

  /** Closes the vector files; the hold (catalog and lock) stays with whoever acquired it. */
  async close(): Promise<void> {
    await Promise.all([this.vectors.close(), this.#previous?.close()]);
  }
}
