// Runs in: vitest (forked process). Drives the real inference worker thread (onnxruntime-node,
// sharp, the real CLIP tokenizer) against the generated known-answer models of both layouts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceClient, type ImageResult } from '../../../main/inference/inference-client';
import { providerLibraryInstalled } from '../../../main/inference/provider-libraries';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import { ClipfolioError } from '../../../main/shared/errors';
import { IMAGE_BIAS, TEST_MODEL_DIM, type TestModelLayout } from '../../fixtures/make-test-model';
import { testModelDir } from '../../fixtures/test-models';

const COLOURS = { red: [255, 0, 0], green: [0, 255, 0], blue: [0, 0, 255] } as const;
type Colour = keyof typeof COLOURS;
const COLOUR_NAMES = Object.keys(COLOURS) as Colour[];

const badImages = path.resolve(process.cwd(), '../shared/testdata/images/bad');
/** Files no decoder can make an image of: cut off after the header, or not the format they claim. */
const BROKEN_FILES = [
  'truncated/libgd__just_header.png',
  'empty/libgd__empty.jpeg',
  'corrupt/sharp__corrupt-header.jpg',
  'corrupt/libgd__bad_magic.gif',
].map((file) => path.join(badImages, file));

let tmp: string;
let client: InferenceClient;
/** Solid-colour photos, one JPEG and one PNG per colour. */
const photos: { colour: Colour; path: string }[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-inference-'));
  for (const colour of COLOUR_NAMES) {
    const [r, g, b] = COLOURS[colour];
    const image = sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g, b } } });
    for (const ext of ['jpg', 'png'] as const) {
      const file = path.join(tmp, `${colour}.${ext}`);
      await (ext === 'jpg' ? image.clone().jpeg({ quality: 95 }) : image.clone().png()).toFile(file);
      photos.push({ colour, path: file });
    }
  }
  client = InferenceClient.start({ threads: 2 });
});

afterAll(async () => {
  await client.close();
  await rm(tmp, { recursive: true, force: true });
});

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function embeddingOf(result: ImageResult | undefined): Float32Array {
  if (!result?.ok) throw new Error(`expected an embedding, got ${JSON.stringify(result)}`);
  return result.embedding;
}

/** What the known-answer image tower gives a solid colour, normalised. */
function expectedImageEmbedding(model: ModelFolder, rgb: readonly number[]): Float32Array {
  const expected = new Float32Array(TEST_MODEL_DIM);
  const { mean, std, rescale } = model.preprocess;
  for (let c = 0; c < 3; c++) expected[c] = ((rgb[c] ?? 0) * rescale - mean[c]!) / std[c]!;
  expected[3] = IMAGE_BIAS;
  const norm = Math.sqrt(dot(expected, expected));
  return expected.map((v) => v / norm);
}

const layouts: TestModelLayout[] = ['transformers', 'immich'];

describe.each(layouts)('the %s layout', (layout) => {
  let model: ModelFolder;
  beforeAll(async () => {
    model = await loadModelFolder(testModelDir(layout));
  });

  it('ranks the photo of each colour first for "a photo of something <colour>"', async () => {
    const images = (await client.embedImages(model, photos.map(({ path }) => ({ path })))).map(embeddingOf);
    const texts = await client.embedTexts(
      model,
      COLOUR_NAMES.map((colour) => `a photo of something ${colour}`),
    );
    for (const [i, colour] of COLOUR_NAMES.entries()) {
      const query = texts[i]!.embedding;
      const scores = images.map((image) => dot(query, image));
      const ranked = photos.map((p, j) => ({ colour: p.colour, score: scores[j]! })).sort((a, b) => b.score - a.score);
      expect(ranked.slice(0, 2).map((r) => r.colour)).toEqual([colour, colour]);
    }
  });

  it('returns unit-length embeddings of the model dimension', async () => {
    const [image] = await client.embedImages(model, [{ path: photos[0]!.path }]);
    const [text] = await client.embedTexts(model, ['a photo of something green']);
    for (const embedding of [embeddingOf(image), text!.embedding]) {
      expect(embedding).toHaveLength(TEST_MODEL_DIM);
      expect(Math.sqrt(dot(embedding, embedding))).toBeCloseTo(1, 5);
    }
  });

  it('feeds the graph RGB pixels normalised with the model mean and std', async () => {
    const pngs = photos.filter((p) => p.path.endsWith('.png'));
    const results = await client.embedImages(model, pngs.map(({ path }) => ({ path })));
    pngs.forEach(({ colour }, i) => {
      const actual = embeddingOf(results[i]);
      const expected = expectedImageEmbedding(model, COLOURS[colour]);
      expect(dot(actual, expected)).toBeCloseTo(1, 4);
    });
  });

  it('tokenises with the model tokenizer: start, words, end, no padding in the ids', async () => {
    const [text] = await client.embedTexts(model, ['  A photo of something   RED ']);
    expect(text!.ids[0]).toBe(49406);
    expect(text!.ids.at(-1)).toBe(49407);
    expect(text!.ids).toContain(736); // "red</w>"
    expect(text!.ids).toHaveLength(7);
    expect(text!.text).toBe('  A photo of something   RED ');
  });

  it('reports a per-file error for broken or missing files and still embeds the rest', async () => {
    const inputs = [
      { path: photos[0]!.path },
      ...BROKEN_FILES.map((file) => ({ path: file })),
      { path: path.join(tmp, 'missing.jpg') },
      { bytes: new TextEncoder().encode('this is not an image') },
      { bytes: new Uint8Array(await sharp(photos[3]!.path).toBuffer()) },
    ];
    const streamed: number[] = [];
    const results = await client.embedImages(model, inputs, { onResult: (index) => streamed.push(index) });
    expect(results).toHaveLength(inputs.length);
    expect(streamed.sort((a, b) => a - b)).toEqual(inputs.map((_, i) => i));
    expect(results[0]!.ok).toBe(true);
    expect(results.at(-1)!.ok).toBe(true);
    for (const result of results.slice(1, -1)) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(['DECODE_FAILED', 'UNSUPPORTED_FORMAT', 'NOT_FOUND']).toContain(result.error.code);
      expect(result.error.message).not.toBe('');
    }
    const missing = results[1 + BROKEN_FILES.length]!;
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('returns a thumbnail from the same decode when asked', async () => {
    const [result] = await client.embedImages(model, [{ path: photos[1]!.path }], { thumbnail: { maxSide: 64 } });
    if (!result?.ok || !result.thumbnail) throw new Error('expected a thumbnail');
    expect(Math.max(result.thumbnail.width, result.thumbnail.height)).toBeLessThanOrEqual(64);
    expect(result.thumbnail.data.byteLength).toBeGreaterThan(0);
    const meta = await sharp(result.thumbnail.data).metadata();
    expect([meta.width, meta.height]).toEqual([result.thumbnail.width, result.thumbnail.height]);
    expect([result.width, result.height, result.format]).toEqual([320, 240, 'png']);
  });
});

describe('batching and padding', () => {
  it('batches where the graph allows it (Transformers.js) and runs one at a time where it does not (Immich)', async () => {
    const transformers = await loadModelFolder(testModelDir('transformers'));
    const immich = await loadModelFolder(testModelDir('immich'));
    const inputs = photos.map(({ path }) => ({ path }));
    const viaBatches = await client.embedImages(transformers, inputs, { batchSize: 4 });
    const oneByOne = await client.embedImages(immich, inputs, { batchSize: 4 });

    const { sessions } = await client.providers();
    const vision = (id: string) => sessions.find((s) => s.modelId === id && s.tower === 'vision');
    expect(vision('transformers')).toMatchObject({ fixedBatch: null, input: { name: 'pixel_values' } });
    expect(vision('immich')).toMatchObject({ fixedBatch: 1, input: { name: 'image' }, output: 'embedding' });
    const transformersRuns = vision('transformers')!;
    const immichRuns = vision('immich')!;
    expect(transformersRuns.runs).toBeLessThan(transformersRuns.items);
    expect(immichRuns.runs).toBe(immichRuns.items);
    // Same pixels, same tower: the two layouts agree once normalised.
    viaBatches.forEach((result, i) => {
      expect(dot(embeddingOf(result), embeddingOf(oneByOne[i]))).toBeCloseTo(1, 5);
    });
  });

  it('gives the same embedding padded to the longest prompt, to its own length, and to 77', async () => {
    const transformers = await loadModelFolder(testModelDir('transformers'));
    const immich = await loadModelFolder(testModelDir('immich'));
    const long = 'a very long and detailed description of a photograph of something that is mostly red in colour';
    const [alone] = await client.embedTexts(transformers, ['red']);
    const [, batched] = await client.embedTexts(transformers, [long, 'red']);
    const [to77] = await client.embedTexts(immich, ['red']);
    expect(dot(alone!.embedding, batched!.embedding)).toBeCloseTo(1, 6);
    expect(dot(alone!.embedding, to77!.embedding)).toBeCloseTo(1, 6);

    const { sessions } = await client.providers();
    const text = (id: string) => sessions.find((s) => s.modelId === id && s.tower === 'text');
    expect(text('transformers')!.input).toEqual({
      name: 'input_ids',
      type: 'int64',
      shape: ['batch_size', 'sequence_length'],
    });
    expect(text('immich')!.input).toEqual({ name: 'text', type: 'int32', shape: [1, 77] });
  });
});

describe('worker lifecycle', () => {
  it('rejects requests in flight with WORKER_CRASHED when the worker dies, and the next request works', async () => {
    const model = await loadModelFolder(testModelDir('transformers'));
    const inputs = Array.from({ length: 24 }, (_, i) => ({ path: photos[i % photos.length]!.path }));
    const inFlight = [client.embedImages(model, inputs), client.embedTexts(model, ['a photo of something blue'])].map(
      (request) => request.catch((err: unknown) => err),
    );
    await client.kill();
    for (const error of await Promise.all(inFlight)) {
      expect(error).toBeInstanceOf(ClipfolioError);
      expect((error as ClipfolioError).code).toBe('WORKER_CRASHED');
    }
    const [text] = await client.embedTexts(model, ['a photo of something blue']);
    expect(text!.embedding).toHaveLength(TEST_MODEL_DIM);
  });

  it('closes while requests run by letting the worker finish its current run and exit by itself: they reject with CANCELLED', async () => {
    // Terminating the worker during an onnxruntime run can abort the whole process, so close drains instead.
    const closing = InferenceClient.start({ threads: 1 });
    const model = await loadModelFolder(testModelDir('transformers'));
    const inputs = Array.from({ length: 48 }, (_, i) => ({ path: photos[i % photos.length]!.path }));
    let progressed = 0;
    const images = closing.embedImages(model, inputs, { batchSize: 2, onResult: () => (progressed += 1) }).catch((err: unknown) => err);
    await expect.poll(() => progressed, { timeout: 30_000 }).toBeGreaterThan(0);
    await closing.close();
    const error = await images;
    expect(error).toBeInstanceOf(ClipfolioError);
    expect((error as ClipfolioError).code).toBe('CANCELLED');
    expect(progressed).toBeLessThan(inputs.length / 2);
    await expect(closing.embedTexts(model, ['red'])).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('rebuilds worker errors with their code', async () => {
    const model = await loadModelFolder(testModelDir('transformers'));
    const broken = { ...model, text: { path: path.join(tmp, 'no-such-model.onnx') } };
    const error: unknown = await client.embedTexts(broken, ['red']).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ClipfolioError);
    expect((error as ClipfolioError).code).toBe('MODEL_MISSING');
    expect((error as ClipfolioError).stack).toContain('inference.worker');
    const [text] = await client.embedTexts(model, ['red']);
    expect(text!.ids).toContain(736);
  });
});

describe('execution providers', () => {
  const cudaInstalled = providerLibraryInstalled('cuda', process.platform, process.arch);
  const cpuOnlyLinux = process.platform === 'linux' && process.arch === 'x64' && !cudaInstalled;

  it.runIf(cpuOnlyLinux)("'auto' falls back to CPU and says why, without trying a CUDA that is not installed", async () => {
    const model = await loadModelFolder(testModelDir('immich'));
    await client.embedTexts(model, ['blue'], { provider: 'auto' });
    const report = await client.providers();
    expect(report.available).toContain('cpu');
    expect(report.auto.chosen).toBe('cpu');
    expect(report.auto.reason).toMatch(/cuda is not installed.*setup:cuda/);
    const session = report.sessions.find((s) => s.modelId === 'immich' && s.provider.requested === 'auto');
    expect(session?.provider.chosen).toBe('cpu');
  });

  it.runIf(cpuOnlyLinux)("an explicit 'cuda' that cannot start is a clear error, not a silent CPU run", async () => {
    const model = await loadModelFolder(testModelDir('immich'));
    const error: unknown = await client.embedTexts(model, ['blue'], { provider: 'cuda' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ClipfolioError);
    expect((error as ClipfolioError).code).toBe('PROVIDER_UNAVAILABLE');
    expect((error as ClipfolioError).message).toMatch(/setup:cuda/);
  });

  it("refuses a provider this platform's onnxruntime-node does not have", async () => {
    const model = await loadModelFolder(testModelDir('immich'));
    const absent = process.platform === 'win32' ? 'coreml' : 'dml';
    const error: unknown = await client.embedTexts(model, ['blue'], { provider: absent }).catch((err: unknown) => err);
    expect((error as ClipfolioError).code).toBe('PROVIDER_UNAVAILABLE');
  });
});
