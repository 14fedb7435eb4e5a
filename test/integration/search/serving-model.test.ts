// Runs in: vitest (forked process). During a model switch a library still answers searches
// with the previous model's vectors; the text of queries and category prompts must then be
// embedded by that previous model too, not by the one being indexed with. Real worker, the
// known-answer models in their two layouts as two model ids.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceClient } from '../../../main/inference/inference-client';
import { Indexer } from '../../../main/library/indexer';
import { libraryModelOf, type Library } from '../../../main/library/library';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { searchPhotos } from '../../../main/search/photo-search';
import { resolveServingModel } from '../../../main/search/serving-model';
import { TextVectorCache } from '../../../main/tagging/text-vector-cache';
import { testModelDir } from '../../fixtures/test-models';
import { openTestLibrary } from '../../fixtures/test-library';

let tmp: string;
let client: InferenceClient;
let previous: ModelFolder;
let next: ModelFolder;
let library: Library;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-serving-'));
  const photos = path.join(tmp, 'photos');
  const libraryDir = path.join(tmp, 'library');
  await mkdir(photos);
  for (const [name, background] of [['red', { r: 255, g: 0, b: 0 }], ['green', { r: 0, g: 255, b: 0 }], ['grey', { r: 60, g: 60, b: 60 }]] as const) {
    await sharp({ create: { width: 64, height: 48, channels: 3, background } }).png().toFile(path.join(photos, `${name}.png`));
  }
  client = InferenceClient.start({ threads: 2 });
  previous = await loadModelFolder(testModelDir('transformers'));
  next = await loadModelFolder(testModelDir('immich'));
  const first = await openTestLibrary(libraryDir, await libraryModelOf(previous, client));
  first.catalog.addRoot(photos);
  await new Indexer(first, client, previous, { provider: 'cpu' }).run();
  await first.close();
  // Reopened with another model and not re-indexed yet: the switch is under way.
  library = await openTestLibrary(libraryDir, await libraryModelOf(next, client));
});

afterAll(async () => {
  await library.close();
  await client.close();
  await rm(tmp, { recursive: true, force: true });
});

it('embeds search text with the model whose vectors serve searches, not the one being indexed with', async () => {
  expect(library.switchingModel).toBe(true);
  const asked: string[] = [];
  const served = await resolveServingModel(library, next, (id) => (asked.push(id), Promise.resolve(id === previous.id ? previous : null)));
  expect(asked).toEqual([previous.id]);
  expect(served.vectors).toBe(library.searchVectors);
  expect(served.vectors.modelId).toBe(previous.id);
  expect(served.model.id).toBe(previous.id);

  const ctx = {
    catalog: library.catalog,
    matrix: new LibraryMatrix(served.vectors, client),
    texts: new TextVectorCache(client, served.model, 'cpu'),
    modelId: served.vectors.modelId,
  };
  const hits = await searchPhotos(ctx, { text: 'green' });
  expect(hits.map((h) => path.basename(h.path))).toEqual(['green.png']);
  await ctx.matrix.release();
});

it('searches the photos already re-indexed, with the new model, when the previous model is gone', async () => {
  const served = await resolveServingModel(library, next, () => Promise.resolve(null));
  expect(served.vectors).toBe(library.vectors);
  expect(served.vectors.modelId).toBe(next.id);
  expect(served.model).toBe(next);
});

it('uses the indexing model when no switch is under way', async () => {
  const libraryDir = path.join(tmp, 'fresh');
  const fresh = await openTestLibrary(libraryDir, await libraryModelOf(next, client));
  try {
    const served = await resolveServingModel(fresh, next, () => Promise.reject(new Error('no lookup expected')));
    expect(served).toEqual({ vectors: fresh.vectors, model: next });
  } finally {
    await fresh.close();
  }
});
