// Checks layout detection, variant choice, preprocessing parsing and the missing-file
// messages of loadModelFolder on real folders written to a temporary directory.
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipTokenizer } from '../../../main/clip/tokenizer';
import { CLIP_PREPROCESS } from '../../../main/clip/preprocess-config';
import { loadModelFolder } from '../../../main/models/model-folder';
import { TEST_MODEL_DIM } from '../../fixtures/make-test-model';
import { TEST_MODEL_LAYOUTS, testModelDir } from '../../fixtures/test-models';
import { writeImmichFolder, writeTransformersFolder } from './model-folder-fixtures';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-model-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('loadModelFolder: Transformers.js layout', () => {
  it('recognises the layout and reads preprocessing, dim and tokenizer location', async () => {
    const dir = path.join(tmp, 'clip-vit-base-patch32');
    await writeTransformersFolder(dir);
    const folder = await loadModelFolder(dir);
    expect(folder).toMatchObject({
      dir,
      id: 'clip-vit-base-patch32',
      layout: 'transformers',
      variant: 'fp32',
      vision: { path: path.join(dir, 'onnx', 'vision_model.onnx') },
      text: { path: path.join(dir, 'onnx', 'text_model.onnx') },
      tokenizerDir: dir,
      contextLength: 77,
      embeddingDim: 512,
      normalizedInGraph: false,
    });
    expect(folder.preprocess).toEqual(CLIP_PREPROCESS);
    const tokenizer = await ClipTokenizer.fromFolder(folder.tokenizerDir, { contextLength: folder.contextLength });
    expect(tokenizer.padId).toBe(49407);
  });

  it('takes the id from the options', async () => {
    await writeTransformersFolder(tmp);
    expect((await loadModelFolder(tmp, { id: 'Xenova/clip-vit-base-patch32' })).id).toBe('Xenova/clip-vit-base-patch32');
  });

  it('chooses the requested variant, and otherwise the first complete one', async () => {
    await writeTransformersFolder(tmp, { variants: ['_quantized', '_fp16'] });
    const auto = await loadModelFolder(tmp);
    expect(auto.variant).toBe('quantized');
    expect(auto.vision.path).toBe(path.join(tmp, 'onnx', 'vision_model_quantized.onnx'));
    const fp16 = await loadModelFolder(tmp, { variant: 'fp16' });
    expect(fp16.text.path).toBe(path.join(tmp, 'onnx', 'text_model_fp16.onnx'));
    await expect(loadModelFolder(tmp, { variant: 'fp32' })).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining(path.join(tmp, 'onnx', 'vision_model.onnx')) as unknown,
    });
  });

  it('skips a variant whose text graph is missing', async () => {
    await writeTransformersFolder(tmp, { variants: ['', '_quantized'] });
    await unlink(path.join(tmp, 'onnx', 'text_model.onnx'));
    expect((await loadModelFolder(tmp)).variant).toBe('quantized');
  });

  it('parses the newer HF preprocessor keys', async () => {
    await writeTransformersFolder(tmp, {
      preprocessor: {
        size: { shortest_edge: 336 },
        crop_size: { height: 336, width: 336 },
        do_center_crop: true,
        image_mean: [0.5, 0.5, 0.5],
        image_std: [0.25, 0.25, 0.25],
        rescale_factor: 0.00392156862745098,
        resample: 2,
      },
    });
    expect((await loadModelFolder(tmp)).preprocess).toEqual({
      resizeShortest: 336,
      cropSize: 336,
      mean: [0.5, 0.5, 0.5],
      std: [0.25, 0.25, 0.25],
      rescale: 0.00392156862745098,
      interpolation: 'bilinear',
    });
  });

  it('rejects a preprocessing it cannot reproduce', async () => {
    await writeTransformersFolder(tmp, { preprocessor: { size: { height: 224, width: 224 }, do_center_crop: false } });
    await expect(loadModelFolder(tmp)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining(path.join(tmp, 'preprocessor_config.json')) as unknown,
    });
  });

  it('names the missing tokenizer file with its full path', async () => {
    await writeTransformersFolder(tmp);
    await unlink(path.join(tmp, 'tokenizer.json'));
    await expect(loadModelFolder(tmp)).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining(`Missing model file ${path.join(tmp, 'tokenizer.json')}`) as unknown,
    });
  });

  it('reports unreadable JSON as invalid', async () => {
    await writeTransformersFolder(tmp);
    await writeFile(path.join(tmp, 'preprocessor_config.json'), '{ not json');
    await expect(loadModelFolder(tmp)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});

describe('loadModelFolder: Immich layout', () => {
  it('recognises the layout', async () => {
    const dir = path.join(tmp, 'ViT-B-32__openai');
    await writeImmichFolder(dir);
    const folder = await loadModelFolder(dir);
    expect(folder).toMatchObject({
      id: 'ViT-B-32__openai',
      layout: 'immich',
      variant: 'fp32',
      vision: { path: path.join(dir, 'visual', 'model.onnx') },
      text: { path: path.join(dir, 'textual', 'model.onnx') },
      tokenizerDir: path.join(dir, 'textual'),
      contextLength: 77,
      embeddingDim: 512,
      normalizedInGraph: true,
    });
    expect(folder.preprocess).toEqual(CLIP_PREPROCESS);
    // The pad token comes from textual/tokenizer_config.json ('!' is id 0 in CLIP BPE).
    expect((await ClipTokenizer.fromFolder(folder.tokenizerDir)).padId).toBe(0);
  });

  it('accepts a number size and bilinear interpolation', async () => {
    await writeImmichFolder(tmp, {
      preprocess: { size: 240, mean: [0.1, 0.2, 0.3], std: [0.4, 0.5, 0.6], interpolation: 'bilinear' },
    });
    expect((await loadModelFolder(tmp)).preprocess).toEqual({
      resizeShortest: 240,
      cropSize: 240,
      mean: [0.1, 0.2, 0.3],
      std: [0.4, 0.5, 0.6],
      rescale: 1 / 255,
      interpolation: 'bilinear',
    });
  });

  it('rejects squash resizing, which the pipeline cannot do', async () => {
    await writeImmichFolder(tmp, {
      preprocess: { size: 224, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], resize_mode: 'squash' },
    });
    await expect(loadModelFolder(tmp)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });

  it('has no quantized variant', async () => {
    await writeImmichFolder(tmp);
    await expect(loadModelFolder(tmp, { variant: 'quantized' })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });

  it('names the missing textual graph with its full path', async () => {
    await writeImmichFolder(tmp);
    await unlink(path.join(tmp, 'textual', 'model.onnx'));
    await expect(loadModelFolder(tmp)).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining(path.join(tmp, 'textual', 'model.onnx')) as unknown,
    });
  });
});

describe('loadModelFolder: neither layout', () => {
  it('says which files it expected and which layouts are accepted', async () => {
    const error = await loadModelFolder(tmp).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'MODEL_MISSING' });
    const message = (error as Error).message;
    expect(message).toContain(path.join(tmp, 'onnx', 'vision_model.onnx'));
    expect(message).toContain(path.join(tmp, 'visual', 'model.onnx'));
    expect(message).toContain('Transformers.js');
    expect(message).toContain('Immich');
  });

  it('says when the folder does not exist', async () => {
    await expect(loadModelFolder(path.join(tmp, 'nope'))).rejects.toThrow(/does not exist/);
  });
});

describe('loadModelFolder: the generated test models', () => {
  it.each(TEST_MODEL_LAYOUTS)('reads the %s test model', async (layout) => {
    const folder = await loadModelFolder(testModelDir(layout));
    expect(folder.layout).toBe(layout);
    expect(folder.embeddingDim).toBe(TEST_MODEL_DIM);
    expect(folder.normalizedInGraph).toBe(layout === 'immich');
    expect(folder.preprocess).toEqual(CLIP_PREPROCESS);
  });
});
