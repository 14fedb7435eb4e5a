// Runs in: the benchmark process. Tagging and search over the real inference worker:
// re-tagging 100,000 photos for 20 categories (one similarity product in the worker plus the
// calibration and decisions in JS, prompt embeddings already cached as in the app), and
// query latency end to end (encode the text, score every photo, relevance cut, rank with a
// filter) at 100,000 and 1,000,000 random unit vectors.
import { InferenceClient } from '../../../main/inference/inference-client';
import { loadModelFolder } from '../../../main/models/model-folder';
import { photoFilter } from '../../../main/search/photo-filters';
import { rankRow } from '../../../main/search/rank';
import { relevanceCut } from '../../../main/search/relevance-cut';
import { scoreCategories, type CategoryPlan } from '../../../main/tagging/category-scoring';
import type { PhotoRecord } from '../../../main/library/catalog-schema';
import { latencyStats, type BenchRow } from '../bench-report';

const DIM = 512;
const CATEGORIES = 20;
const BACKGROUND = 4;
const NEGATIVES = 4;
const ROUNDS = 15;
const QUERIES = ['a photo of a dog', 'receipts', 'sunset over the sea', 'my red bike', 'snow on the mountains'];

/** Deterministic unit rows, so every run scores the same library. */
function randomUnitRows(rows: number, seed: number): Float32Array {
  const data = new Float32Array(rows * DIM);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = (state >>> 0) / 2 ** 32 - 0.5;
  }
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * DIM, (r + 1) * DIM);
    const scale = 1 / Math.hypot(...row);
    for (let i = 0; i < DIM; i++) row[i] = (row[i] ?? 0) * scale;
  }
  return data;
}

async function retag(client: InferenceClient, rows: number): Promise<number[]> {
  const queries = randomUnitRows(CATEGORIES + NEGATIVES + BACKGROUND, 7);
  const count = CATEGORIES + NEGATIVES + BACKGROUND;
  const backgroundRows = Array.from({ length: BACKGROUND }, (_, i) => CATEGORIES + NEGATIVES + i);
  const plans: CategoryPlan[] = Array.from({ length: CATEGORIES }, (_, i) => ({
    row: i,
    // A quarter of the categories have a negative prompt, and a few corrections each.
    negativeRows: i % 4 === 0 ? [CATEGORIES + (i % NEGATIVES)] : [],
    threshold: null,
    accepted: [i * 10, i * 10 + 1],
    rejected: [i * 10 + 2],
  }));
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    const started = performance.now();
    const scores = await client.score('bench', rows, queries, count);
    scoreCategories({ scores, n: rows }, backgroundRows, plans);
    if (round >= 2) samples.push(performance.now() - started);
  }
  return samples;
}

async function queryLatency(client: InferenceClient, modelDir: string, rows: number): Promise<number[]> {
  const model = await loadModelFolder(modelDir);
  const photos: Pick<PhotoRecord, 'camera'>[] = Array.from({ length: rows }, (_, i) => ({
    camera: { make: i % 3 === 0 ? 'Canon' : 'NIKON', model: 'X', lens: null },
  }));
  const accept = photoFilter({ text: null, camera: 'canon' });
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    const text = QUERIES[round % QUERIES.length] ?? '';
    const started = performance.now();
    const [encoded] = await client.embedTexts(model, [text], { provider: 'cpu' });
    const scores = await client.score('bench', rows, encoded?.embedding ?? new Float32Array(DIM), 1);
    // Random vectors have no real matches, so rank the top 100 under the cut as a real query would.
    relevanceCut(scores);
    rankRow(scores, 0, rows, { minScore: Number.NEGATIVE_INFINITY, limit: 100, accept: (c) => accept(photos[c] as PhotoRecord) });
    if (round >= 2) samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchSearch(modelDir: string): Promise<BenchRow[]> {
  const client = InferenceClient.start();
  const rows: BenchRow[] = [];
  try {
    for (const size of [100_000, 1_000_000]) {
      // The version number doubles as the row count: each size is its own matrix version.
      await client.setMatrix('bench', size, randomUnitRows(size, size), size, DIM);
      if (size === 100_000) {
        const { p50, p95 } = latencyStats(await retag(client, size));
        rows.push({ section: 'search', metric: `re-tag 100k photos x ${CATEGORIES} categories p50`, value: p50, unit: 'ms', target: '<= 50 ms', pass: p50 <= 50, note: `p95 ${p95.toFixed(1)} ms` });
      }
      const { p50, p95 } = latencyStats(await queryLatency(client, modelDir, size));
      const target = size === 100_000 ? 30 : 150;
      rows.push({ section: 'search', metric: `query p50 at ${size.toLocaleString('en')} vectors`, value: p50, unit: 'ms', target: `<= ${target} ms`, pass: p50 <= target, note: `encode + rank + filter; p95 ${p95.toFixed(1)} ms` });
    }
  } finally {
    await client.close();
  }
  return rows;
}
