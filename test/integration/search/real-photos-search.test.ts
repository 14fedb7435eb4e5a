// Runs in: vitest (forked process). Free-text search over real photos (the corpus's scenes,
// indexed as a user indexes them) with the known-answer model, where a third of the library
// is reddish: the query's scores then have no small upper tail to stand out of, so a cut
// from the score distribution alone kept nothing, while the "red" category tagged 19 photos.
// The calibrated part of the relevance cut finds what the category finds.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceClient } from '../../../main/inference/inference-client';
import { Indexer } from '../../../main/library/indexer';
import { libraryModelOf, type Library } from '../../../main/library/library';
import { loadModelFolder } from '../../../main/models/model-folder';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { searchPhotos, type SearchContext } from '../../../main/search/photo-search';
import { relevanceCut } from '../../../main/search/relevance-cut';
import { addCategory } from '../../../main/tagging/category-store';
import { computeTags, photosWithCategory } from '../../../main/tagging/tagger';
import { TextVectorCache } from '../../../main/tagging/text-vector-cache';
import { testModelDir } from '../../fixtures/test-models';
import { openTestLibrary } from '../../fixtures/test-library';

const scenes = path.resolve(__dirname, '../../../../shared/testdata/images/scenes');
let tmp: string;
let client: InferenceClient;
let library: Library;
let ctx: SearchContext;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-real-search-'));
  const model = await loadModelFolder(testModelDir('transformers'));
  client = InferenceClient.start({ threads: 2 });
  library = await openTestLibrary(tmp, await libraryModelOf(model, client));
  library.catalog.addRoot(scenes);
  await new Indexer(library, client, model, { provider: 'cpu' }).run();
  ctx = { catalog: library.catalog, matrix: new LibraryMatrix(library.vectors, client), texts: new TextVectorCache(client, model, 'cpu'), modelId: model.id };
}, 120_000);

afterAll(async () => {
  await client.close();
  await library.close();
  await rm(tmp, { recursive: true, force: true });
});

it('finds the photos the category of the same word tags, where the score distribution alone finds none', async () => {
  const [red] = await ctx.texts.embed(['red']);
  const { scores } = await ctx.matrix.score(red as Float32Array, 1);
  expect(Math.max(...scores)).toBeLessThan(relevanceCut(scores));

  const hits = await searchPhotos(ctx, { text: 'red' });
  const category = addCategory(ctx.catalog, { name: 'red' });
  const tagged = photosWithCategory(await computeTags(ctx), category.id);
  expect(tagged.size).toBeGreaterThan(5);
  expect(new Set(hits.map((h) => h.photoId))).toEqual(tagged);
  expect(hits.length).toBeLessThan(scores.length / 2);
});
