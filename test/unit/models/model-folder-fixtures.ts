// Test helper: writes model folders in the two public layouts, with placeholder graph bytes
// (the graphs are not opened here) and the real CLIP tokenizer files from shared testdata.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HF_TOKENIZER_DIR = path.resolve(process.cwd(), '../shared/testdata/clip/hf-tokenizer');

const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD = [0.26862954, 0.26130258, 0.27577711];

async function put(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The file set of Xenova/clip-vit-base-patch32 with the chosen graph variants. */
export async function writeTransformersFolder(
  dir: string,
  options: { variants?: ('' | '_quantized' | '_fp16')[]; preprocessor?: unknown } = {},
): Promise<void> {
  for (const suffix of options.variants ?? ['']) {
    await put(path.join(dir, 'onnx', `vision_model${suffix}.onnx`), new Uint8Array([8, 7, 1]));
    await put(path.join(dir, 'onnx', `text_model${suffix}.onnx`), new Uint8Array([8, 7, 2]));
  }
  await put(path.join(dir, 'config.json'), json({ projection_dim: 512, text_config: { max_position_embeddings: 77 } }));
  await put(
    path.join(dir, 'preprocessor_config.json'),
    json(
      options.preprocessor ?? {
        crop_size: 224,
        do_center_crop: true,
        do_normalize: true,
        do_resize: true,
        feature_extractor_type: 'CLIPFeatureExtractor',
        image_mean: CLIP_MEAN,
        image_std: CLIP_STD,
        resample: 3,
        size: 224,
      },
    ),
  );
  for (const name of ['tokenizer.json', 'tokenizer_config.json']) {
    await copyFile(path.join(HF_TOKENIZER_DIR, name), path.join(dir, name));
  }
}

/** The file set of immich-app/ViT-B-32__openai. */
export async function writeImmichFolder(
  dir: string,
  options: { preprocess?: unknown; tokenizerConfig?: boolean } = {},
): Promise<void> {
  await put(path.join(dir, 'visual', 'model.onnx'), new Uint8Array([8, 7, 3]));
  await put(path.join(dir, 'textual', 'model.onnx'), new Uint8Array([8, 7, 4]));
  await put(
    path.join(dir, 'visual', 'preprocess_cfg.json'),
    json(
      options.preprocess ?? {
        size: [224, 224],
        mode: 'RGB',
        mean: CLIP_MEAN,
        std: CLIP_STD,
        interpolation: 'bicubic',
        resize_mode: 'shortest',
        fill_color: 0,
      },
    ),
  );
  await put(path.join(dir, 'config.json'), json({ embed_dim: 512, text_cfg: { context_length: 77, width: 512 } }));
  await copyFile(path.join(HF_TOKENIZER_DIR, 'tokenizer.json'), path.join(dir, 'textual', 'tokenizer.json'));
  if (options.tokenizerConfig !== false) {
    await put(path.join(dir, 'textual', 'tokenizer_config.json'), json({ pad_token: '!' }));
  }
}
