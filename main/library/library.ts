// Runs in: main process (plain Node). One open library folder: the catalog, the vector
// store of the model being indexed with, and the thumbnail cache, opened together and
// closed together. The indexer, search, tagging and the app shell all work through this
// object, so removing a photo always takes its vectors and thumbnail with it.
//
// Model switch: the catalog setting 'model' names the model whose vectors cover the
// library. Opening with another model indexes into that model's own vector file while the
// previous file keeps answering searches (searchVectors); completeModelSwitch() retires the
// old file once every indexed photo has a vector of the new model.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { InferenceClient } from '../inference/inference-client';
import type { ModelFolder } from '../models/model-folder';
import { Catalog, type CatalogOptions } from './catalog';
import { ThumbnailCache } from './thumbnail-cache';
import { VectorStore, vectorFileName } from './vector-store';

/** The identity of the embeddings a vector file holds. */
export interface LibraryModel {
  id: string;
  dim: number;
}

export interface LibraryOpenOptions {
  libraryDir: string;
  model: LibraryModel;
  catalog?: CatalogOptions;
}

const MODEL_SETTING = 'model';

/** The model whose vectors serve the library, as recorded in its catalog; null before the first index. */
export function servingModel(catalog: Catalog): LibraryModel | null {
  const value = catalog.getSetting(MODEL_SETTING);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, dim } = value;
  return typeof id === 'string' && typeof dim === 'number' ? { id, dim } : null;
}

/** The embedding size of a model folder: from its config, else measured with one text embedding. */
export async function libraryModelOf(model: ModelFolder, client: InferenceClient): Promise<LibraryModel> {
  if (model.embeddingDim !== null) return { id: model.id, dim: model.embeddingDim };
  const [probe] = await client.embedTexts(model, ['a photo']);
  return { id: model.id, dim: probe?.embedding.length ?? 0 };
}

export class Library {
  readonly dir: string;
  readonly catalog: Catalog;
  readonly model: LibraryModel;
  /** Vectors of `model`; the indexer writes here. */
  readonly vectors: VectorStore;
  readonly thumbnails: ThumbnailCache;
  #previous: VectorStore | null;

  private constructor(
    dir: string,
    catalog: Catalog,
    model: LibraryModel,
    vectors: VectorStore,
    thumbnails: ThumbnailCache,
    previous: VectorStore | null,
  ) {
    this.dir = dir;
    this.catalog = catalog;
    this.model = model;
    this.vectors = vectors;
    this.thumbnails = thumbnails;
    this.#previous = previous;
  }

  static async open(options: LibraryOpenOptions): Promise<Library> {
    const { libraryDir, model } = options;
    // The catalog's JSON parse and the vector file's read are independent; together they
    // are most of the open time of a large library.
    const [catalog, vectors, thumbnails] = await Promise.all([
      Catalog.open(libraryDir, options.catalog),
      VectorStore.open(join(libraryDir, vectorFileName(model.id)), { modelId: model.id, dim: model.dim }),
      ThumbnailCache.open(libraryDir),
    ]);
    const serving = servingModel(catalog);
    let previous: VectorStore | null = null;
    if (serving && serving.id !== model.id && catalog.photoCount > 0) {
      previous = await VectorStore.open(join(libraryDir, vectorFileName(serving.id)), { modelId: serving.id, dim: serving.dim });
    } else if (serving?.id !== model.id) {
      catalog.setSetting(MODEL_SETTING, { id: model.id, dim: model.dim });
    }
    return new Library(libraryDir, catalog, model, vectors, thumbnails, previous);
  }

  /** The vectors that answer searches: the previous model's while a model switch is indexing. */
  get searchVectors(): VectorStore {
    return this.#previous ?? this.vectors;
  }

  /** True while photos indexed with an earlier model still wait for this model's vectors. */
  get switchingModel(): boolean {
    return this.#previous !== null;
  }

  /** Removes photos from the catalog, every vector file and the thumbnail cache. */
  async removePhotos(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const store of [this.vectors, this.#previous]) {
      if (!store) continue;
      for (const id of ids) await store.remove(id);
    }
    await this.thumbnails.remove(ids);
    this.catalog.removePhotos(ids);
    if (this.catalog.table('keywords').length > 0) {
      const gone = new Set(ids);
      this.catalog.updateTable('keywords', (rows) => rows.filter((row) => !gone.has(row.photoId)));
    }
  }

  /**
   * Makes `model` the serving model once every indexed photo has its vector, and deletes the
   * previous model's vector file. Returns whether the switch is (now) complete.
   */
  async completeModelSwitch(): Promise<boolean> {
    const previous = this.#previous;
    if (!previous) return true;
    for (const photo of this.catalog.photos()) {
      if (photo.status === 'indexed' && (photo.modelId !== this.model.id || !this.vectors.has(photo.id))) return false;
    }
    await this.vectors.sync();
    this.catalog.setSetting(MODEL_SETTING, { id: this.model.id, dim: this.model.dim });
    await this.catalog.flush();
    this.#previous = null;
    await previous.close();
    await rm(previous.path, { force: true });
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([this.vectors.close(), this.#previous?.close(), this.catalog.close()]);
  }
}
