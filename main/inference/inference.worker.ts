// Runs in: the inference worker thread (one per process, see DESIGN.md). The only module that
// imports onnxruntime-node: it owns the sessions and tokenises prompts. Photos are decoded by
// the decode worker beside it (decode.worker.ts says why) and arrive as transferred tensors;
// only file paths or encoded bytes come in from main, embeddings and thumbnails go out.
import { access } from 'node:fs/promises';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { ClipTokenizer } from '../clip/tokenizer';
import { ClipfolioError } from '../shared/errors';
import { createOnProvider, plannedAuto, type Backend } from './execution-providers';
import { readTowerIo, type TowerIo } from './graph-io';
import type {
  ConcreteProvider,
  ImageResult,
  InferenceControl,
  InferenceRequest,
  InferenceResponse,
  InferenceWorkerData,
  ModelTowers,
  Provider,
  SessionInfo,
  TextEmbedding,
  Tower,
} from './messages';
import { serializeError } from './messages';
import { sessionOptions } from './session-options';
import { providerLibraryInstalled } from './provider-libraries';
import { SimilarityEngine } from './similarity';
import { DecodeThread } from './decode-thread';
import { DEFAULT_DECODE_TIMEOUT_MS, type DecodedImage, type DecodeOutcome } from './decode-messages';
import { packTokenIds, paddedLength } from './token-batch';
import { unitRows } from './unit-rows';

const DEFAULT_IMAGE_BATCH = 8;
/** Batches of decodes kept asked for beyond the one being embedded. */
const DECODE_BATCHES_AHEAD = 3;

const port = parentPort;
if (!port) throw new Error('inference.worker.ts must run as a worker thread');

const data = workerData as InferenceWorkerData;
const threads = data.threads ?? os.availableParallelism();
const platform = { platform: process.platform, arch: process.arch };
const backends: Backend[] = ort.listSupportedBackends().map(({ name, bundled }) => ({
  name,
  bundled,
  installed: bundled || providerLibraryInstalled(name, platform.platform, platform.arch),
}));

interface TowerSession {
  session: ort.InferenceSession;
  io: TowerIo;
  info: SessionInfo;
}

const sessions = new Map<string, Promise<TowerSession>>();
const sessionInfos: SessionInfo[] = [];
const decodeThread = new DecodeThread(data.decodePort);
const tokenizers = new Map<string, Promise<ClipTokenizer>>();
let autoOutcome: { chosen: ConcreteProvider; reason: string } | null = null;
const similarity = new SimilarityEngine(threads);

/** Requests being handled, and whether the client is closing (see InferenceControl). */
let running = 0;
let draining = false;

port.on('message', (message: InferenceRequest | InferenceControl) => {
  if (message.type === 'drain') {
    draining = true;
    similarity.stop();
    exitIfDrained();
    return;
  }
  running += 1;
  void handle(message).finally(() => {
    running -= 1;
    exitIfDrained();
  });
});

function exitIfDrained(): void {
  if (draining && running === 0) process.exit(0);
}

/** Between two runs of a long request: a closing client waits for nothing more. */
function unlessDraining(): void {
  if (draining) throw new ClipfolioError('CANCELLED', 'the inference client is closing');
}

async function handle(request: InferenceRequest): Promise<void> {
  try {
    switch (request.type) {
      case 'embed-texts':
        post({ type: 'texts', seq: request.seq, embeddings: await embedTexts(request) });
        return;
      case 'embed-images':
        await embedImages(request);
        post({ type: 'images-done', seq: request.seq });
        return;
      case 'providers':
        post({
          type: 'providers',
          seq: request.seq,
          report: {
            available: backends.map((b) => b.name),
            auto: autoOutcome ?? plannedAuto(backends, platform),
            sessions: sessionInfos,
          },
        });
        return;
      case 'set-matrix':
        similarity.setMatrix(request.key, request);
        post({ type: 'matrix-done', seq: request.seq });
        return;
      case 'update-matrix':
        similarity.updateMatrix(request.key, request.from, request);
        post({ type: 'matrix-done', seq: request.seq });
        return;
      case 'load-matrix':
        await similarity.loadMatrix(request.key, request.version, request.source);
        post({ type: 'matrix-done', seq: request.seq });
        return;
      case 'matrix-loaded':
        await similarity.loaded(request.version);
        post({ type: 'matrix-done', seq: request.seq });
        return;
      case 'matrix-mean': {
        const mean = await similarity.mean(request.key, request.version);
        post({ type: 'mean', seq: request.seq, mean }, [mean.buffer as ArrayBuffer]);
        return;
      }
      case 'drop-matrix':
        similarity.dropMatrix(request.key);
        post({ type: 'matrix-done', seq: request.seq });
        return;
      case 'score': {
        const scores = await similarity.score(request.key, request.version, request.queries, request.count);
        post({ type: 'scores', seq: request.seq, scores }, [scores.buffer as ArrayBuffer]);
        return;
      }
      case 'margins': {
        const margins = await similarity.margins(request.key, request.version, request.queries, request.categories, request.mask);
        post({ type: 'margins', seq: request.seq, margins }, [margins.buffer as ArrayBuffer]);
        return;
      }
      case 'similar-pairs': {
        const { a, b, scores } = await similarity.pairsAbove(request.key, request.version, request.minScore);
        post({ type: 'pairs', seq: request.seq, a, b, scores }, [a.buffer, b.buffer, scores.buffer] as ArrayBuffer[]);
        return;
      }
    }
  } catch (err) {
    post({ type: 'error', seq: request.seq, error: serializeError(err) });
  }
}

function post(response: InferenceResponse, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(response, transfer);
}

async function embedTexts(
  request: Extract<InferenceRequest, { type: 'embed-texts' }>,
): Promise<TextEmbedding[]> {
  const tokenizer = await tokenizerFor(request.model);
  const tower = await sessionFor(request.model, 'text', request.provider);
  const idType = tower.io.idType ?? 'int64';
  const rows = request.texts.map((text) => tokenizer.encode(text));
  const batch = tower.io.fixedBatch ?? Math.max(1, rows.length);

  const embeddings: TextEmbedding[] = [];
  for (let start = 0; start < rows.length; start += batch) {
    unlessDraining();
    const chunk = rows.slice(start, start + batch);
    const length = paddedLength(chunk, tower.io.fixedSequence);
    // A fixed batch larger than what is left is filled with repeats; their outputs are dropped.
    const rowsToRun =
      tower.io.fixedBatch === null ? chunk : [...chunk, ...Array.from({ length: batch - chunk.length }, () => chunk[0] ?? [])];
    const ids = packTokenIds(rowsToRun, length, tokenizer.padId, idType);
    const input =
      ids instanceof Int32Array
        ? new ort.Tensor('int32', ids, [rowsToRun.length, length])
        : new ort.Tensor('int64', ids, [rowsToRun.length, length]);
    const vectors = await runTower(tower, input, chunk.length);
    chunk.forEach((tokenIds, i) => {
      const embedding = vectors[i];
      if (embedding) embeddings.push({ text: request.texts[start + i] ?? '', ids: tokenIds, embedding });
    });
  }
  return embeddings;
}

async function embedImages(request: Extract<InferenceRequest, { type: 'embed-images' }>): Promise<void> {
  const tower = await sessionFor(request.model, 'vision', request.provider);
  const crop = request.model.preprocess.cropSize;
  const [, , height, width] = tower.io.input.shape;
  if ((typeof height === 'number' && height !== crop) || (typeof width === 'number' && width !== crop)) {
    throw new ClipfolioError(
      'MODEL_INVALID',
      `${request.model.vision.path} takes ${height}x${width} pixels but the preprocessing config crops to ${crop}`,
    );
  }
  const batch = tower.io.fixedBatch ?? Math.max(1, request.batchSize ?? DEFAULT_IMAGE_BATCH);
  const pixelsPerImage = 3 * crop * crop;
  const options = {
    preprocess: request.model.preprocess,
    thumbnail: request.thumbnail,
    timeoutMs: request.decodeTimeoutMs ?? DEFAULT_DECODE_TIMEOUT_MS,
  };
  const { inputs } = request;
  // Decodes are asked for this far ahead, so the decode worker still has work queued while
  // a batch's session.run holds this thread.
  const ahead = batch * DECODE_BATCHES_AHEAD;
  const decodes = new Map<number, Promise<DecodeOutcome>>();
  const startDecode = (index: number) => {
    const input = inputs[index];
    if (input) decodes.set(index, decodeThread.decode(input, options));
  };
  for (let i = 0; i < Math.min(ahead, inputs.length); i++) startDecode(i);

  let results: { index: number; result: ImageResult }[] = [];
  let ready: { index: number; image: DecodedImage }[] = [];
  for (let index = 0; index < inputs.length; index++) {
    unlessDraining();
    const outcome = await decodes.get(index);
    decodes.delete(index);
    startDecode(index + ahead);
    if (outcome?.ok) ready.push({ index, image: outcome.image });
    else results.push({ index, result: outcome ? { ok: false, error: outcome.error } : lostDecode(index) });
    if (ready.length < batch && index < inputs.length - 1) continue;

    const transfer: ArrayBuffer[] = [];
    if (ready.length > 0) {
      const rowsToRun = tower.io.fixedBatch ?? ready.length;
      // Rows past the ready ones (a fixed batch not filled) stay zero; their outputs are dropped.
      const pixels = new Float32Array(rowsToRun * pixelsPerImage);
      ready.forEach(({ image }, i) => pixels.set(image.tensor, i * pixelsPerImage));
      const vectors = await runTower(tower, new ort.Tensor('float32', pixels, [rowsToRun, 3, crop, crop]), ready.length);
      ready.forEach(({ index: at, image }, i) => {
        const embedding = vectors[i];
        if (!embedding) return;
        transfer.push(embedding.buffer);
        if (image.thumbnail) transfer.push(image.thumbnail.data.buffer as ArrayBuffer);
        const { thumbnail, width: w, height: h, format } = image;
        results.push({ index: at, result: { ok: true, embedding, thumbnail, width: w, height: h, format } });
      });
    }
    results.sort((a, b) => a.index - b.index);
    post({ type: 'images-progress', seq: request.seq, results }, transfer);
    results = [];
    ready = [];
  }
}

function lostDecode(index: number): ImageResult {
  return { ok: false, error: { code: 'INTERNAL', message: `image ${index} was never decoded` } };
}

async function runTower(tower: TowerSession, input: ort.Tensor, count: number): Promise<Float32Array<ArrayBuffer>[]> {
  const outputs = await tower.session.run({ [tower.io.input.name]: input }, [tower.io.output]);
  const output = outputs[tower.io.output];
  const [rows, dim] = output?.dims ?? [];
  if (!output || output.type !== 'float32' || output.dims.length !== 2 || rows === undefined || dim === undefined) {
    throw new ClipfolioError(
      'MODEL_INVALID',
      `${tower.info.file}: output '${tower.io.output}' is ${output ? `${output.type} [${output.dims.join(',')}]` : 'missing'}, expected float32 [batch,dim]`,
    );
  }
  const vectors = unitRows(output.data as Float32Array, rows, dim);
  output.dispose();
  tower.info.runs += 1;
  tower.info.items += count;
  return vectors.slice(0, count);
}

function tokenizerFor(model: ModelTowers): Promise<ClipTokenizer> {
  const key = `${model.tokenizerDir}\0${model.contextLength}`;
  return cached(tokenizers, key, () =>
    ClipTokenizer.fromFolder(model.tokenizerDir, { contextLength: model.contextLength }),
  );
}

/** Sessions are created on first use and kept per (graph file, requested provider). */
function sessionFor(model: ModelTowers, tower: Tower, provider: Provider): Promise<TowerSession> {
  const file = model[tower].path;
  return cached(sessions, `${file}\0${provider}`, () => openSession(model.id, file, tower, provider));
}

async function openSession(modelId: string, file: string, tower: Tower, requested: Provider): Promise<TowerSession> {
  // onnxruntime reports a missing file as a generic load failure; this says what to do.
  await access(file).catch((err: unknown) => {
    throw new ClipfolioError('MODEL_MISSING', `Missing model file ${file}; download or install the model again.`, {
      cause: err,
    });
  });
  const create = (chosen: ConcreteProvider) => ort.InferenceSession.create(file, sessionOptions(chosen, threads));
  // Once 'auto' has fallen back to CPU in this worker, later sessions skip the failing GPU try.
  const { session, provider } =
    requested === 'auto' && autoOutcome?.chosen === 'cpu'
      ? { session: await create('cpu'), provider: { requested, ...autoOutcome } }
      : await createOnProvider(requested, backends, platform, create);
  if (requested === 'auto') autoOutcome = { chosen: provider.chosen, reason: provider.reason };
  let io: TowerIo;
  try {
    io = readTowerIo(tower, file, session.inputMetadata, session.outputMetadata);
  } catch (err) {
    await session.release();
    throw err;
  }
  const info: SessionInfo = {
    modelId,
    file,
    tower,
    provider,
    input: io.input,
    output: io.output,
    fixedBatch: io.fixedBatch,
    runs: 0,
    items: 0,
  };
  sessionInfos.push(info);
  return { session, io, info };
}

/** One promise per key; a failure is not cached, so the next request tries again. */
function cached<T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const existing = map.get(key);
  if (existing) return existing;
  const created = create();
  map.set(key, created);
  void created.catch(() => map.delete(key));
  return created;
}
