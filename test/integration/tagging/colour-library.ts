// Runs in: vitest (forked process). A small library of solid-colour photos embedded by the
// real inference worker with the known-answer model (colour -> dims 0..2), in two folders
// with dates and cameras, shared by the tagging and search integration tests.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { InferenceClient } from '../../../main/inference/inference-client';
import { Catalog } from '../../../main/library/catalog';
import { VectorStore } from '../../../main/library/vector-store';
import { loadModelFolder } from '../../../main/models/model-folder';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { TextVectorCache } from '../../../main/tagging/text-vector-cache';
import type { TagContext } from '../../../main/tagging/tagger';
import { testModelDir } from '../../fixtures/test-models';

export const COLOUR_PHOTOS = {
  red1: [255, 0, 0],
  red2: [230, 20, 10],
  red3: [200, 10, 30],
  magenta1: [255, 0, 255],
  magenta2: [240, 10, 230],
  yellow: [255, 255, 0],
  green1: [0, 255, 0],
  green2: [20, 200, 30],
  blue1: [0, 0, 255],
  blue2: [10, 30, 220],
  // Dark enough that every channel is below CLIP's normalisation mean, so no colour word fits.
  grey1: [60, 60, 60],
  grey2: [55, 60, 65],
  grey3: [70, 65, 60],
} as const;
export type PhotoName = keyof typeof COLOUR_PHOTOS;

export interface ColourLibrary {
  dir: string;
  ctx: TagContext;
  client: InferenceClient;
  store: VectorStore;
  idOf: (name: PhotoName) => string;
  nameOf: (id: string) => PhotoName;
  close: () => Promise<void>;
}

export async function openColourLibrary(): Promise<ColourLibrary> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-colours-'));
  const photosDir = path.join(dir, 'photos');
  const model = await loadModelFolder(testModelDir('transformers'));
  const client = InferenceClient.start({ threads: 2 });
  await mkdir(path.join(dir, 'library'), { recursive: true });
  const catalog = Catalog.open(path.join(dir, 'library', 'catalog.sqlite'));
  const store = await VectorStore.open(path.join(dir, 'library', 'vectors.bin'), { modelId: model.id, dim: 512 });
  const root = catalog.addRoot(photosDir);
  const names = Object.keys(COLOUR_PHOTOS) as PhotoName[];
  const files = names.map((name, i) => path.join(photosDir, i % 2 === 0 ? 'even' : 'odd', `${name}.png`));
  await Promise.all([mkdir(path.join(photosDir, 'even'), { recursive: true }), mkdir(path.join(photosDir, 'odd'), { recursive: true })]);
  await Promise.all(
    names.map((name, i) => {
      const [r, g, b] = COLOUR_PHOTOS[name];
      return sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } }).png().toFile(files[i] ?? '');
    }),
  );
  const results = await client.embedImages(model, files.map((p) => ({ path: p })), { provider: 'cpu' });
  const ids = new Map<PhotoName, string>();
  for (const [i, name] of names.entries()) {
    const result = results[i];
    if (!result?.ok) throw new Error(`could not embed ${name}`);
    const photo = catalog.upsertPhoto({ path: files[i] ?? '', rootId: root.id, size: 1, mtimeMs: 0 });
    catalog.updatePhoto(photo.id, {
      status: 'indexed',
      // Photo i was taken on day i+1 of January 2024; even ones with a Canon, odd ones with a Nikon.
      takenAt: `2024-01-${String(i + 1).padStart(2, '0')}T12:00:00`,
      camera: i % 2 === 0 ? { make: 'Canon', model: 'EOS R5', lens: null } : { make: 'NIKON', model: 'Z 6', lens: null },
    });
    await store.append(photo.id, result.embedding);
    ids.set(name, photo.id);
  }
  const byId = new Map([...ids].map(([name, id]) => [id, name]));
  const ctx: TagContext = {
    catalog,
    matrix: new LibraryMatrix(store, client),
    texts: new TextVectorCache(client, model, 'cpu'),
    modelId: model.id,
  };
  return {
    dir,
    ctx,
    client,
    store,
    idOf: (name) => ids.get(name) ?? '',
    nameOf: (id) => byId.get(id) ?? ('?' as PhotoName),
    close: async () => {
      await client.close();
      await store.close();
      catalog.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
