// Runs in: the benchmark process. The CLIP engine: embed-image throughput of the real
// worker, against the bound set by its two stages each measured alone on the whole
// machine, against Transformers.js on the same files and model; and text query latency.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { InferenceClient } from '../../../main/inference/inference-client';
import { sessionOptions } from '../../../main/inference/session-options';
import { mapLimited } from '../../../main/inference/map-limited';
import { decodePhoto } from '../../../main/imaging/decode-photo';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import { latencyStats, median, type BenchRow } from '../bench-report';
import type { JpegSet } from '../bench-inputs';

const BATCH = 8;
const QUERIES = [
  'a photo of a dog',
  'receipts',
  'sunset over the sea',
  'my red bike',
  'a birthday cake with candles',
  'snow on the mountains',
  'a screenshot of a chat',
  'two people hiking in the forest',
];
const QUERY_ROUNDS = 8;
const ROUNDS = 3;

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}

/** Decode and preprocess alone, as many in flight as keep both cores busy. */
async function decodeRate(model: ModelFolder, files: string[]): Promise<number> {
  const { seconds } = await timed(() =>
    mapLimited(files, 4, async (file) => decodePhoto(await readFile(file), { preprocess: model.preprocess })),
  );
  return files.length / seconds;
}

/** The vision graph alone, same session options and batch as the worker, on ready tensors. */
async function inferenceRate(model: ModelFolder, images: number): Promise<number> {
  const session = await ort.InferenceSession.create(model.vision.path, sessionOptions('cpu', os.availableParallelism()));
  const crop = model.preprocess.cropSize;
  const pixels = new Float32Array(BATCH * 3 * crop * crop).map((_, i) => Math.sin(i) * 0.5);
  const feeds = { [session.inputNames[0] ?? 'pixel_values']: new ort.Tensor('float32', pixels, [BATCH, 3, crop, crop]) };
  await session.run(feeds);
  const runs = Math.ceil(images / BATCH);
  const { seconds } = await timed(async () => {
    for (let i = 0; i < runs; i++) await session.run(feeds);
  });
  await session.release();
  return (runs * BATCH) / seconds;
}

async function engineRate(client: InferenceClient, model: ModelFolder, files: string[]): Promise<number> {
  await client.embedImages(model, files.slice(0, BATCH).map((p) => ({ path: p })), { provider: 'cpu', batchSize: BATCH });
  const { result, seconds } = await timed(() =>
    client.embedImages(model, files.map((p) => ({ path: p })), { provider: 'cpu', batchSize: BATCH }),
  );
  const failed = result.filter((r) => !r.ok).length;
  if (failed > 0) throw new Error(`${failed} bench images failed to embed`);
  return files.length / seconds;
}

type Transformers = typeof import('@huggingface/transformers');

async function loadTransformers(modelDir: string): Promise<Transformers> {
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = path.dirname(modelDir);
  return transformers;
}

/** Transformers.js as its documentation shows it: read, process, run, one photo at a time. */
async function transformersImageRate(t: Transformers, modelDir: string, files: string[]): Promise<number> {
  const id = path.basename(modelDir);
  const processor = await t.AutoProcessor.from_pretrained(id);
  const model = await t.CLIPVisionModelWithProjection.from_pretrained(id, { dtype: 'fp32', device: 'cpu' });
  const embed = async (file: string) => {
    const image = await t.RawImage.read(file);
    const inputs = (await processor(image)) as Record<string, unknown>;
    await model(inputs);
  };
  await embed(files[0] ?? '');
  const { seconds } = await timed(async () => {
    for (const file of files) await embed(file);
  });
  await model.dispose();
  return files.length / seconds;
}

async function queryLatencies(run: (query: string) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(QUERIES[0] ?? '');
  const samples: number[] = [];
  for (let round = 0; round < QUERY_ROUNDS; round++) {
    for (const query of QUERIES) {
      const start = performance.now();
      await run(query);
      samples.push(performance.now() - start);
    }
  }
  return latencyStats(samples);
}

async function transformersQueryLatencies(t: Transformers, modelDir: string) {
  const id = path.basename(modelDir);
  const tokenizer = await t.AutoTokenizer.from_pretrained(id);
  const model = await t.CLIPTextModelWithProjection.from_pretrained(id, { dtype: 'fp32', device: 'cpu' });
  const stats = await queryLatencies(async (query) => {
    await model(tokenizer([query], { padding: true, truncation: true }));
  });
  await model.dispose();
  return stats;
}

export async function benchEngine(modelDir: string, sets: JpegSet[]): Promise<BenchRow[]> {
  const section = 'engine';
  const model = await loadModelFolder(modelDir);
  const rows: BenchRow[] = [];
  const transformers = await loadTransformers(modelDir);
  const client = InferenceClient.start();
  try {
    for (const set of sets) {
      // The three measurements are interleaved and repeated, and medians taken, so that a
      // passing load on the machine shifts all of them alike rather than one.
      const decodes: number[] = [];
      const inferences: number[] = [];
      const engines: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        decodes.push(await decodeRate(model, set.files));
        inferences.push(await inferenceRate(model, set.files.length));
        engines.push(await engineRate(client, model, set.files));
      }
      const [decode, inference, engine] = [median(decodes), median(inferences), median(engines)];
      const bound = 1 / (1 / decode + 1 / inference);
      const tjs = await transformersImageRate(transformers, modelDir, set.files);
      rows.push(
        { section, metric: `${set.name} decode+preprocess only`, value: decode, unit: 'img/s' },
        { section, metric: `${set.name} vision inference only`, value: inference, unit: 'img/s', note: `batch ${BATCH}` },
        { section, metric: `${set.name} stage bound`, value: bound, unit: 'img/s', note: '1/(1/decode + 1/inference)' },
        { section, metric: `${set.name} embed-image`, value: engine, unit: 'img/s', note: `${set.files.length} files, median of ${ROUNDS}` },
        { section, metric: `${set.name} embed-image / bound`, value: engine / bound, unit: 'x', target: '>= 0.95', pass: engine / bound >= 0.95 },
        { section, metric: `${set.name} Transformers.js`, value: tjs, unit: 'img/s' },
        {
          section,
          metric: `${set.name} embed-image / Transformers.js`,
          value: engine / tjs,
          unit: 'x',
          ...(set.name === '12MP' ? { target: '>= 4', pass: engine / tjs >= 4 } : {}),
        },
      );
    }
    const ours = await queryLatencies((query) => client.embedTexts(model, [query], { provider: 'cpu' }));
    const theirs = await transformersQueryLatencies(transformers, modelDir);
    rows.push(
      { section, metric: 'text query p50', value: ours.p50, unit: 'ms', target: '<= 15', pass: ours.p50 <= 15, note: 'tokenize + encode' },
      { section, metric: 'text query p95', value: ours.p95, unit: 'ms' },
      { section, metric: 'Transformers.js text query p50', value: theirs.p50, unit: 'ms' },
      { section, metric: 'Transformers.js text query p95', value: theirs.p95, unit: 'ms' },
    );
  } finally {
    await client.close();
  }
  return rows;
}
