// Integration test: the indexer over a real folder with the real inference worker, sharp
// and the generated test models. A first pass indexes everything; later passes touch only
// what changed on disk (added, modified, renamed, deleted, merely touched), a renamed photo
// keeps its id, a deleted one leaves catalog, vectors and thumbnails (so does one removed
// while it is being embedded), exact copies are recognised, and switching models re-embeds
// into the new model's vector file.
import { copyFile, mkdir, mkdtemp, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceClient } from '../../../main/inference/inference-client';
import { Indexer, type IndexSummary } from '../../../main/library/indexer';
import { METADATA_VERSION } from '../../../main/library/metadata';
import { libraryModelOf, type Library } from '../../../main/library/library';
import { vectorFileName } from '../../../main/library/vector-store';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import { testModelDir } from '../../fixtures/test-models';
import { writeNoisePhoto } from './indexing-photos';
import { openTestLibrary } from '../../fixtures/test-library';

const corpus = path.resolve(process.cwd(), '../shared/testdata/images');

let tmp: string;
let photos: string;
let libraryDir: string;
let client: InferenceClient;
let model: ModelFolder;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-indexing-'));
  photos = path.join(tmp, 'photos');
  libraryDir = path.join(tmp, 'library');
  for (let i = 0; i < 6; i++) await writeNoisePhoto(path.join(photos, `noise-${i}.jpg`), i + 1);
  await copyFile(path.join(corpus, 'exif/orientation-recurser/Portrait_6.jpg'), path.join(photos, 'portrait.jpg'));
  await copyFile(path.join(corpus, 'scenes/opencv/apple.jpg'), path.join(photos, 'apple.jpg'));
  await mkdir(path.join(photos, 'album'));
  await copyFile(path.join(corpus, 'scenes/opencv/apple.jpg'), path.join(photos, 'album', 'apple-copy.jpg'));
  await copyFile(path.join(corpus, 'bad/truncated/skimage__truncated.jpg'), path.join(photos, 'broken.jpg'));
  await writeFile(path.join(photos, 'notes.jpg'), 'not a photo\n');
  model = await loadModelFolder(testModelDir('transformers'));
  client = InferenceClient.start({ threads: 2 });
});

afterAll(async () => {
  await client.close();
  await rm(tmp, { recursive: true, force: true });
});

async function indexOnce(folder?: string, which: ModelFolder = model): Promise<{ summary: IndexSummary; library: Library }> {
  const library = await openTestLibrary(libraryDir, await libraryModelOf(which, client));
  if (folder && !library.catalog.rootFor(folder)) library.catalog.addRoot(folder);
  const summary = await new Indexer(library, client, which, { provider: 'cpu' }).run();
  return { summary, library };
}

function idOf(library: Library, file: string): string {
  const photo = library.catalog.findByPath(file);
  if (!photo) throw new Error(`${file} is not in the catalog`);
  return photo.id;
}

it('indexes a folder once, then only what changed on disk', async () => {
  const first = await indexOnce(photos);
  let library = first.library;
  expect(first.summary.indexed).toBe(9);
  expect(first.summary.duplicates).toBe(1);
  expect(first.summary.failed.map((f) => path.basename(f.path))).toEqual(['broken.jpg']);
  expect(first.summary.failed[0]?.reason).toMatch(/\w+/);
  expect(first.summary.skippedFiles.map((f) => f.path)).toEqual([path.join(photos, 'notes.jpg')]);
  expect(first.summary.skippedFiles[0]?.reason).toMatch(/not an image/);

  const portrait = library.catalog.findByPath(path.join(photos, 'portrait.jpg'));
  expect(portrait).toMatchObject({ status: 'indexed', width: 1200, height: 1800, orientation: 6, modelId: model.id });
  const copy = library.catalog.findByPath(path.join(photos, 'album', 'apple-copy.jpg'));
  expect(copy?.duplicateOf).toBe(idOf(library, path.join(photos, 'apple.jpg')));
  const notes = library.catalog.findByPath(path.join(photos, 'notes.jpg'));
  expect(notes).toMatchObject({ status: 'skipped' });
  for (const photo of library.catalog.photos()) {
    const indexed = photo.status === 'indexed';
    expect(library.vectors.has(photo.id)).toBe(indexed);
    expect(existsSync(library.thumbnails.pathFor(photo.id))).toBe(indexed);
  }
  expect(library.vectors.count).toBe(9);
  await library.close();

  const again = await indexOnce();
  expect(again.summary).toMatchObject({ indexed: 0, moved: 0, removed: 0, unchanged: 10 });
  library = again.library;
  const renamedId = idOf(library, path.join(photos, 'noise-1.jpg'));
  const deletedId = idOf(library, path.join(photos, 'noise-2.jpg'));
  const modifiedId = idOf(library, path.join(photos, 'noise-3.jpg'));
  const modifiedVector = library.vectors.get(modifiedId);
  await library.close();

  await rename(path.join(photos, 'noise-1.jpg'), path.join(photos, 'album', 'renamed.jpg'));
  await rm(path.join(photos, 'noise-2.jpg'));
  await writeNoisePhoto(path.join(photos, 'noise-3.jpg'), 333);
  await writeNoisePhoto(path.join(photos, 'album', 'added.jpg'), 444);
  const touched = path.join(photos, 'noise-4.jpg');
  const later = new Date((await stat(touched)).mtimeMs + 60_000);
  await utimes(touched, later, later);

  const changed = await indexOnce();
  library = changed.library;
  // Only the modified and the added file are decoded; the rename and the touch are not.
  expect(changed.summary).toMatchObject({ indexed: 2, moved: 1, removed: 1, unchanged: 7, failed: [] });
  expect(idOf(library, path.join(photos, 'album', 'renamed.jpg'))).toBe(renamedId);
  expect(library.vectors.has(renamedId)).toBe(true);
  expect(library.catalog.getPhoto(deletedId)).toBeUndefined();
  expect(library.vectors.has(deletedId)).toBe(false);
  expect(existsSync(library.thumbnails.pathFor(deletedId))).toBe(false);
  expect(idOf(library, path.join(photos, 'noise-3.jpg'))).toBe(modifiedId);
  expect(library.vectors.get(modifiedId)).not.toEqual(modifiedVector);
  expect(library.catalog.findByPath(touched)?.mtimeMs).toBe((await stat(touched)).mtimeMs);
  expect(library.vectors.count).toBe(9);
  await library.close();
});

it('brings the catalog and the vector file back into agreement after a crash between their writes', async () => {
  let { library } = await indexOnce(photos);
  const apple = idOf(library, path.join(photos, 'apple.jpg'));
  const stray = 'stray00000000000';
  await library.vectors.append(stray, new Float32Array(library.vectors.dim).fill(0.1));
  await library.vectors.remove(apple);
  await library.close();

  const next = await indexOnce();
  library = next.library;
  // The photo indexed without a vector is embedded again; the vector of no indexed photo goes.
  expect(next.summary.indexed).toBe(1);
  expect(library.vectors.has(apple)).toBe(true);
  expect(library.vectors.has(stray)).toBe(false);
  expect(library.vectors.count).toBe([...library.catalog.photos()].filter((p) => p.status === 'indexed').length);
  await library.close();
});

it('keeps no vector or thumbnail of a photo removed while it was being embedded', async () => {
  const folder = path.join(tmp, 'removed-meanwhile');
  for (let i = 0; i < 3; i++) await writeNoisePhoto(path.join(folder, `r${i}.jpg`), 2000 + i);
  const library = await openTestLibrary(path.join(tmp, 'library-removed-meanwhile'), await libraryModelOf(model, client));
  library.catalog.addRoot(folder);
  // The user removes the photos waiting to be embedded just as the first chunk goes to the worker.
  const removed: string[] = [];
  // The real client; only its embedImages (all the indexer calls) goes through this first.
  const removing = Object.create(client, {
    embedImages: {
      value: async (...args: Parameters<InferenceClient['embedImages']>) => {
        if (removed.length === 0) {
          removed.push(...[...library.catalog.photos()].filter((p) => p.status === 'pending').map((p) => p.id));
          await library.removePhotos(removed);
        }
        return client.embedImages(...args);
      },
    },
  }) as InferenceClient;
  await new Indexer(library, removing, model, { provider: 'cpu', chunkSize: 1, chunksInFlight: 1 }).run();
  expect(removed.length).toBeGreaterThan(0);
  for (const id of removed) {
    expect(library.catalog.getPhoto(id)).toBeUndefined();
    expect(library.vectors.has(id)).toBe(false);
    expect(existsSync(library.thumbnails.pathFor(id))).toBe(false);
  }
  expect(library.vectors.count).toBe([...library.catalog.photos()].filter((p) => p.status === 'indexed').length);
  await library.close();
});

it('re-embeds a library for a new model into its own vector file and retires the old one afterwards', async () => {
  const immich = await loadModelFolder(testModelDir('immich'));
  const library = await openTestLibrary(libraryDir, await libraryModelOf(immich, client));
  expect(library.switchingModel).toBe(true);
  expect(library.searchVectors.modelId).toBe(model.id);
  expect(library.searchVectors.count).toBe(9);
  const summary = await new Indexer(library, client, immich, { provider: 'cpu' }).run();
  expect(summary.indexed).toBe(9);
  expect(library.switchingModel).toBe(false);
  expect(library.searchVectors.modelId).toBe(immich.id);
  expect(existsSync(path.join(libraryDir, vectorFileName(model.id)))).toBe(false);
  for (const photo of library.catalog.photos()) {
    if (photo.status === 'indexed') expect(photo.modelId).toBe(immich.id);
  }
  await library.close();
});

it('pauses, resumes and cancels: a cancelled run keeps what finished and removes nothing', async () => {
  const folder = path.join(tmp, 'more');
  for (let i = 0; i < 24; i++) await writeNoisePhoto(path.join(folder, `m${i}.jpg`), 1000 + i);
  const library = await openTestLibrary(path.join(tmp, 'library-2'), await libraryModelOf(model, client));
  library.catalog.addRoot(folder);
  const indexer = new Indexer(library, client, model, { provider: 'cpu', chunkSize: 4, chunksInFlight: 1 });
  const controller = new AbortController();
  indexer.pause();
  let progressWhilePaused = 0;
  const running = indexer.run({
    signal: controller.signal,
    onProgress: (p) => {
      if (indexer.paused) progressWhilePaused += 1;
      if (p.done >= 4) controller.abort();
    },
  });
  await new Promise((wake) => setTimeout(wake, 200));
  expect(progressWhilePaused).toBe(0);
  indexer.resume();
  const cancelled = await running;
  expect(cancelled.cancelled).toBe(true);
  expect(cancelled.indexed).toBeGreaterThanOrEqual(4);
  expect(cancelled.indexed).toBeLessThan(24);
  expect(cancelled.removed).toBe(0);
  expect(library.vectors.count).toBe(cancelled.indexed);

  const rest = await indexer.run();
  expect(rest).toMatchObject({ cancelled: false, indexed: 24 - cancelled.indexed, unchanged: cancelled.indexed });
  expect(library.vectors.count).toBe(24);
  await library.close();
});

it('reads again the metadata of photos an older reader read, without embedding them again', async () => {
  const folder = path.join(tmp, 'older');
  await mkdir(folder, { recursive: true });
  await copyFile(path.join(corpus, 'exif/exif-samples/cameras/Nikon_D70.jpg'), path.join(folder, 'd70.jpg'));
  const library = await openTestLibrary(path.join(tmp, 'library-3'), await libraryModelOf(model, client));
  library.catalog.addRoot(folder);
  const indexer = new Indexer(library, client, model, { provider: 'cpu' });
  expect((await indexer.run()).indexed).toBe(1);
  const id = idOf(library, path.join(folder, 'd70.jpg'));
  // As a library indexed before the exposure was read: no exposure, an older reader's version.
  library.catalog.updatePhoto(id, { exposure: null, metadataVersion: 1, rating: 4 });
  const again = await indexer.run();
  expect(again).toMatchObject({ indexed: 0, unchanged: 1 });
  expect(library.catalog.getPhoto(id)).toMatchObject({ exposure: { time: 0.005, fNumber: 9, iso: 200, focalLength: 100 }, metadataVersion: METADATA_VERSION, rating: 4 });
  await library.close();
});
