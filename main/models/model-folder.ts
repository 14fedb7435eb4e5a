// Runs in: main and the inference worker. Recognises a CLIP model folder in one of the two
// public ONNX layouts (Transformers.js / Hugging Face, and Immich's open_clip exports) and
// says where its graphs, tokenizer and preprocessing live. The graphs themselves are opened
// by the inference worker, which reads tensor names and shapes from them.

import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PreprocessConfig } from '../clip/preprocess-config';
import { CLIP_PREPROCESS } from '../clip/preprocess-config';
import { ClipfolioError } from '../shared/errors';
import { readModelJson } from './read-model-json';

export type ModelLayout = 'transformers' | 'immich';
export type ModelVariant = 'fp32' | 'quantized' | 'fp16';

export const MODEL_VARIANTS: readonly ModelVariant[] = ['fp32', 'quantized', 'fp16'];

export interface ModelFolder {
  dir: string;
  id: string;
  layout: ModelLayout;
  variant: ModelVariant;
  vision: { path: string };
  text: { path: string };
  preprocess: PreprocessConfig;
  /** Folder holding tokenizer.json (+ tokenizer_config.json); pass to ClipTokenizer.fromFolder. */
  tokenizerDir: string;
  /** Sequence length the text encoder was exported with; pass to ClipTokenizer.fromFolder. */
  contextLength: number;
  embeddingDim: number | null;
  /** Immich graphs end in an L2 normalisation; Transformers.js graphs do not. */
  normalizedInGraph: boolean;
}

export interface LoadModelFolderOptions {
  /** Which weights to use; by default the first of fp32, quantized, fp16 that is complete. */
  variant?: ModelVariant;
  /** Id to report (e.g. a manifest id); defaults to the folder name. */
  id?: string;
}

const DEFAULT_CONTEXT_LENGTH = 77;

const LAYOUT_HELP =
  'Accepted layouts: Transformers.js (onnx/vision_model.onnx, onnx/text_model.onnx, ' +
  'preprocessor_config.json, tokenizer.json, tokenizer_config.json, config.json) or Immich ' +
  '(visual/model.onnx, visual/preprocess_cfg.json, textual/model.onnx, textual/tokenizer.json, config.json).';

/** Graph file names of the Transformers.js layout per variant, relative to the folder. */
export function transformersGraphFiles(variant: ModelVariant): { vision: string; text: string } {
  const suffix = variant === 'fp32' ? '' : `_${variant}`;
  return { vision: `onnx/vision_model${suffix}.onnx`, text: `onnx/text_model${suffix}.onnx` };
}

const IMMICH_GRAPHS = { vision: 'visual/model.onnx', text: 'textual/model.onnx' } as const;

export async function loadModelFolder(dir: string, options: LoadModelFolderOptions = {}): Promise<ModelFolder> {
  const root = path.resolve(dir);
  const id = options.id ?? path.basename(root);
  const layout = await detectLayout(root);
  return layout === 'immich'
    ? loadImmich(root, id, options.variant)
    : loadTransformers(root, id, options.variant);
}

async function detectLayout(root: string): Promise<ModelLayout> {
  if ((await exists(path.join(root, 'visual'))) || (await exists(path.join(root, 'textual')))) return 'immich';
  if ((await exists(path.join(root, 'onnx'))) || (await exists(path.join(root, 'preprocessor_config.json')))) {
    return 'transformers';
  }
  const why = (await exists(root)) ? 'is not a CLIP model folder' : 'does not exist';
  throw new ClipfolioError(
    'MODEL_MISSING',
    `Model folder ${root} ${why}: expected ${path.join(root, 'onnx', 'vision_model.onnx')} ` +
      `or ${path.join(root, 'visual', 'model.onnx')}. ${LAYOUT_HELP}`,
  );
}

async function loadTransformers(root: string, id: string, requested?: ModelVariant): Promise<ModelFolder> {
  const variant = await chooseVariant(root, requested);
  const graphs = transformersGraphFiles(variant);
  const vision = await requireFile(root, graphs.vision);
  const text = await requireFile(root, graphs.text);
  await requireFile(root, 'tokenizer.json');
  await requireFile(root, 'tokenizer_config.json');
  const preprocess = parseHfPreprocessor(
    await readModelJson(path.join(root, 'preprocessor_config.json'), true, LAYOUT_HELP),
    path.join(root, 'preprocessor_config.json'),
  );
  const config = await readOptionalConfig(hfConfigSchema, path.join(root, 'config.json'));
  return {
    dir: root,
    id,
    layout: 'transformers',
    variant,
    vision: { path: vision },
    text: { path: text },
    preprocess,
    tokenizerDir: root,
    contextLength: config?.text_config?.max_position_embeddings ?? DEFAULT_CONTEXT_LENGTH,
    embeddingDim: config?.projection_dim ?? null,
    normalizedInGraph: false,
  };
}

/** The requested variant, or the first complete one; the error names the files to add. */
async function chooseVariant(root: string, requested?: ModelVariant): Promise<ModelVariant> {
  for (const variant of requested ? [requested] : MODEL_VARIANTS) {
    const graphs = transformersGraphFiles(variant);
    if ((await exists(path.join(root, graphs.vision))) && (await exists(path.join(root, graphs.text)))) {
      return variant;
    }
  }
  const wanted = transformersGraphFiles(requested ?? 'fp32');
  const missing = [wanted.vision, wanted.text].map((f) => path.join(root, f));
  throw new ClipfolioError(
    'MODEL_MISSING',
    `Model folder ${root} has no complete ${requested ?? 'ONNX'} graphs: put ${missing.join(' and ')} there` +
      `${requested ? '' : ' (or their _quantized / _fp16 variants)'}. ${LAYOUT_HELP}`,
  );
}

async function loadImmich(root: string, id: string, requested?: ModelVariant): Promise<ModelFolder> {
  if (requested && requested !== 'fp32') {
    throw new ClipfolioError(
      'MODEL_MISSING',
      `Model folder ${root} uses the Immich layout, which ships fp32 graphs only; variant '${requested}' is not available.`,
    );
  }
  const vision = await requireFile(root, IMMICH_GRAPHS.vision);
  const text = await requireFile(root, IMMICH_GRAPHS.text);
  await requireFile(root, 'textual/tokenizer.json');
  const preprocessFile = path.join(root, 'visual', 'preprocess_cfg.json');
  const preprocess = parseImmichPreprocess(await readModelJson(preprocessFile, true, LAYOUT_HELP), preprocessFile);
  const config = await readOptionalConfig(openClipConfigSchema, path.join(root, 'config.json'));
  return {
    dir: root,
    id,
    layout: 'immich',
    variant: 'fp32',
    vision: { path: vision },
    text: { path: text },
    preprocess,
    tokenizerDir: path.join(root, 'textual'),
    contextLength: config?.text_cfg?.context_length ?? DEFAULT_CONTEXT_LENGTH,
    embeddingDim: config?.embed_dim ?? null,
    normalizedInGraph: true,
  };
}

const positiveInt = z.number().int().positive();
const triple = z.tuple([z.number(), z.number(), z.number()]);

const hfConfigSchema = z.looseObject({
  projection_dim: positiveInt.optional(),
  text_config: z.looseObject({ max_position_embeddings: positiveInt.optional() }).optional(),
});

const openClipConfigSchema = z.looseObject({
  embed_dim: positiveInt.optional(),
  text_cfg: z.looseObject({ context_length: positiveInt.optional() }).optional(),
});

const hfSize = z.union([
  positiveInt,
  z.looseObject({ shortest_edge: positiveInt }),
  z.looseObject({ height: positiveInt, width: positiveInt }),
]);

const hfPreprocessorSchema = z.looseObject({
  do_resize: z.boolean().optional(),
  size: hfSize.optional(),
  do_center_crop: z.boolean().optional(),
  crop_size: z.union([positiveInt, z.looseObject({ height: positiveInt, width: positiveInt })]).optional(),
  do_rescale: z.boolean().optional(),
  rescale_factor: z.number().positive().optional(),
  do_normalize: z.boolean().optional(),
  image_mean: triple.optional(),
  image_std: triple.optional(),
  resample: z.number().int().optional(),
});

const immichPreprocessSchema = z.looseObject({
  size: z.union([positiveInt, z.array(positiveInt).min(1)]),
  mode: z.string().optional(),
  mean: triple,
  std: triple,
  interpolation: z.string().optional(),
  resize_mode: z.string().optional(),
});

/** PIL resample codes used by HF image processors. */
const PIL_RESAMPLE: Readonly<Record<number, PreprocessConfig['interpolation']>> = { 2: 'bilinear', 3: 'bicubic' };

/** HF CLIPImageProcessor settings -> our shortest-side-resize + centre-crop pipeline. */
export function parseHfPreprocessor(raw: unknown, file: string): PreprocessConfig {
  const cfg = parseWith(hfPreprocessorSchema, raw, file);
  const unsupported = (why: string) =>
    new ClipfolioError('MODEL_INVALID', `${file}: ${why}; only shortest-side resize with a square centre crop is supported.`);

  let resizeShortest = CLIP_PREPROCESS.resizeShortest;
  if (cfg.do_resize !== false && cfg.size !== undefined) {
    const size = cfg.size;
    if (typeof size === 'number') resizeShortest = size;
    else if (typeof size.shortest_edge === 'number') resizeShortest = size.shortest_edge;
    else throw unsupported('size {height, width} resizes without keeping the aspect ratio');
  }
  if (cfg.do_center_crop === false) throw unsupported('do_center_crop is false');
  const crop = cfg.crop_size ?? resizeShortest;
  const cropSize = typeof crop === 'number' ? crop : crop.height;
  if (typeof crop !== 'number' && crop.width !== crop.height) throw unsupported('crop_size is not square');
  if (cropSize > resizeShortest) throw unsupported('crop_size is larger than the resized image');

  const interpolation = cfg.resample === undefined ? CLIP_PREPROCESS.interpolation : PIL_RESAMPLE[cfg.resample];
  if (!interpolation) throw unsupported(`resample ${cfg.resample} is neither bicubic (3) nor bilinear (2)`);

  const normalize = cfg.do_normalize !== false;
  return {
    resizeShortest,
    cropSize,
    mean: normalize ? (cfg.image_mean ?? CLIP_PREPROCESS.mean) : [0, 0, 0],
    std: normalize ? (cfg.image_std ?? CLIP_PREPROCESS.std) : [1, 1, 1],
    rescale: cfg.do_rescale === false ? 1 : (cfg.rescale_factor ?? CLIP_PREPROCESS.rescale),
    interpolation,
  };
}

/** open_clip's preprocess_cfg.json as exported by Immich. */
export function parseImmichPreprocess(raw: unknown, file: string): PreprocessConfig {
  const cfg = parseWith(immichPreprocessSchema, raw, file);
  const unsupported = (why: string) => new ClipfolioError('MODEL_INVALID', `${file}: ${why}.`);
  const sizes = typeof cfg.size === 'number' ? [cfg.size] : cfg.size;
  const size = sizes[0] ?? CLIP_PREPROCESS.cropSize;
  if (sizes.some((s) => s !== size)) throw unsupported(`size ${JSON.stringify(cfg.size)} is not square`);
  if ((cfg.mode ?? 'RGB') !== 'RGB') throw unsupported(`mode '${cfg.mode}' is not RGB`);
  // 'squash' (SigLIP exports) resizes without keeping the aspect ratio, which the pipeline cannot do yet.
  if ((cfg.resize_mode ?? 'shortest') !== 'shortest') {
    throw unsupported(`resize_mode '${cfg.resize_mode}' is not supported, only 'shortest'`);
  }
  const interpolation = cfg.interpolation ?? 'bicubic';
  if (interpolation !== 'bicubic' && interpolation !== 'bilinear') {
    throw unsupported(`interpolation '${interpolation}' is neither bicubic nor bilinear`);
  }
  return {
    resizeShortest: size,
    cropSize: size,
    mean: cfg.mean,
    std: cfg.std,
    rescale: CLIP_PREPROCESS.rescale,
    interpolation,
  };
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ClipfolioError('MODEL_INVALID', `${file} is not a valid model config: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** config.json only adds the embedding size and context length, so a folder may lack it. */
async function readOptionalConfig<T extends z.ZodType>(schema: T, file: string): Promise<z.infer<T> | undefined> {
  const raw = await readModelJson(file, false);
  return raw === undefined ? undefined : parseWith(schema, raw, file);
}

async function requireFile(root: string, relative: string): Promise<string> {
  const file = path.join(root, relative);
  if (!(await exists(file))) {
    throw new ClipfolioError('MODEL_MISSING', `Missing model file ${file}: put ${relative} in ${root}. ${LAYOUT_HELP}`);
  }
  return file;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
