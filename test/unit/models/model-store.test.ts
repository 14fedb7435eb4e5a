// Exercises ensureModel and findModelFolders against a real local HTTP server that serves a
// Transformers.js-layout model folder written by the test.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../../main/models/manifests';
import type { ModelDownloadProgress } from '../../../main/models/model-store';
import { ensureModel, findModelFolders, modelDirName } from '../../../main/models/model-store';
import { writeImmichFolder, writeTransformersFolder } from './model-folder-fixtures';
import type { RangeServer } from './range-server';
import { startRangeServer } from './range-server';

let tmp: string;
let modelsDir: string;
let served: Record<string, Uint8Array>;
let server: RangeServer;
let manifest: ModelManifest;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-store-'));
  modelsDir = path.join(tmp, 'models');
  const source = path.join(tmp, 'source');
  await writeTransformersFolder(source, { variants: ['', '_quantized'] });
  served = {};
  for (const rel of await listFiles(source)) served[rel] = await readFile(path.join(source, rel));
  server = await startRangeServer({ files: served });
  const file = (rel: string, variant?: 'fp32' | 'quantized', withHash = true) => ({
    path: rel,
    url: `${server.baseUrl}/${rel}`,
    size: served[rel]!.length,
    // Half the files carry a hash, as a manifest that is only partly recorded would.
    sha256: withHash ? sha(served[rel]!) : null,
    ...(variant ? { variant } : {}),
  });
  manifest = {
    id: 'Test/clip-tiny',
    name: 'Test CLIP',
    layout: 'transformers',
    license: 'MIT',
    embeddingDim: 512,
    variants: ['fp32', 'quantized'],
    defaultVariant: 'fp32',
    files: [
      file('config.json'),
      file('preprocessor_config.json', undefined, false),
      file('tokenizer.json'),
      file('tokenizer_config.json', undefined, false),
      file('onnx/vision_model.onnx', 'fp32'),
      file('onnx/text_model.onnx', 'fp32', false),
      file('onnx/vision_model_quantized.onnx', 'quantized'),
      file('onnx/text_model_quantized.onnx', 'quantized'),
    ],
  };
});

afterEach(async () => {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('modelDirName', () => {
  it('makes a single safe folder name of a repo id', () => {
    expect(modelDirName('Xenova/clip-vit-base-patch32')).toBe('Xenova--clip-vit-base-patch32');
    expect(modelDirName('immich-app/ViT-B-32__openai')).toBe('immich-app--ViT-B-32__openai');
    expect(modelDirName('a b:c')).toBe('a_b_c');
    expect(() => modelDirName('..')).toThrow();
  });
});

describe('ensureModel', () => {
  it('downloads every file of the variant and loads the folder', async () => {
    const events: ModelDownloadProgress[] = [];
    const folder = await ensureModel(manifest, { modelsDir, onProgress: (p) => events.push(p) });

    const dir = path.join(modelsDir, 'Test--clip-tiny');
    expect(folder).toMatchObject({ dir, id: 'Test/clip-tiny', layout: 'transformers', variant: 'fp32' });
    expect(server.requests.map((r) => r.path).sort()).toEqual(
      ['config.json', 'onnx/text_model.onnx', 'onnx/vision_model.onnx', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'],
    );
    for (const rel of server.requests.map((r) => r.path)) {
      expect(Buffer.compare(await readFile(path.join(dir, rel)), served[rel]!), rel).toBe(0);
    }
    expect(new Set(events.map((e) => e.fileCount))).toEqual(new Set([6]));
    expect(new Set(events.map((e) => e.path)).size).toBe(6);
    // The hashes it computed are kept, including those the manifest did not know.
    const record = JSON.parse(await readFile(path.join(dir, 'clipfolio-files.json'), 'utf8')) as Record<string, { sha256: string }>;
    expect(record['onnx/text_model.onnx']?.sha256).toBe(sha(served['onnx/text_model.onnx']!));
  });

  it('skips files that are already present and verified', async () => {
    await ensureModel(manifest, { modelsDir });
    const first = server.requests.length;
    await ensureModel(manifest, { modelsDir });
    expect(server.requests.length).toBe(first);
  });

  it('verifies files placed by hand and fetches only what is missing or wrong', async () => {
    const dir = path.join(modelsDir, 'Test--clip-tiny');
    await mkdir(path.join(dir, 'onnx'), { recursive: true });
    await writeFile(path.join(dir, 'tokenizer.json'), served['tokenizer.json']!);
    await writeFile(path.join(dir, 'config.json'), served['config.json']!);
    // Same size, different bytes: only the hash can tell.
    const wrong = Buffer.from(served['onnx/vision_model.onnx']!).map((b) => b ^ 0xff);
    await writeFile(path.join(dir, 'onnx', 'vision_model.onnx'), wrong);

    await ensureModel(manifest, { modelsDir });
    const fetched = server.requests.map((r) => r.path);
    expect(fetched).not.toContain('tokenizer.json');
    expect(fetched).not.toContain('config.json');
    expect(fetched).toContain('onnx/vision_model.onnx');
    expect(Buffer.compare(await readFile(path.join(dir, 'onnx', 'vision_model.onnx')), served['onnx/vision_model.onnx']!)).toBe(0);
  });

  it('fetches only the quantized graphs for the quantized variant', async () => {
    const folder = await ensureModel(manifest, { modelsDir, variant: 'quantized' });
    expect(folder.variant).toBe('quantized');
    const graphs = server.requests.map((r) => r.path).filter((p) => p.startsWith('onnx/'));
    expect(graphs.sort()).toEqual(['onnx/text_model_quantized.onnx', 'onnx/vision_model_quantized.onnx']);
  });

  it('stops with CHECKSUM_MISMATCH when the server sends other bytes', async () => {
    const bad = { ...manifest, files: manifest.files.map((f) => (f.path === 'config.json' ? { ...f, sha256: '0'.repeat(64) } : f)) };
    await expect(ensureModel(bad, { modelsDir })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect(await readdir(path.join(modelsDir, 'Test--clip-tiny'))).not.toContain('config.json');
  });
});

describe('findModelFolders', () => {
  it('is empty when the models folder does not exist yet', async () => {
    expect(await findModelFolders(path.join(tmp, 'none'), [manifest])).toEqual([]);
  });

  it('reports complete and incomplete folders with what is missing', async () => {
    await ensureModel(manifest, { modelsDir });
    await writeImmichFolder(path.join(modelsDir, 'hand-copied-immich'));
    await mkdir(path.join(modelsDir, 'empty'));

    let found = await findModelFolders(modelsDir, [manifest]);
    expect(found.map((m) => [m.id, m.state, m.variants])).toEqual([
      ['empty', 'incomplete', []],
      ['hand-copied-immich', 'complete', ['fp32']],
      ['Test/clip-tiny', 'complete', ['fp32']],
    ]);
    expect(found[0]?.problem).toContain(path.join(modelsDir, 'empty', 'onnx', 'vision_model.onnx'));

    await unlink(path.join(modelsDir, 'Test--clip-tiny', 'tokenizer.json'));
    found = await findModelFolders(modelsDir, [manifest]);
    expect(found.find((m) => m.manifestId === 'Test/clip-tiny')).toMatchObject({
      state: 'incomplete',
      variants: [],
      missing: ['tokenizer.json'],
    });
  });

  it('does not count a half-downloaded file as present', async () => {
    const dir = path.join(modelsDir, 'Test--clip-tiny');
    await ensureModel(manifest, { modelsDir });
    const graph = path.join(dir, 'onnx', 'text_model.onnx');
    await copyFile(graph, `${graph}.part`);
    await unlink(graph);
    const [model] = await findModelFolders(modelsDir, [manifest]);
    expect(model).toMatchObject({ state: 'incomplete', missing: ['onnx/text_model.onnx'] });
  });
});
