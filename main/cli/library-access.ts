// Runs in: the CLI process, and the app for the commands handed to it. What a library command
// works on: the library this process holds, its catalog at once and its model on demand. The
// CLI that holds a library opens the model once and shares it between its own command and
// the ones other terminals hand it (two indexers on one library must not run side by side);
// the app gives its own open library, model and indexing instead (app/app-library-access.ts),
// so a command typed while the app runs is the app's work and shows in its window.
import { resolve } from 'node:path';
import { findInstalledModel } from '../app/model-selection';
import type { Catalog } from '../library/catalog';
import { Indexer, type IndexRunOptions, type IndexSummary } from '../library/indexer';
import { Library, libraryModelOf } from '../library/library';
import type { LibraryHold } from '../library/library-hold';
import { LibraryMatrix } from '../search/library-matrix';
import { resolveServingModel } from '../search/serving-model';
import { defaultModelsDir, manifestsDir } from '../shared/app-paths';
import { ClipfolioError } from '../shared/errors';
import { TextVectorCache } from '../tagging/text-vector-cache';
import type { TagContext } from '../tagging/tagger';
import { pathFrom, type CliIo } from './cli-io';
import { openEngine, type Engine } from './open-engine';

export interface ModelValues {
  model?: string;
  variant?: string;
  provider?: string;
}

export interface OpenWithModel {
  library: Library;
  engine: Pick<Engine, 'model' | 'client' | 'provider'>;
  /** Tags and searches, over the vectors that serve searches with text embedded by their own model. */
  ctx: TagContext;
  /** Indexes folders, queued behind a run in progress (in the app, shown in its window too). */
  index: (options: IndexRunOptions) => Promise<IndexSummary>;
}

export interface LibraryAccess {
  readonly dir: string;
  readonly catalog: Catalog;
  /** Why the library's place is unsafe, to be said once; null when it is fine. */
  readonly storageWarning: string | null;
  /** The model whose vectors serve searches; null before the first photo is indexed. */
  readonly servingModel: { id: string; dim: number } | null;
  /** The library with its model open for `use`; the model options say which model where the holder has none open yet. */
  withModel<T>(values: ModelValues, io: CliIo, use: (open: OpenWithModel) => Promise<T>): Promise<T>;
}

/** A PHOTO argument (a catalog id, or a file path from where the command was typed) as a photo id. */
export function photoIdOf(io: CliIo, catalog: Catalog, photo: string): string {
  const found = catalog.getPhoto(photo) ?? catalog.findByPath(pathFrom(io, photo));
  if (!found) throw new ClipfolioError('NOT_FOUND', `${photo} is not a photo in the library`);
  return found.id;
}

interface SharedModel extends OpenWithModel {
  /** The --model folder it was opened from, if one was named. */
  modelDir: string | undefined;
  close(): Promise<void>;
}

/** The library a CLI process holds. */
export class HeldLibraryAccess implements LibraryAccess {
  readonly #hold: LibraryHold;
  #shared: Promise<SharedModel> | null = null;

  constructor(hold: LibraryHold) {
    this.#hold = hold;
  }

  get dir(): string {
    return this.#hold.dir;
  }

  get catalog(): Catalog {
    return this.#hold.catalog;
  }

  get storageWarning(): string | null {
    return this.#hold.storageWarning;
  }

  get servingModel(): { id: string; dim: number } | null {
    return this.#hold.manifest.data.servingModel;
  }

  async withModel<T>(values: ModelValues, io: CliIo, use: (open: OpenWithModel) => Promise<T>): Promise<T> {
    const wanted = values.model === undefined ? undefined : pathFrom(io, values.model);
    const opening = this.#shared ?? this.#openModel({ ...values, model: wanted }, io);
    this.#shared = opening;
    // A failed open is not kept: the next command tries again.
    const shared = await opening.catch((err: unknown) => {
      if (this.#shared === opening) this.#shared = null;
      throw err;
    });
    if (wanted !== undefined && shared.modelDir !== wanted) {
      throw new ClipfolioError('CONFLICT', `The library is already open with the model ${shared.engine.model.id} in this process; run the command again when it is done, or without --model.`);
    }
    return use(shared);
  }

  /** Closes the model (if one was opened); the hold itself stays with its owner. */
  async close(): Promise<void> {
    const shared = await this.#shared?.catch(() => null);
    this.#shared = null;
    await shared?.close();
  }

  async #openModel(values: ModelValues, io: CliIo): Promise<SharedModel> {
    const engine = await openEngine(values, io);
    try {
      const library = await Library.open(this.#hold, await libraryModelOf(engine.model, engine.client));
      const where = { modelsDir: defaultModelsDir(), manifestsDir: manifestsDir() };
      const { vectors, model } = await resolveServingModel(library, engine.model, (id) => findInstalledModel(id, where));
      const indexer = new Indexer(library, engine.client, engine.model, { provider: engine.provider });
      return {
        library,
        engine,
        modelDir: values.model === undefined ? undefined : resolve(values.model),
        ctx: {
          catalog: library.catalog,
          matrix: new LibraryMatrix(vectors, engine.client),
          texts: new TextVectorCache(engine.client, model, engine.provider),
          modelId: vectors.modelId,
        },
        index: (options) => indexer.run(options),
        close: async () => {
          await library.close();
          await engine.close();
        },
      };
    } catch (err) {
      await engine.close();
      throw err;
    }
  }
}
