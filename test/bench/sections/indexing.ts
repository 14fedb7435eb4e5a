// Runs in: the benchmark process. Library indexing end to end (scan, read, hash, metadata,
// embed, thumbnails, vectors, catalog) against the engine's own embed-image rate on the
// same files in the same run; and opening a 100,000-photo library (catalog + 512-d
// vectors): time and RSS, each measured in a child process that does nothing else.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InferenceClient } from '../../../main/inference/inference-client';
import { Indexer } from '../../../main/library/indexer';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import type { JpegSet } from '../bench-inputs';
import type { BenchRow } from '../bench-report';
import { openTestLibrary } from '../../fixtures/test-library';
import { benchLibrary } from '../bench-library';

const BATCH = 8;
/** Files the engine's reference rate is measured on. */
const ENGINE_SUBSET = 48;
const LARGE_PHOTOS = 100_000;
const LARGE_DIM = 512;
const LARGE_MODEL = { id: 'bench-100k', dim: LARGE_DIM };
const OPEN_RUNS = 3;

const section = 'indexing';

async function engineRate(client: InferenceClient, model: ModelFolder, files: string[]): Promise<number> {
  const started = performance.now();
  const results = await client.embedImages(model, files.map((p) => ({ path: p })), { provider: 'cpu', batchSize: BATCH, thumbnail: { maxSide: 320 } });
  if (results.some((r) => !r.ok)) throw new Error('bench images failed to embed');
  return files.length / ((performance.now() - started) / 1000);
}

/** Indexes `files` into a fresh library; returns images/s and the peak RSS seen. */
async function indexRate(client: InferenceClient, model: ModelFolder, files: string[]): Promise<{ rate: number; peakRssMB: number }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-bench-index-'));
  try {
    // A folder of links to exactly these files, whatever else the image cache holds.
    const photos = path.join(tmp, 'photos');
    await mkdir(photos);
    await Promise.all(files.map((file) => symlink(file, path.join(photos, path.basename(file)))));
    const library = await openTestLibrary(path.join(tmp, 'library'), { id: model.id, dim: model.embeddingDim ?? LARGE_DIM });
    library.catalog.addRoot(photos);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const summary = await new Indexer(library, client, model, { provider: 'cpu', batchSize: BATCH }).run();
    await library.close();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (summary.indexed !== files.length) throw new Error(`indexed ${summary.indexed} of ${files.length}: ${JSON.stringify(summary.failed)}`);
    return { rate: files.length / seconds, peakRssMB: peak / 1e6 };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A library of 100,000 indexed photos with realistic records and random unit vectors. */
async function ensureLargeLibrary(): Promise<string> {
  return (await benchLibrary(LARGE_PHOTOS, LARGE_MODEL)).dir;
}

function openInChild(dir: string, what: 'library' | 'catalog' | 'vectors'): { ms: number; rssMB: number } {
  const script = path.join(import.meta.dirname, 'open-library.child.ts');
  const runs = Array.from({ length: OPEN_RUNS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir, what, LARGE_MODEL.id, String(LARGE_DIM)], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; rssMB: number };
  });
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)] ?? { ms: Number.NaN, rssMB: Number.NaN };
}

export async function benchIndexing(modelDir: string, set: JpegSet): Promise<BenchRow[]> {
  const model = await loadModelFolder(modelDir);
  const client = InferenceClient.start();
  const rows: BenchRow[] = [];
  try {
    const subset = set.files.slice(0, ENGINE_SUBSET);
    await engineRate(client, model, subset.slice(0, BATCH));
    // Engine before and after the index run, so drift in machine load shows in neither alone.
    const before = await engineRate(client, model, subset);
    const index = await indexRate(client, model, set.files);
    const after = await engineRate(client, model, subset);
    const engine = (before + after) / 2;
    rows.push(
      { section, metric: `${set.name} embed-image (+thumbnail)`, value: engine, unit: 'img/s', note: `${subset.length} files, mean of before/after` },
      { section, metric: `${set.name} index end to end`, value: index.rate, unit: 'img/s', note: `${set.files.length} files` },
      { section, metric: `${set.name} index / embed-image`, value: index.rate / engine, unit: 'x', target: '>= 0.9', pass: index.rate / engine >= 0.9 },
      { section, metric: 'peak RSS while indexing', value: index.peakRssMB, unit: 'MB', note: 'whole bench process' },
    );
  } finally {
    await client.close();
  }

  const dir = await ensureLargeLibrary();
  const library = openInChild(dir, 'library');
  const catalog = openInChild(dir, 'catalog');
  const vectors = openInChild(dir, 'vectors');
  rows.push(
    { section, metric: '100k library open', value: library.ms / 1000, unit: 's', target: '<= 1', pass: library.ms <= 1000, note: `median of ${OPEN_RUNS}, child process` },
    { section, metric: '100k library open RSS', value: library.rssMB, unit: 'MB', target: '<= 600', pass: library.rssMB <= 600 },
    { section, metric: '100k catalog alone', value: catalog.ms / 1000, unit: 's', note: `${catalog.rssMB.toFixed(0)} MB RSS` },
    { section, metric: '100k vectors alone', value: vectors.ms / 1000, unit: 's', note: `${vectors.rssMB.toFixed(0)} MB RSS` },
  );
  return rows;
}
