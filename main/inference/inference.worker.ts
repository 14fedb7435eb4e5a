// Runs in: the inference worker thread (one per process, see DESIGN.md). The only module that
// imports onnxruntime-node: it owns the sessions, tokenises prompts, and decodes photos with
// sharp right here, so pixels never cross threads — only file paths or encoded bytes come in
// and only embeddings and thumbnails go out.
import { access, readFile } from 'node:fs/promises';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { ClipTokenizer } from '../clip/tokenizer';
import { decodePhoto } from '../imaging/decode-photo';
import { ClipfolioError, errorMessage } from '../shared/errors';
import { createOnProvider, plannedAuto, type Backend } from './execution-providers';
import { readTowerIo, type TowerIo } from './graph-io';
import type {
  ConcreteProvider,
  ImageInput,
  ImageResult,
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
import { runOverlappedGroups } from './overlapped-groups';
import { ownedBytes } from './owned-bytes';
import { packTokenIds, paddedLength } from './token-batch';
import { unitRows } from './unit-rows';

const DEFAULT_IMAGE_BATCH = 8;
/** One pathological file must not stall a whole indexing run. */
const DEFAULT_DECODE_TIMEOUT_MS = 60_000;
/** sharp decodes on libuv's pool (4 threads by default); more in flight only queues. */
const DECODE_CONCURRENCY = 4;

const port = parentPort;
if (!port) throw new Error('inference.worker.ts must run as a worker thread');

const threads = (workerData as InferenceWorkerData | undefined)?.threads ?? os.availableParallelism();
const backends: Backend[] = ort.listSupportedBackends().map(({ name, bundled }) => ({ name, bundled }));
const platform = { platform: process.platform, arch: process.arch };

interface TowerSession {
  session: ort.InferenceSession;
  io: TowerIo;
  info: SessionInfo;
}

const sessions = new Map<string, Promise<TowerSession>>();
const sessionInfos: SessionInfo[] = [];
const tokenizers = new Map<string, Promise<ClipTokenizer>>();
let autoOutcome: { chosen: ConcreteProvider; reason: string } | null = null;

port.on('message', (request: InferenceRequest) => {
  void handle(request);
});

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

type Decoded =
  | { ok: true; photo: Awaited<ReturnType<typeof decodePhoto>> }
  | Extract<ImageResult, { ok: false }>;

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

  await runOverlappedGroups(
    request.inputs,
    { groupSize: Math.max(batch, DECODE_CONCURRENCY), concurrency: DECODE_CONCURRENCY },
    (input) => decodeInput(input, request),
    async (group) => {
      const results: { index: number; result: ImageResult }[] = [];
      const transfer: ArrayBuffer[] = [];
      const decoded: { index: number; photo: Extract<Decoded, { ok: true }>['photo'] }[] = [];
      for (const { index, value } of group) {
        if (value.ok) decoded.push({ index, photo: value.photo });
        else results.push({ index, result: value });
      }
      for (let start = 0; start < decoded.length; start += batch) {
        const part = decoded.slice(start, start + batch);
        const rowsToRun = tower.io.fixedBatch ?? part.length;
        // Rows past the part (a fixed batch not filled) stay zero; their outputs are dropped.
        const pixels = new Float32Array(rowsToRun * pixelsPerImage);
        part.forEach(({ photo }, i) => pixels.set(photo.tensor, i * pixelsPerImage));
        const vectors = await runTower(tower, new ort.Tensor('float32', pixels, [rowsToRun, 3, crop, crop]), part.length);
        part.forEach(({ index, photo }, i) => {
          const embedding = vectors[i];
          if (!embedding) return;
          const thumbnail = photo.thumbnail && {
            data: ownedBytes(photo.thumbnail.data),
            width: photo.thumbnail.width,
            height: photo.thumbnail.height,
          };
          transfer.push(embedding.buffer);
          if (thumbnail) transfer.push(thumbnail.data.buffer);
          results.push({
            index,
            result: { ok: true, embedding, thumbnail, width: photo.width, height: photo.height, format: photo.format },
          });
        });
      }
      results.sort((a, b) => a.index - b.index);
      post({ type: 'images-progress', seq: request.seq, results }, transfer);
    },
  );
}

/** A broken or missing file becomes that file's result; it never fails the request. */
async function decodeInput(
  input: ImageInput,
  request: Extract<InferenceRequest, { type: 'embed-images' }>,
): Promise<Decoded> {
  try {
    const bytes =
      'path' in input
        ? await readFile(input.path)
        : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    const photo = await decodePhoto(bytes, {
      preprocess: request.model.preprocess,
      thumbnail: request.thumbnail,
      timeoutMs: request.decodeTimeoutMs ?? DEFAULT_DECODE_TIMEOUT_MS,
    });
    if (photo.tensor.length !== 3 * request.model.preprocess.cropSize ** 2) {
      throw new ClipfolioError('INTERNAL', `decodePhoto returned ${photo.tensor.length} values for one image`);
    }
    return { ok: true, photo };
  } catch (err) {
    if (err instanceof ClipfolioError) return { ok: false, error: { code: err.code, message: err.message } };
    const where = 'path' in input ? input.path : 'the given bytes';
    const errno = (err as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT' || errno === 'ENOTDIR') {
      return { ok: false, error: { code: 'NOT_FOUND', message: `No such file: ${where}` } };
    }
    return { ok: false, error: { code: 'DECODE_FAILED', message: `Cannot read ${where}: ${errorMessage(err)}` } };
  }
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
