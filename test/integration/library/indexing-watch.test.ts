// Integration test: a watched library follows the disk. After the first pass, a photo added
// in a new subfolder and a photo deleted show up in the catalog, vectors and thumbnails
// without another explicit index run. The waits are liveness bounds, not speed checks.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceClient } from '../../../main/inference/inference-client';
import { openTestLibrary } from '../../fixtures/test-library';
import { Indexer } from '../../../main/library/indexer';
import { libraryModelOf } from '../../../main/library/library';
import { FolderWatcher } from '../../../main/library/watcher';
import { loadModelFolder } from '../../../main/models/model-folder';
import { testModelDir } from '../../fixtures/test-models';
import { writeNoisePhoto } from './indexing-photos';

const LIVENESS_MS = 20_000;

let tmp: string;
let client: InferenceClient;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-index-watch-'));
  client = InferenceClient.start({ threads: 2 });
});

afterAll(async () => {
  await client.close();
  await rm(tmp, { recursive: true, force: true });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + LIVENESS_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the library did not follow the change in time');
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

it('reflects added and deleted photos in a watched folder', { timeout: 60_000 }, async () => {
  const photos = path.join(tmp, 'photos');
  for (let i = 0; i < 3; i++) await writeNoisePhoto(path.join(photos, `p${i}.jpg`), i + 1);
  const model = await loadModelFolder(testModelDir('transformers'));
  // The library lives inside the watched folder: its own writes must not start passes.
  const library = await openTestLibrary(path.join(photos, 'library'), await libraryModelOf(model, client));
  library.catalog.addRoot(photos);
  const indexer = new Indexer(library, client, model, { provider: 'cpu' });
  expect((await indexer.run()).indexed).toBe(3);

  const passes: string[][] = [];
  const errors: string[] = [];
  const watcher = new FolderWatcher([photos], {
    debounceMs: 300,
    ignore: [library.dir],
    onChange: async (folders) => {
      passes.push(folders);
      await indexer.run({ folders });
    },
    onError: (message) => errors.push(message),
  });
  try {
    const added = path.join(photos, 'new folder', 'added.jpg');
    const deleted = path.join(photos, 'p1.jpg');
    const deletedId = library.catalog.findByPath(deleted)?.id ?? '';
    await writeNoisePhoto(added, 77);
    await rm(deleted);
    await until(() => library.catalog.findByPath(added)?.status === 'indexed' && !library.catalog.findByPath(deleted));
    const addedId = library.catalog.findByPath(added)?.id ?? '';
    expect(library.vectors.has(addedId)).toBe(true);
    expect(existsSync(library.thumbnails.pathFor(addedId))).toBe(true);
    expect(library.vectors.has(deletedId)).toBe(false);
    expect(existsSync(library.thumbnails.pathFor(deletedId))).toBe(false);
    await watcher.idle();
    expect(passes.flat().every((folder) => !folder.startsWith(library.dir))).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await watcher.close();
    await library.close();
  }
});
