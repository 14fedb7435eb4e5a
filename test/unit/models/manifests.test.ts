// Checks the shipped manifests in models/ against the loader's schema and against the file
// layouts loadModelFolder expects, and that malformed manifests are refused.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, getManifest, listManifests, manifestFilesFor } from '../../../main/models/manifests';
import { transformersGraphFiles } from '../../../main/models/model-folder';

const shippedDir = path.resolve(process.cwd(), 'models');

describe('shipped manifests', () => {
  it('are valid and include the default, a stronger and a multilingual model', async () => {
    const manifests = await listManifests(shippedDir);
    const ids = manifests.map((m) => m.id);
    expect(ids).toContain(DEFAULT_MODEL_ID);
    expect(manifests.some((m) => m.embeddingDim > 512)).toBe(true);
    expect(manifests.some((m) => /multilingual/i.test(m.name))).toBe(true);
  });

  it('list every file loadModelFolder needs, for every variant', async () => {
    for (const manifest of await listManifests(shippedDir)) {
      for (const variant of manifest.variants) {
        const paths = manifestFilesFor(manifest, variant).map((f) => f.path);
        const needed =
          manifest.layout === 'transformers'
            ? [...Object.values(transformersGraphFiles(variant)), 'tokenizer.json', 'tokenizer_config.json', 'preprocessor_config.json']
            : ['visual/model.onnx', 'textual/model.onnx', 'textual/tokenizer.json', 'visual/preprocess_cfg.json'];
        expect(paths, `${manifest.id} ${variant}`).toEqual(expect.arrayContaining(needed));
        for (const file of manifestFilesFor(manifest, variant)) {
          const repo = manifest.id;
          expect(file.url).toBe(`https://huggingface.co/${repo}/resolve/main/${file.path}`);
        }
      }
    }
  });

  it('default model offers fp32 and quantized', async () => {
    const manifest = await getManifest(shippedDir, DEFAULT_MODEL_ID);
    expect(manifest.variants).toEqual(['fp32', 'quantized']);
    expect(manifestFilesFor(manifest, 'quantized').map((f) => f.path)).not.toContain('onnx/vision_model.onnx');
    expect(() => manifestFilesFor(manifest, 'fp16')).toThrow(/no 'fp16' variant/);
  });
});

describe('manifest validation', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-manifests-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const valid = {
    id: 'test/model',
    name: 'Test',
    layout: 'transformers',
    license: 'MIT',
    embeddingDim: 512,
    variants: ['fp32'],
    defaultVariant: 'fp32',
    files: [{ path: 'config.json', url: 'https://example.org/config.json', size: 10, sha256: null }],
  };

  it('reads a valid manifest and finds it by id', async () => {
    await writeFile(path.join(dir, 'a.json'), JSON.stringify(valid));
    expect((await getManifest(dir, 'test/model')).files[0]?.size).toBe(10);
    await expect(getManifest(dir, 'other')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['a path that leaves the folder', { files: [{ ...valid.files[0], path: '../evil.onnx' }] }],
    ['an absolute path', { files: [{ ...valid.files[0], path: '/etc/passwd' }] }],
    ['a plain-http url', { files: [{ ...valid.files[0], url: 'http://example.org/x' }] }],
    ['a made-up hash', { files: [{ ...valid.files[0], sha256: 'abc' }] }],
    ['a default variant it does not list', { defaultVariant: 'fp16' }],
  ])('refuses %s', async (_what, change) => {
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ ...valid, ...change }));
    await expect(listManifests(dir)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining(path.join(dir, 'bad.json')) as unknown,
    });
  });

  it('refuses two manifests with one id', async () => {
    await writeFile(path.join(dir, 'a.json'), JSON.stringify(valid));
    await writeFile(path.join(dir, 'b.json'), JSON.stringify(valid));
    await expect(listManifests(dir)).rejects.toThrow(/share the id/);
  });
});
