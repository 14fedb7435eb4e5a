// Runs in: the main process (the CLI's `clipfolio eval`, and the app for Settings > Model's
// comparison). How well a model sorts a folder of labelled photos, the way the CLIP paper
// measures zero-shot classification: the first-level folders are the classes, each class is
// the mean direction of its name put through a prompt ensemble (the categories' own, or the
// paper's 80 ImageNet templates), and a photo's prediction is the class it is most alike.
// Top-1 and top-5 accuracy, and per class the accuracy and the precision and recall of the
// tag a category of that name would give (the calibrated decision of tagging/calibration.ts,
// margin over the background prompts at the default cut), the classes most confused, and
// the photos per second. Embeddings the library already has for a file are reused.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InferenceClient, Provider } from '../inference/inference-client';
import type { ModelFolder } from '../models/model-folder';
import type { Library } from '../library/library';
import { scanRoots } from '../library/scanner';
import { ClipfolioError } from '../shared/errors';
import { DEFAULT_THRESHOLD, LOGIT_SCALE, meanDirection } from '../tagging/calibration';
import { BACKGROUND_PROMPTS, CATEGORY_TEMPLATES } from '../tagging/prompt-templates';
import type { ClassEvaluation, ModelEvaluation } from '../shared/api-contract';
import { IMAGENET_TEMPLATES } from './imagenet-templates';

export type TemplateSet = ModelEvaluation['templates'];

export interface LabelledPhotos {
  /** Class names: the first-level folder names, in order. */
  classes: string[];
  photos: { path: string; label: number }[];
}


export interface EvaluateInput {
  client: InferenceClient;
  model: ModelFolder;
  provider: Provider;
  data: LabelledPhotos;
  templates: TemplateSet;
  /** The library's embedding of this file with this model, if it has one. */
  reuse?: (path: string) => Float32Array | undefined;
  /** Told as photos are embedded: done out of total. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const TEXT_BATCH = 256;
const IMAGE_CHUNK = 32;
const CONFUSIONS_SHOWN = 10;

/**
 * Where the library already embedded a file of the folder with `modelId` (its serving
 * vectors are that model's), that embedding; undefined for another model.
 */
export function libraryEmbeddings(library: Pick<Library, 'catalog' | 'searchVectors'>, modelId: string): ((path: string) => Float32Array | undefined) | undefined {
  const served = library.searchVectors;
  if (served.modelId !== modelId) return undefined;
  return (path) => {
    const photo = library.catalog.findByPath(path);
    return photo ? served.get(photo.id) : undefined;
  };
}

/** The classes (first-level folders, by name) and their photos (any depth, by content). */
export async function readLabelledFolder(dir: string, signal?: AbortSignal): Promise<LabelledPhotos> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new ClipfolioError('NOT_FOUND', `${dir} cannot be read: ${err.message}`);
  });
  const classes = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  if (classes.length < 2) throw new ClipfolioError('INVALID_ARGUMENT', `${dir} needs at least two folders, one per class, with the photos of that class inside`);
  const photos: LabelledPhotos['photos'] = [];
  for (const [label, name] of classes.entries()) {
    for await (const entry of scanRoots([join(dir, name)], { signal })) if (entry.kind === 'photo') photos.push({ path: entry.path, label });
  }
  if (photos.length === 0) throw new ClipfolioError('INVALID_ARGUMENT', `the class folders in ${dir} hold no photos`);
  return { classes, photos };
}

export async function evaluateModel(input: EvaluateInput): Promise<ModelEvaluation> {
  const { client, model, provider, data, templates } = input;
  const started = performance.now();
  const classVectors = await classDirections(input);
  const background = await embedTexts(client, model, provider, [...BACKGROUND_PROMPTS]);

  const embedded: { label: number; vector: Float32Array }[] = [];
  const failed: ModelEvaluation['failed'] = [];
  const toEmbed: LabelledPhotos['photos'] = [];
  for (const photo of data.photos) {
    const kept = input.reuse?.(photo.path);
    if (kept) embedded.push({ label: photo.label, vector: kept });
    else toEmbed.push(photo);
  }
  const reused = embedded.length;
  input.onProgress?.(reused, data.photos.length);
  for (let first = 0; first < toEmbed.length; first += IMAGE_CHUNK) {
    if (input.signal?.aborted) throw new ClipfolioError('CANCELLED', 'the evaluation was stopped');
    const chunk = toEmbed.slice(first, first + IMAGE_CHUNK);
    const results = await client.embedImages(model, chunk.map((p) => ({ path: p.path })), { provider });
    results.forEach((result, i) => {
      const photo = chunk[i];
      if (!photo) return;
      if (result.ok) embedded.push({ label: photo.label, vector: result.embedding });
      else failed.push({ path: photo.path, reason: result.error.message });
    });
    input.onProgress?.(reused + first + chunk.length, data.photos.length);
  }
  if (embedded.length === 0) throw new ClipfolioError('DECODE_FAILED', 'none of the photos could be read');

  const scored = score(embedded, classVectors, background);
  return {
    model: model.id,
    templates,
    ...scored,
    classes: data.classes.map((name, c) => classResult(name, c, embedded, scored.predicted, scored.taggedAs)),
    confusions: confusions(data.classes, embedded, scored.predicted),
    photosPerSecond: embedded.length / ((performance.now() - started) / 1000),
    reused,
    failed,
  };
}

/** Each class's unit direction: the mean of its name put through the templates. */
async function classDirections(input: EvaluateInput): Promise<Float32Array[]> {
  const templates = input.templates === 'imagenet' ? IMAGENET_TEMPLATES : CATEGORY_TEMPLATES;
  const prompts = input.data.classes.flatMap((name) => templates.map((t) => t.replaceAll('{}', name)));
  const vectors = await embedTexts(input.client, input.model, input.provider, prompts);
  return input.data.classes.map((_, c) => meanDirection(vectors.slice(c * templates.length, (c + 1) * templates.length)));
}

async function embedTexts(client: InferenceClient, model: ModelFolder, provider: Provider, texts: string[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let first = 0; first < texts.length; first += TEXT_BATCH) {
    const results = await client.embedTexts(model, texts.slice(first, first + TEXT_BATCH), { provider });
    out.push(...results.map((r) => r.embedding));
  }
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * Top-1 and top-5 over the photos, each photo's prediction, and the classes whose tag it
 * would carry: margin = cosine - LSE(background), LSE at CLIP's logit scale, as a re-tag
 * scores a category with no negative prompts of its own.
 */
function score(photos: { label: number; vector: Float32Array }[], classes: Float32Array[], background: Float32Array[]) {
  let top1 = 0;
  let top5 = 0;
  const predicted: number[] = [];
  const taggedAs: Set<number>[] = [];
  for (const { label, vector } of photos) {
    const cosines = classes.map((c) => dot(vector, c));
    const alternatives = background.map((b) => dot(vector, b));
    const max = Math.max(...alternatives);
    const lse = max + Math.log(alternatives.reduce((sum, a) => sum + Math.exp(LOGIT_SCALE * (a - max)), 0)) / LOGIT_SCALE;
    const ranked = cosines.map((s, c) => [s, c] as const).sort((a, b) => b[0] - a[0]);
    predicted.push(ranked[0]?.[1] ?? -1);
    top1 += Number(ranked[0]?.[1] === label);
    top5 += Number(ranked.slice(0, 5).some(([, c]) => c === label));
    taggedAs.push(new Set(cosines.flatMap((s, c) => (s - lse >= DEFAULT_THRESHOLD ? [c] : []))));
  }
  return { photos: photos.length, top1: top1 / photos.length, top5: top5 / photos.length, predicted, taggedAs };
}

function classResult(name: string, c: number, photos: { label: number }[], predicted: number[], taggedAs: Set<number>[]): ClassEvaluation {
  let own = 0;
  let right = 0;
  let tagged = 0;
  let taggedOwn = 0;
  photos.forEach(({ label }, i) => {
    const isOwn = label === c;
    const carries = taggedAs[i]?.has(c) ?? false;
    own += Number(isOwn);
    right += Number(isOwn && predicted[i] === c);
    tagged += Number(carries);
    taggedOwn += Number(isOwn && carries);
  });
  return { name, photos: own, accuracy: own === 0 ? 0 : right / own, tagged, precision: tagged === 0 ? null : taggedOwn / tagged, recall: own === 0 ? 0 : taggedOwn / own };
}

function confusions(classes: string[], photos: { label: number }[], predicted: number[]): ModelEvaluation['confusions'] {
  const counts = new Map<string, { actual: string; predicted: string; photos: number }>();
  photos.forEach(({ label }, i) => {
    const guess = predicted[i] ?? -1;
    if (guess === label || guess < 0) return;
    const key = `${label}:${guess}`;
    const found = counts.get(key) ?? { actual: classes[label] ?? '', predicted: classes[guess] ?? '', photos: 0 };
    found.photos += 1;
    counts.set(key, found);
  });
  return [...counts.values()].sort((a, b) => b.photos - a.photos || a.actual.localeCompare(b.actual)).slice(0, CONFUSIONS_SHOWN);
}
