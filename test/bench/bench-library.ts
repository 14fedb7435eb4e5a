// Runs in: the benchmark process. Large libraries to measure the catalog with: a first-format
// catalog.json of N indexed photos (with categories, decisions, keywords and albums) and a
// vector file of N random unit rows, both made once into .cache; each call copies the old
// catalog into a fresh library folder and migrates it, as a user's upgrade does, so every
// run measures the migration too.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LibraryHold } from '../../main/library/library-hold';
import { VectorStore, vectorFileName } from '../../main/library/vector-store';
import { v1PhotoId, writeV1Library } from '../fixtures/v1-catalog';
import { CACHE_DIR } from './bench-inputs';

export interface BenchLibrary {
  dir: string;
  photos: number;
  model: { id: string; dim: number };
  /** How long its migration from the first format took. */
  migrationSeconds: number;
}

/** Deterministic unit rows, so every run scores the same library. */
function unitRow(i: number, dim: number, out: Float32Array): Float32Array {
  let state = (i * 2654435761) >>> 0 || 1;
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[d] = (state >>> 0) / 2 ** 32 - 0.5;
    norm += (out[d] as number) ** 2;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < dim; d++) out[d] = (out[d] as number) * scale;
  return out;
}

async function ensureSources(photos: number, model: { id: string; dim: number }): Promise<{ catalog: string; vectors: string }> {
  const dir = path.join(CACHE_DIR, 'bench', `catalog-${photos}-${model.id}`);
  const catalog = path.join(dir, 'v1', 'catalog.json');
  const vectors = path.join(dir, vectorFileName(model.id));
  const marker = path.join(dir, 'complete');
  if (existsSync(marker)) return { catalog, vectors };
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(catalog), { recursive: true });
  await writeV1Library(path.dirname(catalog), photos, model);
  const store = await VectorStore.open(vectors, { modelId: model.id, dim: model.dim, batchRows: 4096 });
  const row = new Float32Array(model.dim);
  for (let i = 0; i < photos; i++) await store.append(v1PhotoId(i), unitRow(i, model.dim, row));
  await store.close();
  await writeFile(marker, `${photos}\n`);
  return { catalog, vectors };
}

/** A fresh library of `photos` photos in `.cache/bench/library-N`, migrated from the first format now. */
export async function benchLibrary(photos: number, model: { id: string; dim: number }): Promise<BenchLibrary> {
  const sources = await ensureSources(photos, model);
  const dir = path.join(CACHE_DIR, 'bench', `library-${photos}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await copyFile(sources.catalog, path.join(dir, 'catalog.json'));
  // A copy, not a link: indexing under load appends to the library's vector file.
  await copyFile(sources.vectors, path.join(dir, vectorFileName(model.id)));
  const started = performance.now();
  const hold = await LibraryHold.acquire(dir, { holder: 'the benchmark' });
  const migrationSeconds = (performance.now() - started) / 1000;
  hold.release();
  return { dir, photos, model, migrationSeconds };
}
