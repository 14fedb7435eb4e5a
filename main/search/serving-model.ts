// Runs in: the main process (app service and CLI). Which vectors answer searches and tagging,
// and which model folder embeds their text: always one and the same model. During a model
// switch the library still serves the previous model's vectors (library.ts) while indexing
// with the new one; text embedded by the new model would be compared with image vectors of
// the old one, whose embedding spaces have nothing in common.
import type { Library } from '../library/library';
import type { VectorStore } from '../library/vector-store';
import type { ModelFolder } from '../models/model-folder';

export interface ServingModel {
  vectors: VectorStore;
  /** Embeds query and prompt text for `vectors`. */
  model: ModelFolder;
}

/**
 * The serving vectors and their model. `findModel` looks the serving model's folder up by id;
 * when it is no longer installed, searches use the photos already re-indexed with the new
 * model rather than mismatched text.
 */
export async function resolveServingModel(
  library: Library,
  indexModel: ModelFolder,
  findModel: (modelId: string) => Promise<ModelFolder | null>,
): Promise<ServingModel> {
  const vectors = library.searchVectors;
  if (vectors.modelId === indexModel.id) return { vectors, model: indexModel };
  const previous = await findModel(vectors.modelId);
  return previous ? { vectors, model: previous } : { vectors: library.vectors, model: indexModel };
}
