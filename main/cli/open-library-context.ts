// Runs in: the CLI process. What the tagging, search and album commands share: the library
// (same --library and model options as `index`), the worker, and the tag/search context
// over the vectors that serve searches, with text embedded by their own model (during a
// model switch, the previous one's, found in the user data folder); plus turning a PHOTO
// argument into a photo id.
import { resolve } from 'node:path';
import type { Catalog } from '../library/catalog';
import { LibraryMatrix } from '../search/library-matrix';
import { resolveServingModel } from '../search/serving-model';
import { defaultModelsDir, manifestsDir } from '../shared/app-paths';
import { findInstalledModel } from '../app/model-selection';
import { ClipfolioError } from '../shared/errors';
import { TextVectorCache } from '../tagging/text-vector-cache';
import type { TagContext } from '../tagging/tagger';
import type { CliIo } from './cli-io';
import { withEngineLibrary } from './open-library';

export function withLibraryContext<T>(
  values: { library?: string; model?: string; variant?: string; provider?: string },
  io: CliIo,
  use: (ctx: TagContext) => Promise<T>,
): Promise<T> {
  return withEngineLibrary(values, io, async (engine, library) => {
    const where = { modelsDir: defaultModelsDir(), manifestsDir: manifestsDir() };
    const { vectors, model } = await resolveServingModel(library, engine.model, (id) => findInstalledModel(id, where));
    return use({
      catalog: library.catalog,
      matrix: new LibraryMatrix(vectors, engine.client),
      texts: new TextVectorCache(engine.client, model, engine.provider),
      modelId: vectors.modelId,
    });
  });
}

/** A photo by catalog id or by file path. */
export function photoIdOf(catalog: Catalog, photo: string): string {
  const found = catalog.getPhoto(photo) ?? catalog.findByPath(resolve(photo));
  if (!found) throw new ClipfolioError('NOT_FOUND', `${photo} is not a photo in the library`);
  return found.id;
}
